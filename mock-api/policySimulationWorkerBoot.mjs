// The policy simulation worker's entry: a worker thread does not inherit tsx's loader from the API
// process (Node 20), so it registers tsx itself before loading the TypeScript worker.
import { register } from 'tsx/esm/api';

register();
await import('./policySimulationWorkerThread.ts');
