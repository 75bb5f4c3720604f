// A fresh database for one test's API: a SQLite file in a temporary folder, or, when the run is
// the PostgreSQL one (TEST_ENGINE=postgres, vitest.postgres.config.ts), a new database on the
// run's throwaway server (postgresGlobalSetup.ts). Each call makes its own.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { inject } from 'vitest';
import type { DatabaseTarget } from '../../mock-api/db/connect';
import type { Engine } from '../../mock-api/db/engine';
import { createTestDatabase } from './postgres';

export function testEngine(): Engine {
  return process.env.TEST_ENGINE === 'postgres' ? 'postgres' : 'sqlite';
}

let made = 0;

export interface TestDatabase {
  target: DatabaseTarget;
  /** a folder of its own (the SQLite file, the token secret) */
  dir: string;
  remove(): void;
}

export async function makeTestDatabase(engine: Engine = testEngine()): Promise<TestDatabase> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'refund-desk-test-'));
  const remove = () => fs.rmSync(dir, { recursive: true, force: true });
  if (engine === 'sqlite') {
    return { target: { engine: 'sqlite', file: path.join(dir, 'desk.sqlite') }, dir, remove };
  }
  const name = `api_${process.pid}_${++made}_${path.basename(dir).replace(/\W/g, '').toLowerCase()}`;
  const url = await createTestDatabase(inject('postgresSocketDir'), name);
  return { target: { engine: 'postgres', url }, dir, remove };
}
