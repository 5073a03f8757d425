/**
 * The value parsers of the settings table: each returns the parsed value or throws SettingError
 * naming the setting, the value and what is allowed. Imports nothing from settings.ts, so the
 * modules that settings.ts merges can use them while it is still being evaluated.
 */
/** A bad setting value or combination: start-up stops with its one-line message. */
export class SettingError extends Error {}

export type Parser<T> = (raw: string, name: string) => T;

export const fail = (name: string, raw: string, allowed: string): never => {
  throw new SettingError(`invalid setting ${name}=${JSON.stringify(raw)}: ${allowed}`);
};
export const oneOf =
  <T extends string>(...values: T[]): Parser<T> =>
  (raw, name) =>
    (values as string[]).includes(raw) ? (raw as T) : fail(name, raw, `expected one of ${values.join(', ')}`);
export const int =
  (min: number, max: number): Parser<number> =>
  (raw, name) => {
    const n = /^\d+$/.test(raw.trim()) ? Number(raw.trim()) : NaN;
    return Number.isSafeInteger(n) && n >= min && n <= max
      ? n
      : fail(name, raw, `expected a whole number from ${min} to ${max}`);
  };
export const nonEmpty: Parser<string> = (raw, name) =>
  raw.trim() !== '' ? raw.trim() : fail(name, raw, 'expected a non-empty value');
export const onOff: Parser<boolean> = (raw, name) =>
  raw === 'on' ? true : raw === 'off' ? false : fail(name, raw, 'expected on or off');
