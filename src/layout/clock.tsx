// One clock for the whole app. A single interval ticks once a second while anything listens;
// components read it with useNow() (useSyncExternalStore), so a list of 25 countdowns shares one
// timer instead of running 25. Tests pin the time with <FixedNow>.
import { createContext, useCallback, useContext, useSyncExternalStore, type ReactNode } from 'react';

export const TICK_MS = 1_000;

const listeners = new Set<() => void>();
let nowMs = Date.now();
let timer: ReturnType<typeof setInterval> | undefined;

function start(): void {
  if (timer !== undefined) return;
  nowMs = Date.now();
  timer = setInterval(() => {
    nowMs = Date.now();
    for (const listener of listeners) listener();
  }, TICK_MS);
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  start();
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0 && timer !== undefined) {
      clearInterval(timer);
      timer = undefined;
    }
  };
}

/** How many components are listening (for tests). */
export function clockListenerCount(): number {
  return listeners.size;
}

const FixedNowContext = createContext<number | null>(null);

/** Stops time for what it wraps: tests, screenshots. */
export function FixedNow({ value, children }: { value: number; children: ReactNode }) {
  return <FixedNowContext.Provider value={value}>{children}</FixedNowContext.Provider>;
}

/**
 * The current time in epoch ms, rounded down to `resolutionMs` (a multiple of the tick) so a
 * component that only shows minutes re-renders once a minute, not every second.
 */
export function useNow(resolutionMs: number = TICK_MS): number {
  const fixed = useContext(FixedNowContext);
  const getSnapshot = useCallback(() => {
    // before the first subscriber starts the interval, read the wall clock
    if (timer === undefined) nowMs = Date.now();
    return Math.floor(nowMs / resolutionMs) * resolutionMs;
  }, [resolutionMs]);
  const live = useSyncExternalStore(fixed === null ? subscribe : noSubscribe, getSnapshot, getSnapshot);
  return fixed ?? live;
}

const noSubscribe = () => () => undefined;
