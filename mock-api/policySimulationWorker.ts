// The API's side of the policy simulation worker (policySimulationWorkerThread.ts): one worker
// thread with its own read connection (readWorker.ts), started on the first simulation and retired
// when idle (a manager tries a few proposals in a row, then none for a long while).
import type { PolicySimulation } from '../src/domain/policySimulation';
import type { PolicyParameters } from '../src/domain/policyVersions';
import type { DatabaseTarget } from './db/connect';
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
}

const BOOT = new URL('./policySimulationWorkerBoot.mjs', import.meta.url);
const IDLE_MS = 30_000;

export class PolicySimulationWorkers extends ReadWorker<PolicySimulationQuestion, PolicySimulation> {
  constructor(target: DatabaseTarget) {
    super({
      boot: BOOT,
      workerData: { target } satisfies PolicySimulationWorkerData,
      idleMs: IDLE_MS,
      what: 'policy simulation',
    });
  }
}
