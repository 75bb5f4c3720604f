// A throwaway PostgreSQL server for tests: `initdb` in a temporary folder, `pg_ctl` listening on a
// Unix socket in that folder only (no TCP port), run as the `postgres` user when the tests run as
// root (PostgreSQL refuses to run as root). One server per vitest run (postgresGlobalSetup.ts),
// a database per test file (createTestDatabase).
//
// Missing binaries are an error, never a skip: `.ci/run` installs Debian's postgresql.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';

/** Where Debian puts the server's programs (the packages only link psql into the PATH). */
const BIN_DIRS = ['/usr/lib/postgresql/17/bin', '/usr/lib/postgresql/16/bin', '/usr/lib/postgresql/15/bin'];

function findBinDir(): string {
  const fromEnv = process.env.PG_BIN_DIR;
  const dirs = fromEnv ? [fromEnv, ...BIN_DIRS] : BIN_DIRS;
  for (const dir of dirs) {
    if (fs.existsSync(path.join(dir, 'initdb')) && fs.existsSync(path.join(dir, 'pg_ctl'))) return dir;
  }
  throw new Error(
    `PostgreSQL's initdb and pg_ctl were not found in ${dirs.join(', ')}: ` +
      'install it (apt-get install -y postgresql; .ci/run does) or set PG_BIN_DIR.',
  );
}

export interface PostgresServer {
  /** the folder of the server's socket: `host` for pg */
  socketDir: string;
  stop(): void;
}

const SUPERUSER = 'postgres';
const ROOT_PREFIX = 'refund-desk-pg-';
/** the pid of the process that started a server, so that a later run can stop one left behind */
const OWNER_FILE = 'owner.pid';

/** A postgres:// address of `database` on the server at `socketDir`, as DATABASE_URL takes it. */
export function postgresUrl(socketDir: string, database: string): string {
  const db = encodeURIComponent(database);
  return `postgres://${SUPERUSER}@localhost/${db}?host=${encodeURIComponent(socketDir)}`;
}

/**
 * Creates an empty database and returns its address. UTF-8 with a UTF-8 character classification
 * (LC_CTYPE C.UTF-8): under the server's C locale pg_trgm would take no Chinese or Greek letter
 * into a trigram (migration 002 refuses such a database).
 */
export async function createTestDatabase(
  socketDir: string,
  name: string,
  ctype = 'C.UTF-8',
): Promise<string> {
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`Not a plain database name: ${name}`);
  if (!/^[A-Za-z0-9._-]+$/.test(ctype)) throw new Error(`Not a locale name: ${ctype}`);
  const client = new pg.Client({ host: socketDir, user: SUPERUSER, database: 'postgres' });
  await client.connect();
  try {
    await client.query(
      `CREATE DATABASE ${name} TEMPLATE template0 ENCODING 'UTF8' LC_CTYPE '${ctype}' LC_COLLATE 'C'`,
    );
  } finally {
    await client.end();
  }
  return postgresUrl(socketDir, name);
}

function runAs(asRoot: boolean, file: string, args: string[], cwd: string) {
  const [command, argv] = asRoot ? ['runuser', ['-u', SUPERUSER, '--', file, ...args]] : [file, args];
  execFileSync(command, argv, { stdio: ['ignore', 'pipe', 'pipe'], cwd });
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Stops and removes the servers of earlier runs that ended without stopping them (killed). */
function stopLeftovers(bin: string, asRoot: boolean) {
  for (const entry of fs.readdirSync(os.tmpdir())) {
    if (!entry.startsWith(ROOT_PREFIX)) continue;
    const root = path.join(os.tmpdir(), entry);
    let owner = Number.NaN;
    try {
      owner = Number(fs.readFileSync(path.join(root, OWNER_FILE), 'utf8'));
    } catch {
      continue; // still starting, or not a server's folder: not ours to judge
    }
    if (!Number.isInteger(owner) || isAlive(owner)) continue;
    try {
      const args = ['-D', path.join(root, 'data'), '-m', 'immediate', 'stop'];
      runAs(asRoot, path.join(bin, 'pg_ctl'), args, root);
    } catch {
      // not running any more
    }
    fs.rmSync(root, { recursive: true, force: true });
  }
}

export function startPostgres(): PostgresServer {
  const bin = findBinDir();
  const asRoot = process.getuid?.() === 0;
  stopLeftovers(bin, asRoot);
  const root = fs.mkdtempSync(path.join(os.tmpdir(), ROOT_PREFIX));
  const dataDir = path.join(root, 'data');
  const run = (program: string, args: string[]) => runAs(asRoot, path.join(bin, program), args, root);
  if (asRoot) execFileSync('chown', [SUPERUSER, root]);
  // 0700: initdb and the server insist the socket's folder and the data are the owner's only
  fs.chmodSync(root, 0o700);
  try {
    run('initdb', ['-D', dataDir, '-U', SUPERUSER, '-A', 'trust', '-E', 'UTF8', '--no-locale']);
    const options = [
      "-c listen_addresses=''",
      `-c unix_socket_directories=${root}`,
      // a test server: its data is thrown away, so there is nothing to make durable
      '-c fsync=off',
      '-c synchronous_commit=off',
      '-c full_page_writes=off',
    ].join(' ');
    run('pg_ctl', ['-D', dataDir, '-l', path.join(root, 'server.log'), '-o', options, '-w', 'start']);
  } catch (error) {
    const log = path.join(root, 'server.log');
    const detail = fs.existsSync(log) ? fs.readFileSync(log, 'utf8') : '';
    fs.rmSync(root, { recursive: true, force: true });
    throw new Error(`Could not start a test PostgreSQL server: ${String(error)}\n${detail}`);
  }
  fs.writeFileSync(path.join(root, OWNER_FILE), String(process.pid));
  let stopped = false;
  return {
    socketDir: root,
    stop() {
      if (stopped) return;
      stopped = true;
      try {
        run('pg_ctl', ['-D', dataDir, '-m', 'immediate', '-w', 'stop']);
      } finally {
        fs.rmSync(root, { recursive: true, force: true });
      }
    },
  };
}
