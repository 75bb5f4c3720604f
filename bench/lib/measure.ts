// Runs a kind of request N times at a fixed concurrency after a warm-up, and summarises it:
// p50 / p95 / max over the 2xx answers; expected refusals (4xx the scenario announces) and errors
// (anything else: 5xx, unexpected 4xx, network failures) are counted apart.
import { createRng as createSeedRng } from '../../mock-api/seed/index';

export interface Outcome {
  status: number;
  ms: number;
  /** the answer's body, to explain a refusal or an error */
  text?: string;
}

export interface LatencySummary {
  /** measured requests (warm-up excluded) */
  n: number;
  p50Ms: number;
  p95Ms: number;
  maxMs: number;
  meanMs: number;
  ok: number;
  expected4xx: number;
  errors: number;
  concurrency: number;
  /** up to five distinct refusal or error messages, with their status */
  messages: string[];
  /** the same figures per kind of request in the mix (list shapes, search term kinds) */
  byGroup?: Record<string, GroupSummary>;
}

export interface GroupSummary {
  n: number;
  p50Ms: number;
  p95Ms: number;
  maxMs: number;
}

/** Nearest-rank percentile of ascending-sorted values. */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1];
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length === 0) return Number.NaN;
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Runs `task(0..count-1)` with at most `concurrency` in flight. */
export async function runPool(
  count: number,
  concurrency: number,
  task: (index: number) => Promise<void>,
): Promise<void> {
  let next = 0;
  const lane = async () => {
    while (next < count) {
      const index = next++;
      await task(index);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(concurrency, count)) }, lane));
}

export interface MeasureSpec {
  warmup: number;
  n: number;
  concurrency: number;
  /** the i-th request (i counts warm-up requests too: 0 … warmup + n − 1) */
  request: (index: number) => Promise<Outcome>;
  /** 4xx answers that are a normal refusal in this scenario (409, 422 …) */
  expected?: (status: number) => boolean;
  /** names the kind of the i-th request, to report the mix by kind as well */
  group?: (index: number) => string;
}

export function summarise(
  outcomes: readonly Outcome[],
  concurrency: number,
  expected?: (s: number) => boolean,
) {
  const okTimes: number[] = [];
  let expected4xx = 0;
  let errors = 0;
  const messages = new Set<string>();
  for (const o of outcomes) {
    if (o.status >= 200 && o.status < 300) {
      okTimes.push(o.ms);
      continue;
    }
    if (o.status >= 400 && o.status < 500 && expected?.(o.status)) expected4xx++;
    else errors++;
    if (messages.size < 5) messages.add(`${o.status || 'network'}: ${messageOf(o.text)}`);
  }
  okTimes.sort((a, b) => a - b);
  const summary: LatencySummary = {
    n: outcomes.length,
    p50Ms: round(percentile(okTimes, 50)),
    p95Ms: round(percentile(okTimes, 95)),
    maxMs: round(okTimes.length ? okTimes[okTimes.length - 1] : Number.NaN),
    meanMs: round(okTimes.length ? okTimes.reduce((s, t) => s + t, 0) / okTimes.length : Number.NaN),
    ok: okTimes.length,
    expected4xx,
    errors,
    concurrency,
    messages: [...messages],
  };
  return summary;
}

export async function measure(spec: MeasureSpec): Promise<LatencySummary> {
  const total = spec.warmup + spec.n;
  const outcomes: Outcome[] = [];
  const groups = new Map<string, number[]>();
  await runPool(total, spec.concurrency, async (index) => {
    let outcome: Outcome;
    try {
      outcome = await spec.request(index);
    } catch (error) {
      outcome = { status: 0, ms: Number.NaN, text: error instanceof Error ? error.message : String(error) };
    }
    if (index < spec.warmup) return;
    outcomes.push(outcome);
    if (spec.group && outcome.status >= 200 && outcome.status < 300) {
      const name = spec.group(index);
      groups.set(name, [...(groups.get(name) ?? []), outcome.ms]);
    }
  });
  const summary = summarise(outcomes, spec.concurrency, spec.expected);
  if (spec.group) {
    summary.byGroup = {};
    for (const [name, times] of groups) {
      times.sort((a, b) => a - b);
      summary.byGroup[name] = {
        n: times.length,
        p50Ms: round(percentile(times, 50)),
        p95Ms: round(percentile(times, 95)),
        maxMs: round(times[times.length - 1]),
      };
    }
  }
  return summary;
}

function messageOf(text: string | undefined): string {
  if (!text) return '(no body)';
  try {
    const parsed: unknown = JSON.parse(text);
    const message = (parsed as { message?: unknown } | null)?.message;
    if (typeof message === 'string') return message.slice(0, 200);
  } catch {
    // not JSON: the text itself
  }
  return text.slice(0, 200);
}

export function round(value: number, digits = 1): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}

/** The seed's generator (mulberry32), plus a shuffle: every run sends the same mix. */
export function createRng(seed: number) {
  const rng = createSeedRng(seed);
  const next = rng.next;
  return {
    ...rng,
    shuffle: <T>(items: readonly T[]): T[] => {
      const copy = [...items];
      for (let i = copy.length - 1; i > 0; i--) {
        const j = Math.floor(next() * (i + 1));
        [copy[i], copy[j]] = [copy[j], copy[i]];
      }
      return copy;
    },
  };
}
export type Rng = ReturnType<typeof createRng>;
