// Start-up, spawn → first 200 on /api/health, for each way of starting the API (the bundle `npm run
// api` runs, and from source: `node --import tsx`, tsx's CLI), beside what Node and tsx cost before
// any code of ours runs (spawn → exit of `node -e 0` and of an empty module under each launcher).
import fs from 'node:fs';
import path from 'node:path';
import { median, round } from './lib/measure';
import { LAUNCHERS, ROOT, run, startApiProcess, type ApiStart, type Launcher } from './lib/processes';

export interface StartupFigures {
  /** spawn → 200 on /api/health, each run, per launcher (the bench's own API start included last) */
  apiMs: Record<Launcher, number[]>;
  /** spawn → exit of an empty TypeScript module, per launcher */
  emptyModuleMs: Record<Launcher, number[]>;
  /** spawn → exit of `node -e 0` */
  bareNodeMs: number[];
  median: {
    api: Record<Launcher, number>;
    emptyModule: Record<Launcher, number>;
    bareNode: number;
  };
  /** the launcher with the lower median start-up */
  fastest: Launcher;
}

const TSX_BIN = path.join(ROOT, 'node_modules', '.bin', 'tsx');

async function emptyModuleMs(launcher: Launcher, file: string): Promise<number> {
  const [command, args] =
    launcher === 'tsx'
      ? [TSX_BIN, [file]]
      : launcher === 'node build/api'
        ? [process.execPath, [file]]
        : [process.execPath, ['--import', 'tsx', file]];
  return (await run(command, args)).ms;
}

/**
 * `runs` starts of the API with each launcher (each stopped before the next: a second process on
 * the same SQLite file is not what is measured), and of the empty baselines. `dir` is scratch.
 */
export async function measureStartups(
  start: Omit<ApiStart, 'launcher'>,
  runs: number,
  dir: string,
  log: (line: string) => void,
): Promise<Omit<StartupFigures, 'median' | 'fastest'>> {
  // .mts: an ES module wherever it lies, as the project's own modules are
  const empty = path.join(dir, 'empty-module.mts');
  fs.writeFileSync(empty, 'export {};\n');
  // plain node (the bundle's launcher) reads JavaScript only
  const emptyJs = path.join(dir, 'empty-module.mjs');
  fs.writeFileSync(emptyJs, 'export {};\n');
  const figures = {
    apiMs: { 'node build/api': [] as number[], 'node --import tsx': [] as number[], tsx: [] as number[] },
    emptyModuleMs: {
      'node build/api': [] as number[],
      'node --import tsx': [] as number[],
      tsx: [] as number[],
    },
    bareNodeMs: [] as number[],
  };
  for (let k = 0; k < runs; k++) {
    figures.bareNodeMs.push(round((await run(process.execPath, ['-e', '0'])).ms));
    for (const launcher of LAUNCHERS) {
      figures.emptyModuleMs[launcher].push(
        round(await emptyModuleMs(launcher, launcher === 'node build/api' ? emptyJs : empty)),
      );
      const api = await startApiProcess({ ...start, launcher });
      figures.apiMs[launcher].push(round(api.startupMs));
      await api.stop();
    }
  }
  log(
    `start-up (${runs} each): ` +
      LAUNCHERS.map((l) => `${l} ${figures.apiMs[l].map((ms) => Math.round(ms)).join('/')} ms`).join(', '),
  );
  return figures;
}

/** The medians, once the bench's own start (by `node --import tsx`) is added to the runs. */
export function summariseStartups(figures: Omit<StartupFigures, 'median' | 'fastest'>): StartupFigures {
  const per = (values: Record<Launcher, number[]>) =>
    Object.fromEntries(LAUNCHERS.map((l) => [l, round(median(values[l]))])) as Record<Launcher, number>;
  const api = per(figures.apiMs);
  return {
    ...figures,
    median: { api, emptyModule: per(figures.emptyModuleMs), bareNode: round(median(figures.bareNodeMs)) },
    fastest: LAUNCHERS.reduce((a, b) => (api[b] < api[a] ? b : a)),
  };
}
