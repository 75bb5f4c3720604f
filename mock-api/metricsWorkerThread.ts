// The metrics worker thread (started by metricsWorker.ts through metricsWorkerBoot.mjs): answers
// dashboard questions with its own read connection, so that reading and counting months of rows
// never holds up the API's event loop. SQLite: a read-only connection to the same file (WAL lets it
// read while the API writes); PostgreSQL: its own small pool. Questions are answered one at a time.
import { parentPort, workerData } from 'node:worker_threads';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import pg from 'pg';
import { SQLITE_BUSY_TIMEOUT_MS, postgresTypes, type DatabaseTarget } from './db/connect';
import type { Database } from './db/schema';
import { answerMetrics } from './metricsSource';
import type { MetricsReply, MetricsRequest, MetricsWorkerData } from './metricsWorker';

function openForReading(target: DatabaseTarget): Kysely<Database> {
  if (target.engine === 'sqlite') {
    const sqlite = new BetterSqlite3(target.file, { readonly: true, fileMustExist: true });
    sqlite.pragma(`busy_timeout = ${SQLITE_BUSY_TIMEOUT_MS}`);
    return new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) });
  }
  const pool = new pg.Pool({ connectionString: target.url, types: postgresTypes(), max: 2 });
  return new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
}

const port = parentPort;
if (!port) throw new Error('metricsWorkerThread.ts runs as a worker thread (see metricsWorker.ts).');
const { target } = workerData as MetricsWorkerData;
const db = openForReading(target);

let turn: Promise<void> = Promise.resolve();
port.on('message', (request: MetricsRequest) => {
  turn = turn.then(async () => {
    let reply: MetricsReply;
    try {
      reply = { id: request.id, answer: await answerMetrics(db, request.question) };
    } catch (error) {
      reply = { id: request.id, error: error instanceof Error ? error.message : String(error) };
    }
    port.postMessage(reply);
  });
});
