// The bench's children (seed, API) are told their database in their environment (bench/lib/
// targets.ts childEnv): whatever the shell exports, targetFromEnv in the child names exactly the
// target the bench means, so a DATABASE_URL left in the shell never has the SQLite run seed (and
// replace) a PostgreSQL database, and a password never reaches the printed table.
import { afterEach, expect, it } from 'vitest';
import { targetFromEnv, type DatabaseTarget } from '../../mock-api/db/connect';
import { childEnv, redactUrl } from '../../bench/lib/targets';
import { apiScriptEnv } from '../../bench/lib/processes';

const saved = { DATABASE_URL: process.env.DATABASE_URL, DB_FILE: process.env.DB_FILE };
afterEach(() => {
  for (const [key, value] of Object.entries(saved)) {
    if (value === undefined) delete process.env[key];
    else process.env[key] = value;
  }
});

const SQLITE: DatabaseTarget = { engine: 'sqlite', file: '/tmp/bench-run/refund-desk.sqlite' };
const POSTGRES: DatabaseTarget = { engine: 'postgres', url: 'postgres://desk:secret@db.example/desk' };

it.each([
  ['nothing', {}],
  ['a DATABASE_URL', { DATABASE_URL: 'postgres://someone@prod.example/desk' }],
  ['a DB_FILE', { DB_FILE: '/srv/desk/refund-desk.sqlite' }],
  ['both', { DATABASE_URL: 'postgres://someone@prod.example/desk', DB_FILE: '/srv/desk/x.sqlite' }],
])('with %s in the shell, each child gets the bench’s own target', (_label, shell) => {
  Object.assign(process.env, shell);
  expect(targetFromEnv(childEnv(SQLITE, '/tmp/bench-run/unused.sqlite'))).toEqual(SQLITE);
  const env = childEnv(POSTGRES, '/tmp/bench-run/unused.sqlite');
  expect(targetFromEnv(env)).toEqual(POSTGRES);
  // a checkout whose API still ignores DATABASE_URL writes to the spare file, not the demo database
  expect(env.DB_FILE).toBe('/tmp/bench-run/unused.sqlite');
});

it('prints a PostgreSQL address without its password', () => {
  expect(redactUrl('postgres://desk:secret@db.example:5432/desk?sslmode=require')).toBe(
    'postgres://desk:***@db.example:5432/desk?sslmode=require',
  );
  expect(redactUrl('postgres://desk:pa%3Ass@localhost/desk?host=%2Ftmp%2Fpg')).toBe(
    'postgres://desk:***@localhost/desk?host=%2Ftmp%2Fpg',
  );
  expect(redactUrl('not a url: secret')).not.toContain('secret');
});

it('starts the API with the environment `npm run api` gives it (glibc returns freed memory)', () => {
  // the trim threshold is what keeps the resident-memory figure honest: the bench must run the
  // API the way people do, not a bare node that keeps freed scrypt buffers and a pool per thread
  expect(apiScriptEnv()).toEqual({ MALLOC_TRIM_THRESHOLD_: '131072', MALLOC_ARENA_MAX: '2' });
});
