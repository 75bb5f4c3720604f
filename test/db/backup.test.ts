// `npm run db:backup`: a consistent copy while another process writes (every row committed before
// the backup started is in it, and it passes integrity_check), kept where no server serves it;
// on PostgreSQL a pg_dump custom-format file that pg_restore reads back.
import { execFileSync, spawn, spawnSync, type ChildProcessByStdio } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import type { Readable } from 'node:stream';
import BetterSqlite3 from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { backupDatabase, defaultBackupFile, findPgTool } from '../../mock-api/db/backup';
import { putRecords, type ResourceRecords } from '../../mock-api/db/codecs';
import { DEFAULT_DB_FILE, connect } from '../../mock-api/db/connect';
import { migrateToLatest } from '../../mock-api/db/migrate';
import { generateSeed } from '../../mock-api/seed/index';
import { isPrivatePath } from '../../mock-api/servedFiles';
import { createTestDatabase } from '../support/postgres';
import { buildRefundDatabase } from '../support/sqliteFiles';

let dir = '';
let source = '';
let refundIds: string[] = [];

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'refund-desk-backup-'));
  source = path.join(dir, 'refund-desk.sqlite');
  refundIds = await buildRefundDatabase(source, 300);
});
afterAll(() => {
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

// Another process writing one storeMeta row per transaction, printing each key once committed.
const WRITER = `
const Database = require(process.env.DRIVER);
const db = new Database(process.env.DB_FILE);
db.pragma('journal_mode = WAL');
db.pragma('synchronous = FULL');
db.pragma('busy_timeout = 5000');
const insert = db.prepare('INSERT INTO "storeMeta" ("key", "value") VALUES (?, ?)');
const filler = 'w'.repeat(2000);
for (let n = 1; ; n++) {
  insert.run('w' + n, filler);
  process.stdout.write('w' + n + '\\n');
}
`;

function startWriter(file: string) {
  const driver = createRequire(import.meta.url).resolve('better-sqlite3');
  const child: ChildProcessByStdio<null, Readable, Readable> = spawn(process.execPath, ['-e', WRITER], {
    env: { ...process.env, DRIVER: driver, DB_FILE: file },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const committed: string[] = [];
  let rest = '';
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  child.stdout.on('data', (chunk: Buffer) => {
    const lines = (rest + chunk.toString()).split('\n');
    rest = lines.pop() ?? '';
    committed.push(...lines);
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    committed,
    /** resolves once `n` rows are committed */
    async written(n: number) {
      while (committed.length < n) {
        if (child.exitCode !== null) throw new Error(`the writer stopped: ${stderr}`);
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
    },
    async stop() {
      child.kill('SIGKILL');
      await exited;
    },
  };
}

function readCopy(file: string) {
  const sqlite = new BetterSqlite3(file, { readonly: true, fileMustExist: true });
  try {
    return {
      integrity: sqlite.pragma('integrity_check', { simple: true }) as string,
      foreignKeys: sqlite.pragma('foreign_key_check') as unknown[],
      keys: new Set(
        (sqlite.prepare(`SELECT "key" FROM "storeMeta"`).all() as { key: string }[]).map((r) => r.key),
      ),
      refunds: (sqlite.prepare(`SELECT id FROM "refunds" ORDER BY id`).all() as { id: string }[]).map(
        (r) => r.id,
      ),
    };
  } finally {
    sqlite.close();
  }
}

describe('db:backup on SQLite', () => {
  it('copies the database while another process writes: intact, with every row committed before', async () => {
    const writer = startWriter(source);
    try {
      await writer.written(200);
      const before = [...writer.committed];
      const to = path.join(dir, 'copies', 'while-writing.sqlite');
      const result = await backupDatabase({ engine: 'sqlite', file: source }, to);
      await writer.written(before.length + 50);
      expect(result.file).toBe(to);
      expect(result.restore).toContain(`cp ${to} ${source}`);

      const copy = readCopy(to);
      expect(copy.integrity).toBe('ok');
      expect(copy.foreignKeys).toEqual([]);
      expect(copy.refunds).toEqual([...refundIds].sort());
      expect(before.filter((key) => !copy.keys.has(key))).toEqual([]);
      // one self-contained file: no -wal or -shm beside it, none of the temporary name left
      expect(fs.readdirSync(path.dirname(to))).toEqual(['while-writing.sqlite']);
    } finally {
      await writer.stop();
    }
  });

  it('writes beside the file by default, prints where and how to restore, never overwrites', () => {
    const cli = (args: string[]) =>
      spawnSync('npx', ['tsx', 'mock-api/db/backup.ts', ...args], {
        env: { ...process.env, DATABASE_URL: '', DB_FILE: source },
        encoding: 'utf8',
        timeout: 60_000,
      });
    const made = cli([]);
    expect(made.stderr).toBe('');
    expect(made.status).toBe(0);
    const written = /Backup written to (\S+) \(/.exec(made.stdout)?.[1] ?? '';
    expect(path.dirname(written)).toBe(path.join(dir, 'backups'));
    expect(path.basename(written)).toMatch(/^refund-desk-\d{4}-\d\d-\d\dT\d\d-\d\d-\d\d\.\d{3}Z\.sqlite$/);
    expect(made.stdout).toContain('To restore it');
    expect(readCopy(written).integrity).toBe('ok');

    const again = cli(['--to', written]);
    expect(again.status).toBe(1);
    expect(again.stderr).toContain('never overwrites');
  });

  it('keeps the default backups where no server serves them', () => {
    const now = new Date('2026-12-01T12:00:00.000Z');
    const sqliteCopy = defaultBackupFile({ engine: 'sqlite', file: DEFAULT_DB_FILE }, now);
    const dump = defaultBackupFile({ engine: 'postgres', url: 'postgres://u@localhost/refund_desk' }, now);
    for (const file of [sqliteCopy, `${sqliteCopy}.tmp-123`, dump]) {
      expect(file.startsWith(path.join(path.dirname(DEFAULT_DB_FILE), 'backups'))).toBe(true);
      expect(isPrivatePath(file.replace(/\\/g, '/')), file).toBe(true);
    }
  });
});

describe('db:backup on PostgreSQL', () => {
  it('writes a pg_dump custom-format file that pg_restore reads and restores', async () => {
    const socketDir = inject('postgresSocketDir');
    const url = await createTestDatabase(socketDir, `backup_${process.pid}`);
    const snapshot = await generateSeed({
      count: 40,
      seed: 3,
      nowMs: Date.parse('2026-11-25T12:00:00.000Z'),
    });
    const handle = connect({ engine: 'postgres', url });
    try {
      await migrateToLatest(handle.db);
      await handle.db.transaction().execute(async (trx) => {
        for (const table of ['customers', 'orders', 'users', 'refunds', 'events'] as const) {
          await putRecords(trx, table, snapshot[table] as ResourceRecords[typeof table][]);
        }
      });
    } finally {
      await handle.close();
    }
    const to = path.join(dir, 'dumps', 'refund-desk.dump');
    const result = await backupDatabase({ engine: 'postgres', url }, to);
    expect(result.restore).toContain('pg_restore --clean --if-exists --no-owner');
    expect(fs.readFileSync(to).subarray(0, 5).toString('latin1')).toBe('PGDMP');

    const pgRestore = findPgTool('pg_restore');
    const list = execFileSync(pgRestore, ['--list', to], { encoding: 'utf8' });
    expect(list).toMatch(/TABLE DATA public refunds/);

    const restoredUrl = await createTestDatabase(socketDir, `restored_${process.pid}`);
    execFileSync(pgRestore, ['--no-owner', `--dbname=${restoredUrl}`, to], { stdio: 'pipe' });
    const restored = connect({ engine: 'postgres', url: restoredUrl });
    try {
      const rows = await restored.db.selectFrom('refunds').select('id').orderBy('id').execute();
      expect(rows.map((r) => r.id)).toEqual(snapshot.refunds.map((r) => r.id).sort());
    } finally {
      await restored.close();
    }
  });

  it('says what to install when pg_dump is nowhere', () => {
    const empty = fs.mkdtempSync(path.join(dir, 'no-tools-'));
    expect(() => findPgTool('pg_dump', { PATH: empty }, path.join(empty, 'none'))).toThrow(
      /pg_dump was not found .*apt-get install postgresql-client.*PG_BIN_DIR/,
    );
  });
});
