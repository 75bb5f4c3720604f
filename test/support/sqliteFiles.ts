import BetterSqlite3 from 'better-sqlite3';
// Real SQLite files for the health and backup tests: a migrated database holding the demo data,
// its bytes hashed, and a "crash image" (the file and its -wal copied while a connection still
// has committed transactions in the WAL, as a killed process leaves them).
import { WRITE_ORDER } from '../../mock-api/seed/writer';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { putRecords, replaceRefundDecisions, type ResourceRecords } from '../../mock-api/db/codecs';
import { connect, openSqlite, type DatabaseHandle } from '../../mock-api/db/connect';
import { migrateToLatest } from '../../mock-api/db/migrate';
import { generateSeed } from '../../mock-api/seed/index';
import { classifyDecisions } from '../../src/domain/metrics';
import type { RefundRequest } from '../../src/domain/model';

const NOW_MS = Date.parse('2026-11-25T12:00:00.000Z');

/**
 * A new, migrated file in `dir` holding the seed's `count` requests (no complaints), left open: the
 * list plans' tests read it through `handle` and check each answer against `refunds`.
 */
export async function openSeededRequests(
  dir: string,
  options: { count: number; seed: number; nowMs: number },
): Promise<{ handle: DatabaseHandle; refunds: RefundRequest[] }> {
  const snapshot = await generateSeed({ ...options, withComplaints: false });
  const handle = connect({ engine: 'sqlite', file: path.join(dir, 'desk.sqlite') });
  await migrateToLatest(handle.db);
  await handle.db.transaction().execute(async (trx) => {
    for (const table of WRITE_ORDER) {
      const records = snapshot[table] as ResourceRecords[typeof table][] | undefined;
      if (records && records.length > 0) await putRecords(trx, table, records);
    }
  });
  return { handle, refunds: snapshot.refunds };
}

/** Writes the demo data for `count` requests into a new, migrated file; returns the refund ids. */
export async function buildRefundDatabase(file: string, count: number): Promise<string[]> {
  const snapshot = await generateSeed({ count, seed: 5, nowMs: NOW_MS, withComplaints: true });
  const handle = connect({ engine: 'sqlite', file });
  try {
    await migrateToLatest(handle.db);
    await handle.db.transaction().execute(async (trx) => {
      for (const table of WRITE_ORDER) {
        await putRecords(trx, table, snapshot[table] as ResourceRecords[typeof table][]);
      }
      for (const refund of snapshot.refunds) {
        const events = snapshot.events.filter((e) => e.refundId === refund.id);
        await replaceRefundDecisions(trx, refund.id, classifyDecisions(refund, events));
      }
    });
  } finally {
    // the last connection to close copies the WAL into the file and removes it
    await handle.close();
  }
  return snapshot.refunds.map((r) => r.id);
}

export function sha256(file: string): string | null {
  if (!fs.existsSync(file)) return null;
  return crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex');
}

/** The hashes of the file and its -wal, to compare before and after a check. */
export function fileHashes(file: string) {
  return { database: sha256(file), wal: sha256(`${file}-wal`) };
}

/** The -wal after a check: as it was, or (where there was none) none or an empty one a reader made. */
export function walAfter(before: string | null, file: string): string | null {
  const after = sha256(`${file}-wal`);
  const EMPTY = crypto.createHash('sha256').digest('hex');
  return before === null && after === EMPTY ? null : after;
}

/**
 * Copies `file` to `to` with `transactions` committed transactions still in its -wal, each writing
 * `rowsEach` storeMeta rows (keys `t<n>-<k>`): the state a killed API process leaves behind.
 */
export function crashImage(file: string, to: string, transactions: number, rowsEach: number): void {
  const sqlite = openSqlite(file);
  try {
    sqlite.pragma('wal_autocheckpoint = 0');
    const insert = sqlite.prepare('INSERT INTO "storeMeta" ("key", "value") VALUES (?, ?)');
    for (let t = 1; t <= transactions; t++) {
      sqlite.transaction(() => {
        // a value near a page in size: each transaction is several WAL frames
        for (let k = 1; k <= rowsEach; k++) insert.run(`t${t}-${k}`, 'x'.repeat(3000));
      })();
    }
    fs.mkdirSync(path.dirname(to), { recursive: true });
    fs.copyFileSync(file, to);
    fs.copyFileSync(`${file}-wal`, `${to}-wal`);
  } finally {
    sqlite.close();
  }
}

/** Overwrites `length` bytes at `offset` with a pattern, as a disk or a stray write would. */
export function overwrite(file: string, offset: number, length: number): void {
  const fd = fs.openSync(file, 'r+');
  try {
    fs.writeSync(fd, Buffer.alloc(length, 0xa5), 0, length, offset);
  } finally {
    fs.closeSync(fd);
  }
}

/** The WAL's frames: where each starts, its page, and whether it ends a transaction. */
export function walFrames(walFile: string): { offset: number; page: number; commit: boolean }[] {
  const wal = fs.readFileSync(walFile);
  const pageSize = wal.readUInt32BE(8);
  const frames = [];
  for (let offset = 32; offset + 24 + pageSize <= wal.length; offset += 24 + pageSize) {
    frames.push({ offset, page: wal.readUInt32BE(offset), commit: wal.readUInt32BE(offset + 4) > 0 });
  }
  return frames;
}

/** A leaf page of the events table near the middle of the file (dbstat, on the intact copy). */
export function middlePageOffset(file: string): number {
  const sqlite = new BetterSqlite3(file, { readonly: true });
  try {
    const pages = sqlite
      .prepare(`SELECT pageno FROM dbstat WHERE name = 'events' AND pagetype = 'leaf' ORDER BY pageno`)
      .all() as { pageno: number }[];
    const pageSize = sqlite.pragma('page_size', { simple: true }) as number;
    const total = sqlite.pragma('page_count', { simple: true }) as number;
    const middle = pages.reduce((best, p) =>
      Math.abs(p.pageno - total / 2) < Math.abs(best.pageno - total / 2) ? p : best,
    );
    return (middle.pageno - 1) * pageSize;
  } finally {
    sqlite.close();
  }
}
