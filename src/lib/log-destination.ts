/**
 * Where the log goes when no stream is given: stdout, as one JSON object per line, unless stdout is
 * a terminal, where a person reads it: then pino-pretty (loaded only in that case) writes readable,
 * coloured lines. Log collectors never see a TTY, so they always get JSON.
 */
import type { DestinationStream } from 'pino';

export async function logDestination(
  isTTY: boolean = process.stdout.isTTY === true,
  out: NodeJS.WritableStream = process.stdout,
): Promise<DestinationStream | undefined> {
  if (!isTTY) return out === process.stdout ? undefined : (out as DestinationStream);
  const { default: pretty } = await import('pino-pretty');
  return pretty({
    destination: out,
    colorize: out === process.stdout,
    translateTime: 'SYS:HH:MM:ss.l',
    ignore: 'pid,hostname,service',
    sync: true,
  });
}
