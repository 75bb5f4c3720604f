// Both engines for a test: an empty SQLite file in a temporary folder and an empty database on the
// run's throwaway PostgreSQL server (postgresGlobalSetup.ts), opened through mock-api/db/connect.ts
// as the API opens them. Call in a describe block or at the top of a test file: it registers its
// own hooks.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, inject } from 'vitest';
import { connect, type DatabaseHandle } from '../../mock-api/db/connect';
import type { Engine } from '../../mock-api/db/engine';
import { createTestDatabase } from './postgres';

export interface TestDatabases {
  /** both engines, open; filled in by beforeAll */
  readonly handles: Record<Engine, DatabaseHandle>;
  readonly sqliteFile: string;
  readonly postgresUrl: string;
}

let created = 0;

export function useBothEngines(name: string): TestDatabases {
  let dir = '';
  const state = {
    handles: {} as Record<Engine, DatabaseHandle>,
    sqliteFile: '',
    postgresUrl: '',
  };
  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'refund-desk-db-'));
    state.sqliteFile = path.join(dir, `${name}.sqlite`);
    // unique in the run: several files (and describe blocks) share the server
    const database = `${name}_${process.pid}_${++created}`.toLowerCase().replace(/[^a-z0-9_]/g, '_');
    state.postgresUrl = await createTestDatabase(inject('postgresSocketDir'), database);
    state.handles.sqlite = connect({ engine: 'sqlite', file: state.sqliteFile });
    state.handles.postgres = connect({ engine: 'postgres', url: state.postgresUrl });
  });
  afterAll(async () => {
    try {
      await Promise.all(Object.values(state.handles).map((h) => h.close()));
    } finally {
      if (dir) fs.rmSync(dir, { recursive: true, force: true });
    }
  });
  return state;
}
