/**
 * Benchmark child: the BASELINE on PostgreSQL. A bare node:http server that, per request, does one
 * INSERT and one SELECT through a `pg` pool (as many connections as resdir's default pool) on the
 * database in BENCH_DATABASE_URL, and answers a small JSON body. Same IPC protocol as resdir-server.
 */
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import pg from 'pg';
import { DEFAULT_POSTGRES_OPTIONS } from '../store/postgres.js';
import type { ServerReady } from './child.js';

const url = process.env.BENCH_DATABASE_URL;
if (!url) throw new Error('BENCH_DATABASE_URL is not set');
const pool = new pg.Pool({ connectionString: url, max: DEFAULT_POSTGRES_OPTIONS.poolSize });
await pool.query(
  'CREATE TABLE IF NOT EXISTS hits (id BIGSERIAL PRIMARY KEY, request_id TEXT NOT NULL, target TEXT NOT NULL, ' +
    'created_at BIGINT NOT NULL)',
);

const handler = async (target: string): Promise<string> => {
  const requestId = randomUUID().toUpperCase();
  const inserted = await pool.query<{ id: string }>(
    'INSERT INTO hits (request_id, target, created_at) VALUES ($1, $2, $3) RETURNING id',
    [requestId, target, Date.now()],
  );
  const { rows } = await pool.query<{ id: string; request_id: string; created_at: string }>(
    'SELECT id, request_id, created_at FROM hits WHERE id = $1',
    [inserted.rows[0]!.id],
  );
  const row = rows[0]!;
  return JSON.stringify({
    RequestId: row.request_id,
    Id: Number(row.id),
    CreatedAt: new Date(Number(row.created_at)).toISOString(),
  });
};
const server = http.createServer((req, res) => {
  handler(req.url ?? '/').then(
    (body) => {
      res.writeHead(200, { 'content-type': 'application/json;charset=utf-8' });
      res.end(body);
    },
    () => {
      res.writeHead(500);
      res.end();
    },
  );
});
server.keepAliveTimeout = 60_000;
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
const listening = `http://127.0.0.1:${(server.address() as { port: number }).port}`;

let closing = false;
const shutdown = (): void => {
  if (closing) return;
  closing = true;
  server.close();
  void pool.end().finally(() => process.exit(0));
};
process.on('disconnect', shutdown);
process.on('SIGTERM', shutdown);
process.on('SIGINT', shutdown);

const ready: ServerReady = { url: listening, database: 'postgres' };
process.send?.(ready);
