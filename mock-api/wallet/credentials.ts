// The wallet's (and the simulator's) connection to the desk: a platform key and, for the wallet, a
// webhook endpoint's secret. Made once by signing in as the demo admin, then kept in a small JSON
// file under mock-api/data/ (git-ignored, and private to every static server: servedFiles.ts),
// readable by its owner only. Never sent to the wallet page.
import fs from 'node:fs';
import path from 'node:path';
import {
  DeskApiError,
  createPlatformClient,
  createWebhookEndpoint,
  platformApi,
  signIn,
} from './platformClient';
import { DATA_DIR } from '../projectRoot';

export const WALLET_DATA_DIR = DATA_DIR;

export interface StoredConnection {
  apiUrl: string;
  clientId: string;
  key: string;
  webhook?: { id: string; url: string; secret: string };
}

export interface ConnectionWanted {
  apiUrl: string;
  /** where the connection is remembered */
  file: string;
  /** the platform client's name, as the admin sees it */
  clientName: string;
  /** the wallet's receiver; the simulator has none */
  webhookUrl?: string;
  admin?: { username: string; password: string };
  log?: (line: string) => void;
}

function read(file: string): StoredConnection | null {
  try {
    const parsed = JSON.parse(fs.readFileSync(file, 'utf8')) as StoredConnection;
    return typeof parsed.key === 'string' && typeof parsed.apiUrl === 'string' ? parsed : null;
  } catch {
    return null;
  }
}

function write(file: string, connection: StoredConnection): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const temporary = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(temporary, JSON.stringify(connection, null, 2) + '\n', { mode: 0o600 });
  fs.renameSync(temporary, file);
}

/**
 * The remembered connection if the desk still takes its key (and it names the same API and webhook
 * address); else a new platform client (and webhook endpoint), made as the admin and remembered.
 */
export async function ensureConnection(wanted: ConnectionWanted): Promise<StoredConnection> {
  const stored = read(wanted.file);
  const sameTarget =
    stored !== null &&
    stored.apiUrl === wanted.apiUrl &&
    (wanted.webhookUrl === undefined || stored.webhook?.url === wanted.webhookUrl);
  if (stored && sameTarget && (await platformApi(wanted.apiUrl, stored.key).keyWorks())) return stored;
  const admin = wanted.admin ?? { username: 'admin', password: 'password' };
  const token = await signIn(wanted.apiUrl, admin.username, admin.password);
  const client = await createPlatformClient(wanted.apiUrl, token, wanted.clientName);
  const connection: StoredConnection = { apiUrl: wanted.apiUrl, clientId: client.id, key: client.key };
  if (wanted.webhookUrl !== undefined) {
    const endpoint = await createWebhookEndpoint(wanted.apiUrl, token, wanted.webhookUrl);
    connection.webhook = { id: endpoint.id, url: wanted.webhookUrl, secret: endpoint.secret };
  }
  write(wanted.file, connection);
  wanted.log?.(`made platform client ${client.id} (“${wanted.clientName}”), remembered in ${wanted.file}`);
  return connection;
}

/** ensureConnection, retried while the desk is not up yet (npm start starts everything at once). */
export async function waitForConnection(
  wanted: ConnectionWanted,
  {
    timeoutMs = 120_000,
    everyMs = 1_000,
    signal,
  }: { timeoutMs?: number; everyMs?: number; signal?: AbortSignal } = {},
): Promise<StoredConnection> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    signal?.throwIfAborted();
    try {
      return await ensureConnection(wanted);
    } catch (error) {
      // a refusal is an answer: retrying will not change it
      if (error instanceof DeskApiError && error.status !== 503) throw error;
      if (Date.now() > until) throw error;
      await new Promise((resolve) => setTimeout(resolve, everyMs));
    }
  }
}
