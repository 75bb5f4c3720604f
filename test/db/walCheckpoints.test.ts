// The write-ahead log is checkpointed on a worker thread (db/walCheckpoints.ts): the API's own
// connection stops checkpointing while the worker runs, the worker copies the log into the database
// file, and the API's connection checkpoints again once the worker stops or cannot start.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type BetterSqlite3 from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { openSqlite } from '../../mock-api/db/connect';
import { DEFAULT_AUTOCHECKPOINT_PAGES, startWalCheckpointer } from '../../mock-api/db/walCheckpoints';

const opened: BetterSqlite3.Database[] = [];
const dirs: string[] = [];

afterEach(() => {
  for (const db of opened.splice(0)) if (db.open) db.close();
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

function freshDatabase() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wal-checkpoints-'));
  dirs.push(dir);
  const file = path.join(dir, 'desk.sqlite');
  const db = openSqlite(file);
  opened.push(db);
  db.exec('create table "pages" ("n" integer primary key, "body" blob not null)');
  return { file, db };
}

const autocheckpoint = (db: BetterSqlite3.Database) => db.pragma('wal_autocheckpoint', { simple: true });

async function until(condition: () => boolean, ms = 10_000) {
  const deadline = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('WAL checkpoints on a worker thread', () => {
  it('copy the log into the database file while the API’s connection never checkpoints', async () => {
    const { file, db } = freshDatabase();
    const checkpoints = startWalCheckpointer(file, db, { intervalMs: 20 });
    try {
      await checkpoints.ready;
      expect(autocheckpoint(db)).toBe(0);
      const before = fs.statSync(file).size;
      // about 2,000 pages, twice SQLite's own checkpoint threshold, in 500 commits
      const insert = db.prepare('insert into "pages" ("body") values (?)');
      for (let k = 0; k < 500; k++) db.transaction(() => insert.run(Buffer.alloc(16_000, k % 251)))();
      // the worker reports each checkpoint after the file has grown, so wait for the report too
      await until(
        () => fs.statSync(file).size >= before + 500 * 16_000 && checkpoints.stats.pagesCopied >= 500 * 4,
      );
      expect(checkpoints.stats.checkpoints).toBeGreaterThan(0);
      expect(checkpoints.stats.pagesCopied).toBeGreaterThanOrEqual(500 * 4);
      // every row is there, read through the database file and the log alike
      expect(db.prepare('select count(*) as "n" from "pages"').get()).toEqual({ n: 500 });
    } finally {
      await checkpoints.stop();
    }
    expect(autocheckpoint(db)).toBe(DEFAULT_AUTOCHECKPOINT_PAGES);
  });

  it('leave checkpoints to the API’s connection when the worker cannot open the file', async () => {
    const { db } = freshDatabase();
    const missing = path.join(dirs[0], 'no-such.sqlite');
    const checkpoints = startWalCheckpointer(missing, db, { intervalMs: 20 });
    await checkpoints.ready;
    await checkpoints.stop();
    expect(autocheckpoint(db)).toBe(DEFAULT_AUTOCHECKPOINT_PAGES);
    expect(fs.existsSync(missing)).toBe(false);
  });
});
