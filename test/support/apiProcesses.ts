// API processes for the durability and multi-process suites: each a real `tsx mock-api/server.ts`
// child on a database of the run's engine (the harness's), killed with SIGKILL when a test wants a
// crash, and talked to with the harness's client.
import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { DatabaseTarget } from '../../mock-api/db/connect';
import { apiClient, seededTestDatabase } from '../mock-api/harness';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const TSX = path.join(ROOT, 'node_modules', '.bin', 'tsx');

const removals: (() => void)[] = [];
const children = new Set<ChildProcess>();

/** Kills every child still running and removes the databases (call from afterAll). */
export function cleanUpChildren(): void {
  for (const child of children) killGroup(child);
  for (const remove of removals.splice(0)) remove();
}

/** A freshly seeded database of the run's engine (SQLite, or PostgreSQL in the PostgreSQL run). */
export async function seededDatabase(count: number, seed: number) {
  const database = await seededTestDatabase({ count, seed });
  removals.push(database.remove);
  return database;
}

/** What a child API process is told about its database and secret, as `npm run api` reads them. */
function databaseEnv(target: DatabaseTarget, dir: string): Record<string, string> {
  const secret = { TOKEN_SECRET_FILE: path.join(dir, 'token.secret') };
  return target.engine === 'sqlite'
    ? { ...secret, DB_FILE: target.file, DATABASE_URL: '' }
    : { ...secret, DATABASE_URL: target.url };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

export interface Child {
  process: ChildProcess;
  url: string;
  exited: Promise<void>;
  output: () => string;
}

/**
 * How a child API is run: from source (`tsx mock-api/server.ts`), or the bundle `npm run api`
 * runs (`node build/api/server.mjs`, built by scripts/build-api.ts beforehand).
 */
export const API_COMMANDS = {
  source: [TSX, ['mock-api/server.ts']],
  built: [process.execPath, ['build/api/server.mjs']],
} as const satisfies Record<string, readonly [string, readonly string[]]>;
export type ApiCommand = keyof typeof API_COMMANDS;

/** `tsx mock-api/server.ts` in its own process group, so SIGKILL reaches tsx's node child too. */
export async function startChild(
  database: { target: DatabaseTarget; dir: string },
  env: Record<string, string> = {},
  command: ApiCommand = 'source',
): Promise<Child> {
  // the free port can be taken by another test's server before the child binds it: try another
  for (let attempt = 1; ; attempt++) {
    const started = await tryStartChild(database, undefined, env, command);
    if ('url' in started) return started;
    if (!started.output.includes('EADDRINUSE') || attempt === 3) {
      throw new Error(`the server exited while starting: ${started.output}`);
    }
  }
}

/** Starts a child API; `port` given, it may fail to bind (then its output is answered). */
export async function tryStartChild(
  database: { target: DatabaseTarget; dir: string },
  port?: number,
  /** more environment for the child (e.g. WEBHOOK_* settings) */
  env: Record<string, string> = {},
  command: ApiCommand = 'source',
): Promise<Child | { output: string }> {
  port ??= await freePort();
  const [program, args] = API_COMMANDS[command];
  const child = spawn(program, [...args], {
    cwd: ROOT,
    env: {
      ...process.env,
      ...databaseEnv(database.target, database.dir),
      API_PORT: String(port),
      SWEEP_INTERVAL_MS: '3600000',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  children.add(child);
  let output = '';
  child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 20_000;
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) {
      await exited;
      children.delete(child);
      return { output };
    }
    try {
      // this child's own answer: another process may be listening on the port it failed to take
      const res = await fetch(`${url}/api/health`);
      if (res.ok && output.includes('mock API on http')) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`the server did not start: ${output}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  return { process: child, url, exited, output: () => output };
}

function killGroup(child: ChildProcess) {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  try {
    process.kill(-child.pid, 'SIGKILL');
  } catch {
    // already gone
  }
}

export async function kill(child: Child) {
  killGroup(child.process);
  await child.exited;
  children.delete(child.process);
}

export type Reply = { status: number; body: unknown };

/** The harness's client with the arguments in a row, each call given up after 10 s. */
export function client(url: string) {
  const api = apiClient(url, { timeoutMs: 10_000 });
  const call = async (method: string, route: string, token?: string, body?: unknown): Promise<Reply> => {
    const { status, body: answer } = await api.call(method, route, { token, body });
    return { status, body: answer };
  };
  return { call, login: (username: string) => api.login(username) };
}
