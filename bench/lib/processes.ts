// Child processes of the benchmark: the seed script and the mock API (ENABLE_TEST_ROUTES=1, timers
// effectively off), started with `node --import tsx` by default so the pid we watch is the server
// itself; the database they use is a DatabaseTarget, passed in their environment (targets.ts).
import { spawn, type ChildProcess } from 'node:child_process';
import http from 'node:http';
import net from 'node:net';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { DatabaseTarget } from '../../mock-api/db/connect';
import { childEnv } from './targets';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/**
 * The environment `npm run api` sets before node (the leading NAME=value words of its script), so
 * the API the bench starts runs as the one people start: glibc's trim threshold is one of them.
 */
export function apiScriptEnv(): Record<string, string> {
  const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
    scripts: { api: string };
  };
  const env: Record<string, string> = {};
  // the command that starts the server: after the build (`npm run build:api … && MALLOC_…=… node …`)
  const command = pkg.scripts.api.split('&&').pop() ?? '';
  for (const word of command.trim().split(/\s+/)) {
    const assignment = /^([A-Z_][A-Z0-9_]*)=(\S*)$/.exec(word);
    if (!assignment) break;
    env[assignment[1]] = assignment[2];
  }
  return env;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** A child's exit and the tail of its stderr, watched; `stop` ends it (SIGTERM, then SIGKILL). */
export function superviseChild(child: ChildProcess, killAfterMs: number) {
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-4000)));
  let exited: number | null | undefined;
  const exit = new Promise<void>((resolve) =>
    child.on('exit', (code) => {
      exited = code;
      resolve();
    }),
  );
  const stop = async () => {
    if (exited !== undefined) return;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), killAfterMs);
    await exit;
    clearTimeout(timer);
  };
  return { stop, exited: () => exited, stderr: () => stderr };
}

/** Runs a command to completion; rejects with its stderr when it fails. */
export function run(
  command: string,
  args: string[],
  options: { env?: NodeJS.ProcessEnv; quiet?: boolean } = {},
): Promise<{ ms: number; stdout: string }> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(command, args, {
      cwd: ROOT,
      env: { ...process.env, ...options.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code === 0) resolve({ ms: performance.now() - started, stdout });
      else reject(new Error(`${command} ${args.join(' ')} exited with ${code}:\n${stderr.slice(-2000)}`));
    });
  });
}

/**
 * `npm run seed -- --count N --seed S` into the target: DATABASE_URL or DB_FILE in its environment
 * (childEnv), and `--file` naming the SQLite file as well.
 */
export async function seedDatabase(
  target: DatabaseTarget,
  count: number,
  seed: number,
  spareFile: string,
): Promise<{ ms: number; stdout: string }> {
  const args = ['--import', 'tsx', 'mock-api/seed/cli.ts', '--count', String(count), '--seed', String(seed)];
  if (target.engine === 'sqlite') args.push('--file', target.file);
  return run(process.execPath, args, { env: childEnv(target, spareFile) });
}

/**
 * How the API is started: `node build/api/server.mjs`, the bundle `npm run api` builds and runs
 * (scripts/build-api.ts; the bench builds it first); or from source, `node --import tsx
 * mock-api/server.ts` (one process, the server itself) or `tsx mock-api/server.ts` (tsx's CLI,
 * which starts node as a child).
 */
export type Launcher = 'node build/api' | 'node --import tsx' | 'tsx';
export const LAUNCHERS: readonly Launcher[] = ['node build/api', 'node --import tsx', 'tsx'];
/** The launcher of the bench's own API: the one `npm run api` uses. */
export const BENCH_LAUNCHER: Launcher = 'node build/api';
export const BUILT_API_ENTRY = 'build/api/server.mjs';

/** The launcher's command line for a module of ours (`module`: its source path under mock-api/). */
export function launch(launcher: Launcher): [string, string[]] {
  if (launcher === 'node build/api') return [process.execPath, [BUILT_API_ENTRY]];
  if (launcher === 'tsx') return [path.join(ROOT, 'node_modules', '.bin', 'tsx'), ['mock-api/server.ts']];
  return [process.execPath, ['--import', 'tsx', 'mock-api/server.ts']];
}

/** `npm run build:api`: the bundle the bench's API runs, built from the tree as it is. */
export async function buildApi(): Promise<{ ms: number }> {
  return run(process.execPath, ['--import', 'tsx', 'scripts/build-api.ts']);
}

export interface ApiProcess {
  url: string;
  pid: number;
  /** spawn → first 200 on /api/health */
  startupMs: number;
  stop(): Promise<void>;
}

function healthOk(url: string): Promise<boolean> {
  return new Promise((resolve) => {
    const req = http.get(`${url}/api/health`, { agent: false }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode === 200));
    });
    req.on('error', () => resolve(false));
    req.setTimeout(2_000, () => req.destroy());
  });
}

export interface ApiStart {
  target: DatabaseTarget;
  /** DB_FILE of a PostgreSQL child (childEnv) */
  spareFile: string;
  launcher?: Launcher;
}

export async function startApiProcess(start: ApiStart): Promise<ApiProcess> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const [command, args] = launch(start.launcher ?? BENCH_LAUNCHER);
  const started = performance.now();
  const child: ChildProcess = spawn(command, args, {
    cwd: ROOT,
    env: {
      ...childEnv(start.target, start.spareFile),
      ...apiScriptEnv(),
      API_PORT: String(port),
      API_HOST: '127.0.0.1',
      ENABLE_TEST_ROUTES: '1',
      SWEEP_INTERVAL_MS: String(24 * 3_600_000),
      API_LOG: '0',
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  const watched = superviseChild(child, 15_000);
  const { stop } = watched;
  for (;;) {
    if (watched.exited() !== undefined) {
      throw new Error(`The mock API exited (${watched.exited()}) while starting:\n${watched.stderr()}`);
    }
    if (await healthOk(url)) break;
    if (performance.now() - started > 180_000) {
      await stop();
      throw new Error(`The mock API did not answer /api/health within 180 s:\n${watched.stderr()}`);
    }
    // polled often: the interval bounds how much later than the first possible 200 we notice it
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  const startupMs = performance.now() - started;
  if (child.pid === undefined) throw new Error('The mock API has no pid.');
  return { url, pid: child.pid, startupMs, stop };
}
