// A list worker thread (started by listReaders.ts through listWorkerBoot.mjs): reads list pages and
// their counts with its own read-only connection (readWorkerThread.ts).
import { workerData } from 'node:worker_threads';
import { SQLITE_CACHE_KIB } from './db/connect';
import { readList, type ListQuestion, type ListWorkerData } from './listReaders';
import { openForReading, serveReads } from './readWorkerThread';

const { target } = workerData as ListWorkerData;
// the list's hot index pages are kept here now, not in the API's connection
const db = openForReading(target, SQLITE_CACHE_KIB);
serveReads(db, (question: ListQuestion) => readList(db, question));
