/**
 * Benchmark child: the BASELINE. A bare node:http server that, per request, does one SQLite INSERT
 * and one SELECT (better-sqlite3 directly, prepared statements, temp FILE, WAL with the same
 * pragmas as resdir's store) and answers a small JSON body. Same IPC protocol as resdir-server.
 */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import http from 'node:http';
import type { ServerReady } from './child.js';

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'resdir-bench-baseline-'));
const file = path.join(dataDir, 'baseline.db');
const db = new Database(file);
db.pragma('journal_mode = WAL');
db.pragma('synchronous = NORMAL');
db.pragma('busy_timeout = 5000');
db.exec(
  'CREATE TABLE hits (id INTEGER PRIMARY KEY, request_id TEXT NOT NULL, target TEXT NOT NULL, ' +
    'created_at INTEGER NOT NULL)',
);
const insert = db.prepare('INSERT INTO hits (request_id, target, created_at) VALUES (?, ?, ?)');
const select = db.prepare('SELECT id, request_id, created_at FROM hits WHERE id = ?');

const server = http.createServer((req, res) => {
  const requestId = randomUUID().toUpperCase();
  const { lastInsertRowid } = insert.run(requestId, req.url ?? '/', Date.now());
  const row = select.get(lastInsertRowid) as { id: number; request_id: string; created_at: number };
  const body = JSON.stringify({
    RequestId: row.request_id,
    Id: row.id,
    CreatedAt: new Date(row.created_at).toISOString(),
  });
  res.writeHead(200, { 'content-type': 'application/json;charset=utf-8' });
  res.end(body);
});
server.keepAliveTimeout = 60_000;
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
const url = `http://127.0.0.1:${(server.address() as { port: number }).port}`;

let closing = false;
const shutdown = (): void => {
  if (closing) return;
  closing = true;
  server.close();
  db.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
  process.exit(0);
};
process.on('disconnect', shutdown);
process.on('SIGTERM', shutdown);
process.on('SIGINT', shutdown);

const ready: ServerReady = { url, database: `sqlite:${file}` };
process.send?.(ready);
