// The API as `npm run api` runs it: bundled by scripts/build-api.ts into build/api/ and started with
// plain node. The bundle moves every module of ours into one file and its worker threads' entries
// beside it, so what depends on where a module lies (the worker threads, the project's folders,
// each module's "am I the program?" check) is checked here on the bundle itself.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RefundRequest } from '../../src/domain/model';
import {
  cleanUpChildren,
  client,
  kill,
  seededDatabase,
  startChild,
  type Child,
} from '../support/apiProcesses';
import { listQuery } from './harness';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const BUILT = path.join(ROOT, 'build', 'api');

function buildApi(): Promise<void> {
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', 'scripts/build-api.ts'],
      { cwd: ROOT, timeout: 60_000 },
      (error, _stdout, stderr) => (error ? reject(new Error(`${error.message}\n${stderr}`)) : resolve()),
    );
  });
}

let child: Child;

beforeAll(async () => {
  await buildApi();
  const database = await seededDatabase(300, 7);
  // every list on a worker thread: the bundle's list worker is what answers them
  child = await startChild(database, { LIST_WORKERS_FROM_BYTES: '0' }, 'built');
}, 120_000);

afterAll(async () => {
  if (child) await kill(child);
  cleanUpChildren();
});

describe('the built API (npm run api)', () => {
  it('is the server and its three worker threads, one file each', () => {
    const files = fs.readdirSync(BUILT).filter((f) => f.endsWith('.mjs'));
    expect(files.sort()).toEqual([
      'listWorkerBoot.mjs',
      'metricsWorkerBoot.mjs',
      'policySimulationWorkerBoot.mjs',
      'server.mjs',
    ]);
  });

  it('starts as the server alone: no command line it imports ran beside it', () => {
    // migrate.ts once had its own entry check, true for every module of a bundle
    expect(child.output()).toContain('mock API on http');
    expect(child.output()).not.toMatch(/already up to date|applied \d{3}_/);
  });

  it('reads lists on its list worker, metrics on its metrics worker, and takes a decision', async () => {
    const api = client(child.url);
    const supervisor = await api.login('supervisor');
    const list = await api.call(
      'GET',
      `/api/refunds${listQuery({ filter: {}, sort: ['submittedAt', 'DESC'], range: [0, 9] })}`,
      supervisor,
    );
    expect(list.status).toBe(200);
    expect((list.body as RefundRequest[]).length).toBe(10);

    const metrics = await api.call('GET', '/api/metrics?from=2026-01-01&to=2027-01-01', supervisor);
    expect(metrics.status).toBe(200);
    expect((metrics.body as { totals: { submitted: number } }).totals.submitted).toBeGreaterThan(0);

    const reviewer = await api.login('reviewer');
    const claimed = await api.call('POST', '/api/refunds/claim-next', reviewer, {});
    expect(claimed.status).toBe(200);
    const record = claimed.body as RefundRequest;
    expect(record.assigneeId).toBeTruthy();
    const read = await api.call('GET', `/api/refunds/${record.id}`, reviewer);
    expect((read.body as RefundRequest).version).toBe(record.version);
  });
});
