// Gives back the heap's garbage once the API has gone quiet. V8 collects garbage when it needs the
// room, not when the work is done: after a burst of large lists the heap keeps the rows and JSON
// of requests long answered (several times what is alive) for as long as no new work pushes it to
// collect. Once no request has arrived for IDLE_COLLECT_MS and the heap has grown since the last
// collection, one full collection runs (a pause of milliseconds, with nothing waiting on it).
import v8 from 'node:v8';
import vm from 'node:vm';

/**
 * V8's full garbage collection of this thread's heap, or null if it cannot be had. `gc` exists
 * only behind --expose-gc, which neither a worker nor `node --import tsx …` as started here is
 * given, so the flag is set now and the function taken from a fresh context (as Jest does for
 * --logHeapUsage).
 */
export function garbageCollector(): (() => void) | null {
  try {
    v8.setFlagsFromString('--expose-gc');
    const gc: unknown = vm.runInNewContext('gc');
    return typeof gc === 'function' ? (gc as () => void) : null;
  } catch {
    return null;
  }
}

export const IDLE_COLLECT_MS = 2_000;
/** Growth of the heap since the last collection below which a quiet API is left alone. */
export const IDLE_COLLECT_MIN_GROWTH_BYTES = 16 * 1024 * 1024;

export interface IdleCollector {
  /** a request arrived: the API is not idle */
  busy(): void;
  /** full collections run so far (tests) */
  readonly collections: number;
  stop(): void;
}

export function collectGarbageWhenIdle(
  options: { idleMs?: number; minGrowthBytes?: number; collect?: (() => void) | null } = {},
): IdleCollector {
  const idleMs = options.idleMs ?? IDLE_COLLECT_MS;
  const minGrowth = options.minGrowthBytes ?? IDLE_COLLECT_MIN_GROWTH_BYTES;
  const collect = options.collect === undefined ? garbageCollector() : options.collect;
  let requests = 0;
  let seen = 0;
  let collections = 0;
  let heapAfterLast = process.memoryUsage().heapUsed;
  const timer = setInterval(() => {
    const quiet = requests === seen;
    seen = requests;
    if (!quiet || !collect) return;
    if (process.memoryUsage().heapUsed - heapAfterLast < minGrowth) return;
    collect();
    collections++;
    heapAfterLast = process.memoryUsage().heapUsed;
  }, idleMs);
  timer.unref();
  return {
    busy: () => {
      requests++;
    },
    get collections() {
      return collections;
    },
    stop: () => clearInterval(timer),
  };
}
