// `npx tsx scripts/memory-breakdown.ts --file <seeded.sqlite> [--quick] [--trim]`
//
// Where the API's resident memory goes: starts the API on a copy of a seeded SQLite file (as the
// bench does, bench/lib/processes.ts), drives it with the bench's API part (bench/api.ts) and prints
// the process's memory after each phase, then after the metrics worker's idle time has passed:
// RSS split into anonymous and file-backed pages (/proc/<pid>/status), the threads alive (a metrics
// or integrity worker is a thread), the V8 heap and off-heap figures (process.memoryUsage through
// /api/test/loop-stats), and the anonymous mappings by kind (/proc/<pid>/smaps). With --trim it
// finally asks glibc to return its free pages (malloc_trim through gdb, if installed): what that
// gives back is memory the allocator kept after it was freed, not memory still in use.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runApiBench } from '../bench/api';
import { loopStats } from '../bench/burst';
import { BenchClient } from '../bench/lib/http';
import { startApiProcess } from '../bench/lib/processes';
import { METRICS_WORKER_IDLE_MS } from '../mock-api/metricsWorker';

const MB = 1024 * 1024;
const mb = (bytes: number) => `${(bytes / MB).toFixed(0)} MB`;

interface Args {
  file: string;
  quick: boolean;
  trim: boolean;
  /** write a heap snapshot at the end (it collects garbage first: heapUsed after it is what is live) */
  snapshot: boolean;
}

function parseArgs(argv: string[]): Args {
  const args: Args = { file: '', quick: false, trim: false, snapshot: false };
  for (let k = 0; k < argv.length; k++) {
    if (argv[k] === '--file') args.file = path.resolve(argv[++k] ?? '');
    else if (argv[k] === '--quick') args.quick = true;
    else if (argv[k] === '--trim') args.trim = true;
    else if (argv[k] === '--snapshot') args.snapshot = true;
    else throw new Error(`Unknown argument ${argv[k]}.`);
  }
  if (!args.file || !fs.existsSync(args.file)) {
    throw new Error('--file must name a seeded SQLite file (npm run seed -- --count N --file …).');
  }
  return args;
}

/** VmRSS, RssAnon, RssFile and Threads of a process, in bytes (threads as a count). */
function status(pid: number): { rss: number; anon: number; file: number; threads: number } {
  const text = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (name: string) => Number(new RegExp(`^${name}:\\s+(\\d+)`, 'm').exec(text)?.[1] ?? 0) * 1024;
  return {
    rss: kb('VmRSS'),
    anon: kb('RssAnon'),
    file: kb('RssFile'),
    threads: kb('Threads') / 1024,
  };
}

/**
 * Resident anonymous memory by kind of mapping: glibc's main heap ([heap]), glibc's thread arenas
 * (mappings inside 64 MB-aligned reservations, seen as ≤ 64 MB anonymous mappings next to a
 * no-access remainder), and the other anonymous mappings (V8's heap pages, thread stacks, large
 * malloc blocks).
 */
function anonymousMappings(pid: number): Record<string, number> {
  const text = fs.readFileSync(`/proc/${pid}/smaps`, 'utf8');
  const totals: Record<string, number> = { '[heap]': 0, '[stack]': 0, anonymous: 0, 'file-backed': 0 };
  let kind = 'anonymous';
  for (const line of text.split('\n')) {
    const head = /^[0-9a-f]+-[0-9a-f]+ \S+ \S+ \S+ \S+\s*(.*)$/.exec(line);
    if (head) {
      const name = head[1].trim();
      kind =
        name === ''
          ? 'anonymous'
          : name in totals
            ? name
            : name.startsWith('[')
              ? 'anonymous'
              : 'file-backed';
      continue;
    }
    const rss = /^Rss:\s+(\d+) kB/.exec(line);
    if (rss) totals[kind] += Number(rss[1]) * 1024;
  }
  return totals;
}

