// Checkpoints the API's SQLite write-ahead log on a thread of its own. Left to SQLite, the commit
// that fills the log past 1,000 pages copies them into the database file and syncs it, inside that
// commit, on the API's event loop: every so often one write (and every request waiting behind it)
// takes tens of milliseconds longer. Here the API's connection never checkpoints
// (wal_autocheckpoint=0) and a worker thread with a connection of its own runs a PASSIVE checkpoint
// every CHECKPOINT_INTERVAL_MS, which waits for no reader or writer; once it has copied the whole
// log, the next commit starts the log again from its beginning. Should the log outgrow
// WAL_RESTART_PAGES (a writer that never pauses), the worker restarts it itself, which waits for
// the write in progress. If the worker stops or fails, the API's connection checkpoints as SQLite
// does by default again: the log never grows without bound.
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

export const CHECKPOINT_INTERVAL_MS = 200;
/** SQLite's own default (pages): what the API's connection goes back to without the worker. */
export const DEFAULT_AUTOCHECKPOINT_PAGES = 1000;
/** A log this long (pages) is restarted by the worker, not only copied. */
export const WAL_RESTART_PAGES = 16_000;

/** What the API's connection is asked (better-sqlite3's Database has it). */
export interface PragmaConnection {
  pragma(source: string, options?: { simple?: boolean }): unknown;
}

export interface WalCheckpointStats {
  /** checkpoints that copied pages */
  checkpoints: number;
  /** pages copied into the database file */
  pagesCopied: number;
  /** the log's length (pages) after the last checkpoint */
  lastLogPages: number;
}

export interface WalCheckpointer {
  readonly stats: WalCheckpointStats;
  /** resolves once the worker has opened its connection and the API's stopped checkpointing */
  readonly ready: Promise<void>;
  /** stops the worker; the API's connection checkpoints on its own again */
  stop(): Promise<void>;
}

// Plain JavaScript (no loader needed under tsx, vitest or the bundle), as health.ts's check.
const CHECKPOINT_WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.file, { fileMustExist: true });
db.pragma('busy_timeout = ' + workerData.busyTimeoutMs);
parentPort.postMessage({ kind: 'ready' });
const tick = () => {
  try {
    const [passive] = db.pragma('wal_checkpoint(PASSIVE)');
    let result = passive;
    if (passive.log >= workerData.restartPages) result = db.pragma('wal_checkpoint(RESTART)')[0];
    if (passive.checkpointed > 0) {
      parentPort.postMessage({ kind: 'checkpoint', log: result.log, checkpointed: passive.checkpointed });
    }
  } catch (error) {
    // SQLITE_BUSY: another connection's checkpoint or restart holds the log; try again next time
    if (String(error.code) !== 'SQLITE_BUSY') throw error;
  }
};
const timer = setInterval(tick, workerData.intervalMs);
parentPort.on('message', (message) => {
  if (message !== 'stop') return;
  clearInterval(timer);
  db.close();
  parentPort.close();
});
`;

/**
 * Starts checkpointing `file`'s log on a worker thread and, once it runs, stops `connection` (the
 * API's) from checkpointing. The thread does not keep the process alive.
 */
export function startWalCheckpointer(
  file: string,
  connection: PragmaConnection,
  options: { intervalMs?: number; restartPages?: number; busyTimeoutMs?: number } = {},
): WalCheckpointer {
  const driver = createRequire(import.meta.url).resolve('better-sqlite3');
  const worker = new Worker(CHECKPOINT_WORKER, {
    eval: true,
    workerData: {
      file,
      driver,
      intervalMs: options.intervalMs ?? CHECKPOINT_INTERVAL_MS,
      restartPages: options.restartPages ?? WAL_RESTART_PAGES,
      busyTimeoutMs: options.busyTimeoutMs ?? 1000,
    },
  });
  worker.unref();
  const stats: WalCheckpointStats = { checkpoints: 0, pagesCopied: 0, lastLogPages: 0 };
  let stopping = false;
  const checkpointHere = () => {
    try {
      connection.pragma(`wal_autocheckpoint = ${DEFAULT_AUTOCHECKPOINT_PAGES}`);
    } catch {
      // the connection is closed already: nothing left to checkpoint for
    }
  };
  const ready = new Promise<void>((resolve) => {
    worker.on(
      'message',
      (message: { kind: 'ready' } | { kind: 'checkpoint'; log: number; checkpointed: number }) => {
        if (message.kind === 'ready') {
          if (!stopping) connection.pragma('wal_autocheckpoint = 0');
          resolve();
          return;
        }
        stats.checkpoints++;
        stats.pagesCopied += message.checkpointed;
        stats.lastLogPages = message.log;
      },
    );
    worker.once('exit', () => resolve());
  });
  worker.on('error', (error) => {
    if (!stopping) console.error(`WAL checkpoints go back to the API's connection: ${error.message}`);
  });
  worker.once('exit', checkpointHere);
  const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
  return {
    stats,
    ready,
    async stop() {
      if (stopping) return exited;
      stopping = true;
      checkpointHere();
      worker.postMessage('stop');
      const force = setTimeout(() => void worker.terminate(), 5_000);
      await exited;
      clearTimeout(force);
    },
  };
}
