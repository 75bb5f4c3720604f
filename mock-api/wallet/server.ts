// The demo wallet's backend: the platform's side of the loop. It holds the wallet's platform key and
// webhook secret (made on first start by signing in as the demo admin: credentials.ts), receives and
// verifies the desk's webhooks (a bad signature is refused with 401; an event delivered twice is
// taken once), keeps each customer's requests, notifications and coin holds (walletState.ts), and
// serves the wallet page's JSON API (walletRoutes.ts), and the built page itself from dist/
// (walletPage.ts: wallet.html and its assets only).
import path from 'node:path';
import type http from 'node:http';
import express, { type Request, type Response } from 'express';
import { connect, type DatabaseTarget } from '../db/connect';
import { WALLET_DATA_DIR, waitForConnection, type StoredConnection } from './credentials';
import { platformApi, SIGNATURE_HEADER, type PlatformApi, type WebhookEvent } from './platformClient';
import { WalletState } from './walletState';
import { registerWalletRoutes, sendWalletRefusal } from './walletRoutes';
import { verifySignature } from '../../src/domain/webhookDelivery';
import { isWebhookEvent } from './webhookVerify';
import { DEFAULT_WALLET_DIST, walletPageRouter } from './walletPage';

export const WEBHOOK_PATH = '/webhooks/refund-desk';
export const DEFAULT_WALLET_PORT = 5175;
/** how far a signature's time may be from ours (the desk signs each delivery attempt afresh) */
export const DEFAULT_TOLERANCE_SECONDS = 300;

export interface WalletOptions {
  /** the desk's API, e.g. http://127.0.0.1:3001 */
  apiUrl: string;
  database: DatabaseTarget;
  port: number;
  /** where the connection and the state are kept (default mock-api/data/) */
  dataDir?: string;
  /** the address the desk posts webhooks to (default http://127.0.0.1:<port>/webhooks/refund-desk) */
  webhookUrl?: string;
  toleranceSeconds?: number;
  admin?: { username: string; password: string };
  log?: (line: string) => void;
  /** the build whose wallet.html (and its assets) it serves (default dist/); null: no page */
  pageDir?: string | null;
}

export interface RunningWallet {
  port: number;
  url: string;
  state: WalletState;
  /** settles once the wallet holds a working platform key and webhook endpoint */
  ready: Promise<StoredConnection>;
  /** webhooks taken, duplicates ignored, refused for their signature */
  counts: { taken: number; duplicates: number; refused: number };
  close(): Promise<void>;
}

export async function startWallet(options: WalletOptions): Promise<RunningWallet> {
  const log = options.log ?? (() => {});
  const dataDir = options.dataDir ?? WALLET_DATA_DIR;
  const handle = connect(options.database);
  const app = express();
  app.disable('x-powered-by');
  let connection: StoredConnection | null = null;
  let platform: PlatformApi | null = null;
  let state = new WalletState(null, 'none');
  const counts = { taken: 0, duplicates: 0, refused: 0 };

  app.post(WEBHOOK_PATH, express.raw({ type: () => true, limit: '1mb' }), (req: Request, res: Response) => {
    if (!connection?.webhook) return sendWalletRefusal(req, res, 503, 'not_connected');
    const raw = Buffer.isBuffer(req.body) ? req.body.toString('utf8') : '';
    const check = verifySignature(
      connection.webhook.secret,
      raw,
      req.get(SIGNATURE_HEADER),
      Date.now(),
      options.toleranceSeconds ?? DEFAULT_TOLERANCE_SECONDS,
    );
    if (!check.ok) {
      counts.refused++;
      log(`webhook refused: signature ${check.reason}`);
      return sendWalletRefusal(req, res, 401, 'bad_signature');
    }
    let event: unknown;
    try {
      event = JSON.parse(raw);
    } catch {
      event = null;
    }
    if (!isWebhookEvent(event)) return sendWalletRefusal(req, res, 400, 'bad_event');
    const taken = state.takeEvent(event as WebhookEvent);
    if (taken) counts.taken++;
    else counts.duplicates++;
    res.json({ received: true, duplicate: !taken });
  });

  registerWalletRoutes(app, { db: handle.db, state: () => state, platform: () => platform });
  if (options.pageDir !== null) app.use(walletPageRouter(options.pageDir ?? DEFAULT_WALLET_DIST));

  const server: http.Server = await new Promise((resolve) => {
    const s = app.listen(options.port, '127.0.0.1', () => resolve(s));
  });
  const port = (server.address() as { port: number }).port;
  const url = `http://127.0.0.1:${port}`;
  const webhookUrl = options.webhookUrl ?? `${url}${WEBHOOK_PATH}`;

  const stopping = new AbortController();
  const ready = waitForConnection(
    {
      apiUrl: options.apiUrl,
      file: path.join(dataDir, 'wallet-connection.json'),
      clientName: 'Demo wallet',
      webhookUrl,
      admin: options.admin,
      log,
    },
    { signal: stopping.signal },
  ).then((made) => {
    state = new WalletState(path.join(dataDir, 'wallet-state.json'), made.clientId);
    connection = made;
    platform = platformApi(options.apiUrl, made.key);
    log(`connected to the desk at ${options.apiUrl}; webhooks at ${webhookUrl}`);
    return made;
  });
  ready.catch((error: unknown) => log(`could not connect to the desk: ${String(error)}`));

  return {
    port,
    url,
    get state() {
      return state;
    },
    ready,
    counts,
    async close() {
      stopping.abort();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await state.flush();
      await handle.close();
    },
  };
}
