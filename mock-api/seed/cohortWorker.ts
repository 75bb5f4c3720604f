// A large seed's generation on a thread of its own (seedDatabase): it makes cohort after cohort
// while the main thread writes the one before, so generating and writing use both cores. A cohort
// is handed over only once the one before it is written: at most one waits, memory stays bounded.
import { parentPort, workerData } from 'node:worker_threads';
import { generateCohorts, type CohortMessage, type CohortWorkerData } from './index';

const port = parentPort!;
const { options, cohortSize } = workerData as CohortWorkerData;
let written: Promise<void> = Promise.resolve();
const nextWritten = () => new Promise<void>((resolve) => port.once('message', () => resolve()));

await generateCohorts(options, cohortSize, async (snapshot, first) => {
  await written;
  written = nextWritten();
  port.postMessage({ kind: 'cohort', snapshot, first } satisfies CohortMessage);
});
await written;
port.postMessage({ kind: 'done' } satisfies CohortMessage);