/** The largest resident anonymous mappings: start address, size and resident bytes. */
function largestMappings(pid: number, count: number): string[] {
  const text = fs.readFileSync(`/proc/${pid}/smaps`, 'utf8');
  const found: { start: bigint; size: number; rss: number; name: string }[] = [];
  let current: (typeof found)[number] | null = null;
  for (const line of text.split('\n')) {
    const head = /^([0-9a-f]+)-([0-9a-f]+) \S+ \S+ \S+ \S+\s*(.*)$/.exec(line);
    if (head) {
      const start = BigInt(`0x${head[1]}`);
      current = { start, size: Number(BigInt(`0x${head[2]}`) - start), rss: 0, name: head[3].trim() };
      found.push(current);
      continue;
    }
    const rss = /^Rss:\s+(\d+) kB/.exec(line);
    if (rss && current) current.rss = Number(rss[1]) * 1024;
  }
  return found
    .filter((m) => m.name === '' || m.name === '[heap]')
    .sort((a, b) => b.rss - a.rss)
    .slice(0, count)
    .map((m) => {
      const aligned = m.start % BigInt(64 * MB) === 0n ? ' 64MB-aligned' : '';
      return `${m.start.toString(16)} ${m.name || 'anon'} size ${mb(m.size)} rss ${mb(m.rss)}${aligned}`;
    });
}

function trimmed(pid: number): boolean {
  try {
    execFileSync('gdb', ['-p', String(pid), '-batch', '-ex', 'call (int) malloc_trim(0)'], {
      stdio: 'ignore',
      timeout: 60_000,
    });
    return true;
  } catch {
    return false;
  }
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'refund-desk-memory-'));
  const file = path.join(dir, 'desk.sqlite');
  fs.copyFileSync(args.file, file);
  if (args.snapshot) {
    // the API's children inherit it (bench/lib/targets.ts childEnv); snapshots go to the temporary folder
    process.env.NODE_OPTIONS = `${process.env.NODE_OPTIONS ?? ''} --heapsnapshot-signal=SIGUSR2 --diagnostic-dir=${dir}`;
  }
  const api = await startApiProcess({ target: { engine: 'sqlite', file }, spareFile: path.join(dir, 'x') });
  const client = new BenchClient(api.url);
  try {
    const { token } = await client.json<{ token: string }>('POST', '/api/auth/login', {
      body: { username: 'supervisor', password: 'password' },
    });
    const line = async (label: string) => {
      const s = status(api.pid);
      const m = await client.json<Record<string, number>>('GET', '/api/test/loop-stats', { token });
      const heap =
        m.heapTotalBytes === undefined ? '' : ` heap ${mb(m.heapUsedBytes)}/${mb(m.heapTotalBytes)}`;
      const off =
        m.externalBytes === undefined
          ? ''
          : ` external ${mb(m.externalBytes)} (buffers ${mb(m.arrayBuffersBytes)})`;
      console.log(
        `${label.padEnd(34)} rss ${mb(s.rss)} (anon ${mb(s.anon)}, file ${mb(s.file)}) threads ${s.threads} worker ${m.metricsWorkerAlive ? 'alive' : 'none'}${heap}${off}`,
      );
    };
    await line('after start-up');
    await loopStats(client, token);
    await runApiBench(client, {
      quick: args.quick,
      nowMs: Date.now(),
      concurrency: 1,
      seed: 42,
      // each phase's first log line: the memory the phase before left
      log: (text) => console.log(`  · ${text.slice(0, 90)}  [rss ${mb(status(api.pid).rss)}]`),
    });
    await line('after the bench (its figure)');
    console.log(
      '  anonymous mappings:',
      JSON.stringify(
        Object.fromEntries(Object.entries(anonymousMappings(api.pid)).map(([k, v]) => [k, mb(v)])),
      ),
    );
    for (const m of largestMappings(api.pid, 12)) console.log(`    ${m}`);
    await new Promise((resolve) => setTimeout(resolve, METRICS_WORKER_IDLE_MS + 2_000));
    await line('idle time later (worker retired)');
    for (const m of largestMappings(api.pid, 12)) console.log(`    ${m}`);
    if (args.snapshot) {
      process.kill(api.pid, 'SIGUSR2');
      const written = () => fs.readdirSync(dir).some((f) => f.endsWith('.heapsnapshot'));
      while (!written()) await new Promise((resolve) => setTimeout(resolve, 500));
      await new Promise((resolve) => setTimeout(resolve, 3_000));
      await line('after a full GC (heap snapshot)');
      const kept = process.env.KEEP_SNAPSHOT;
      if (kept) {
        const name = fs.readdirSync(dir).find((f) => f.endsWith('.heapsnapshot'))!;
        fs.copyFileSync(path.join(dir, name), kept);
      }
    }
    if (args.trim) {
      if (trimmed(api.pid)) await line('after malloc_trim(0)');
      else console.log('malloc_trim: gdb is not installed or could not attach');
    }
  } finally {
    client.close();
    await api.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
