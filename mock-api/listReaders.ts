// The list reads (GET /api/<resource>: an exact count and one page) off the API's event loop.
// better-sqlite3 is synchronous: a wide filter's count at a million requests holds the loop, and
// every other request with it, for as long as SQLite counts. On SQLite the lists are read on worker
// threads with read-only connections of their own (readWorkerThread.ts); WAL lets them read while
// the API writes, and a read begun after a write was confirmed sees it (each list is read in a
// transaction of its own, begun when the worker takes it up). PostgreSQL's driver does not block
// the loop: there the API's own pool reads them. So does a SQLite database too small for a list to
// hold the loop long: a worker costs its thread's memory (tens of MB: its own V8 heap and modules).
import fs from 'node:fs';
import type { DatabaseTarget } from './db/connect';
import type { ResourceRecords } from './db/codecs';
import { listConditions, runSqlListQuery } from './db/listQuery';
import type { Database, ResourceTable } from './db/schema';
import type { Kysely } from 'kysely';
import type { AuthedUser } from './http';
import { ReadWorker } from './readWorker';
import { READ_RESOURCES } from './resources';
import type { ListQuery, ListResult, ResourceSpec } from './simpleRest';
import { readableCondition } from './visibility';

/** One list page as asked: the query parseListQuery made, the caller, and the API clock's time. */
export interface ListQuestion {
  resource: ResourceTable;
  query: ListQuery;
  nowMs: number;
  viewer: AuthedUser;
}
export type ListAnswer = ListResult<ResourceRecords[ResourceTable]>;

export interface ListWorkerData {
  target: DatabaseTarget;
}

/** The page and count of a list, on `db` (the API's connection, or a worker's). */
export function readList(db: Kysely<Database>, question: ListQuestion): Promise<ListAnswer> {
  const { resource, query, nowMs, viewer } = question;
  return runSqlListQuery(db, resource, specOf(resource), query, {
    nowMs,
    caller: { userId: viewer.id, role: viewer.role },
    visible: readableCondition(viewer, resource),
  }) as Promise<ListAnswer>;
}

function specOf(resource: ResourceTable) {
  return READ_RESOURCES[resource as keyof typeof READ_RESOURCES] as unknown as ResourceSpec<
    ResourceRecords[ResourceTable]
  >;
}

/**
 * How many list workers: one beside the API's own thread on a small machine (the lists wait their
 * turn on it, as they did on the API's single connection, but no longer hold up the writes).
 */
export const LIST_WORKERS = 1;
/** The list worker's V8 young generation, in MB. */
const LIST_WORKER_YOUNG_MB = 8;
/** An idle list worker is kept this long (a list asked sooner finds it started). */
export const LIST_WORKER_IDLE_MS = 60_000;

/**
 * From this size of the SQLite file (at start-up) the lists are read on workers; below it a list's
 * count and page take a few milliseconds on the API's own connection.
 */
export const LIST_WORKERS_FROM_BYTES = 1024 ** 3;

export interface ListReadersOptions {
  workers?: number;
  idleMs?: number;
  /** LIST_WORKERS_FROM_BYTES unless given (0: always, as the tests of the workers ask) */
  fromBytes?: number;
}

function fileBytes(file: string): number {
  try {
    return fs.statSync(file).size;
  } catch {
    return 0;
  }
}

const BOOT = new URL('./listWorkerBoot.mjs', import.meta.url);

export class ListReaders {
  private readonly workers: ReadWorker<ListQuestion, ListAnswer>[];

  constructor(
    private readonly target: DatabaseTarget,
    /** the API's own connection (PostgreSQL, in-memory SQLite) */
    private readonly db: Kysely<Database>,
    options: ListReadersOptions = {},
  ) {
    const offLoop =
      target.engine === 'sqlite' &&
      target.file !== ':memory:' &&
      fileBytes(target.file) >= (options.fromBytes ?? LIST_WORKERS_FROM_BYTES);
    const count = offLoop ? Math.max(1, options.workers ?? LIST_WORKERS) : 0;
    this.workers = Array.from(
      { length: count },
      () =>
        new ReadWorker<ListQuestion, ListAnswer>({
          boot: BOOT,
          workerData: { target } satisfies ListWorkerData,
          idleMs: options.idleMs ?? LIST_WORKER_IDLE_MS,
          what: 'list',
          // a page is small: a young generation of V8's default size would only hold garbage
          resourceLimits: { maxYoungGenerationSizeMb: LIST_WORKER_YOUNG_MB },
        }),
    );
  }

  /**
   * One page of a list and its total. The filter is checked here first, so that a bad one is
   * refused (400 or 403, with its message) without a worker's round trip.
   */
  read(question: ListQuestion): Promise<ListAnswer> {
    const { resource, query, nowMs, viewer } = question;
    listConditions(this.target.engine, resource, specOf(resource), query.filter, {
      nowMs,
      caller: { userId: viewer.id, role: viewer.role },
    });
    if (this.workers.length === 0) return readList(this.db, question);
    // the least busy worker (the first of those equally busy)
    const worker = this.workers.reduce((best, w) => (w.pending < best.pending ? w : best));
    return worker.ask(question);
  }

  /** The running worker threads (tests). */
  get threads() {
    return this.workers.map((w) => w.worker).filter((w) => w !== null);
  }

  get stats() {
    return this.workers.map((w) => w.stats);
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.close()));
  }
}
