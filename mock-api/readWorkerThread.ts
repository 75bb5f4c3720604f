// The thread side of a read worker (readWorker.ts): a read connection of its own, so that reading
// and counting many rows never holds up the API's event loop. SQLite: a read-only connection to the
// same file (WAL lets it read while the API writes, and each question's read starts after the
// commits the API confirmed before asking); PostgreSQL: its own small pool. Questions are answered
// one at a time. A quiet worker holds only what it needs to answer the next one: once no question
// has come for READ_WORKER_QUIET_MS, the rows of the last ones are collected (V8 would keep them
// until it needs the room). Not after every answer: a full collection takes milliseconds, and a
// reviewer paging through a list asks the next question before it would be over. A stop message
// closes the connection before the thread ends.
import { parentPort } from 'node:worker_threads';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import pg from 'pg';
import { SQLITE_BUSY_TIMEOUT_MS, postgresTypes, withStatementCache, type DatabaseTarget } from './db/connect';
import type { Database } from './db/schema';
import { ApiError } from './http';
import { garbageCollector } from './idleMemory';
import type { ReadReply, ReadWorkerMessage } from './readWorker';

export function openForReading(target: DatabaseTarget, cacheKib: number): Kysely<Database> {
  if (target.engine === 'sqlite') {
    const sqlite = new BetterSqlite3(target.file, { readonly: true, fileMustExist: true });
    sqlite.pragma(`busy_timeout = ${SQLITE_BUSY_TIMEOUT_MS}`);
    sqlite.pragma(`cache_size = -${cacheKib}`);
    return new Kysely<Database>({ dialect: new SqliteDialect({ database: withStatementCache(sqlite) }) });
  }
  const pool = new pg.Pool({ connectionString: target.url, types: postgresTypes(), max: 2 });
  return new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
}

/** How long a worker waits without questions before it collects its garbage. */
export const READ_WORKER_QUIET_MS = 1_000;

/** Answers the API's questions with `answer`, one at a time, on `db` (closed on a stop message). */
export function serveReads<Q, A>(db: Kysely<Database>, answer: (question: Q) => Promise<A>): void {
  const port = parentPort;
  if (!port) throw new Error('A read worker runs as a worker thread (see readWorker.ts).');
  const collectGarbage = garbageCollector();
  let waiting = 0;
  let quiet: ReturnType<typeof setTimeout> | undefined;
  const collectWhenQuiet = () => {
    if (!collectGarbage) return;
    clearTimeout(quiet);
    quiet = setTimeout(collectGarbage, READ_WORKER_QUIET_MS);
    // a quiet worker's timer does not keep its thread alive (a stop ends it)
    quiet.unref();
  };
  let turn: Promise<void> = Promise.resolve();
  port.on('message', (message: ReadWorkerMessage<Q>) => {
    clearTimeout(quiet);
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
      let reply: ReadReply<A>;
      try {
        reply = { id: message.id, answer: await answer(message.question) };
      } catch (error) {
        reply =
          error instanceof ApiError
            ? { id: message.id, error: error.message, refusal: { status: error.status, extra: error.extra } }
            : { id: message.id, error: error instanceof Error ? error.message : String(error) };
      }
      port.postMessage(reply);
      if (--waiting === 0) collectWhenQuiet();
    });
  });
}
