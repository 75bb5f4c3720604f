// The API's side of the policy simulation worker (policySimulationWorkerThread.ts): one worker
// thread with its own read connection (readWorker.ts), started on the first simulation and retired
// when idle as the metrics worker is: a replay reads a whole period, and a retired thread gives
// all of that memory back.
import type { PolicySimulation } from '../src/domain/policySimulation';
import type { PolicyParameters } from '../src/domain/policyVersions';
import type { DatabaseTarget } from './db/connect';
import { METRICS_WORKER_IDLE_MS } from './metricsWorker';
import { ReadWorker } from './readWorker';

export interface PolicySimulationWorkerData {
  target: DatabaseTarget;
}

/** One replay: the requests submitted in [from, to) under `parameters`, against the version in force at nowIso. */
export interface PolicySimulationQuestion {
  parameters: PolicyParameters;
  from: string;
  to: string;
  nowIso: string;
  /** rows read at a time (a test pages through a small seed with a small one) */
  pageSize?: number;
}

const BOOT = new URL('./policySimulationWorkerBoot.mjs', import.meta.url);

export class PolicySimulationWorkers extends ReadWorker<PolicySimulationQuestion, PolicySimulation> {
  constructor(target: DatabaseTarget) {
    super({
      boot: BOOT,
      workerData: { target } satisfies PolicySimulationWorkerData,
      idleMs: METRICS_WORKER_IDLE_MS,
      what: 'policy simulation',
    });
  }
}
