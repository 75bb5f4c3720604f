// The cohort worker's entry: a worker thread does not inherit tsx's loader (Node 20), so it
// registers tsx itself before loading the TypeScript worker (as metricsWorkerBoot.mjs does).
import { register } from 'tsx/esm/api';

register();
await import('./cohortWorker.ts');
