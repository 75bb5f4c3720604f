// The metrics worker thread (started by metricsWorker.ts through metricsWorkerBoot.mjs): answers
// dashboard questions with its own read connection, so that reading and counting months of rows
// never holds up the API's event loop. SQLite: a read-only connection to the same file (WAL lets it
// read while the API writes); PostgreSQL: its own small pool. Questions are answered one at a time.
// Between questions it holds only what it needs to answer the next one: once none is waiting, the
// rows of the last one are collected (V8 would keep them until it needs the room), and a stop message closes the connection
// before the thread ends.
import { parentPort, workerData } from 'node:worker_threads';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import pg from 'pg';
import {
  SQLITE_BUSY_TIMEOUT_MS,
  SQLITE_READER_CACHE_KIB,
  postgresTypes,
  type DatabaseTarget,
} from './db/connect';
import type { Database } from './db/schema';
import { garbageCollector } from './idleMemory';
import { answerMetrics } from './metricsSource';
import type { MetricsReply, MetricsWorkerMessage, MetricsWorkerData } from './metricsWorker';

function openForReading(target: DatabaseTarget): Kysely<Database> {
  if (target.engine === 'sqlite') {
    const sqlite = new BetterSqlite3(target.file, { readonly: true, fileMustExist: true });
    sqlite.pragma(`busy_timeout = ${SQLITE_BUSY_TIMEOUT_MS}`);
    sqlite.pragma(`cache_size = -${SQLITE_READER_CACHE_KIB}`);
    return new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) });
  }
  const pool = new pg.Pool({ connectionString: target.url, types: postgresTypes(), max: 2 });
  return new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
}

const port = parentPort;
if (!port) throw new Error('metricsWorkerThread.ts runs as a worker thread (see metricsWorker.ts).');
const { target } = workerData as MetricsWorkerData;
const db = openForReading(target);
const collectGarbage = garbageCollector();

let waiting = 0;
let turn: Promise<void> = Promise.resolve();
port.on('message', (message: MetricsWorkerMessage) => {
  if (message.kind === 'stop') {
    // after the questions already asked; the thread ends once nothing is left on its event loop
    turn = turn.then(async () => {
      await db.destroy();
      port.close();
    });
    return;
  }
  waiting++;
  turn = turn.then(async () => {
    let reply: MetricsReply;
    try {
      reply = { id: message.id, answer: await answerMetrics(db, message.question) };
    } catch (error) {
      reply = { id: message.id, error: error instanceof Error ? error.message : String(error) };
    }
    port.postMessage(reply);
    if (--waiting === 0) collectGarbage?.();
  });
});
