// Part 9 item 5 through the real programs: `npm run api` and `npm run seed -- --if-missing` on a
// SQLite file damaged in the middle both refuse with a message saying what is wrong and what to do,
// and leave every byte of the file as it was (health.ts; test/db/health.test.ts holds each kind of
// damage). SQLite only: PostgreSQL keeps its own pages (db:check runs amcheck there).
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { cleanUpChildren, tryStartChild } from '../support/apiProcesses';
import { fileHashes, middlePageOffset, overwrite } from '../support/sqliteFiles';
import { seededTestDatabase } from './harness';

afterAll(cleanUpChildren);

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

describe('a damaged database file', () => {
  it('stops the API and the seed with what is wrong and what to do; the file keeps every byte', async () => {
    const database = await seededTestDatabase({ count: 400, seed: 61 }, 'sqlite');
    try {
      if (database.target.engine !== 'sqlite') throw new Error('a SQLite file was asked for');
      const file = database.target.file;
      // its cell pointers and cells: rows of the audit trail no longer readable as written
      const page = middlePageOffset(file);
      overwrite(file, page + 8, 64);
      overwrite(file, page + 2000, 1000);
      const before = fileHashes(file);

      const api = await tryStartChild(database);
      expect('url' in api, 'the API must not start on a damaged file').toBe(false);
      const said = (api as { output: string }).output;
      expect(said).toContain(`The database file ${file} is damaged`);
      expect(said).toContain('left exactly as they are');
      expect(said).toContain('npm run db:check');
      expect(fileHashes(file)).toEqual(before);

      const seed = spawnSync(
        path.join(ROOT, 'node_modules', '.bin', 'tsx'),
        ['mock-api/seed/cli.ts', '--if-missing', '--file', file],
        { cwd: ROOT, encoding: 'utf8' },
      );
      expect(seed.status).toBe(1);
      expect(seed.stderr).toContain(`The database file ${file} is damaged`);
      expect(fileHashes(file)).toEqual(before);
    } finally {
      database.remove();
    }
  }, 60_000);
});
