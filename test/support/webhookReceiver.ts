// A real HTTP receiver for the webhook tests: it checks every delivery's signature with the
// endpoint's secret (verifySignature, as the README tells a receiver to), records what arrived, and
// answers 2xx or, while `failing` says so, 503 (or nothing at all).
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { SIGNATURE_HEADER, verifySignature } from '../../src/domain/webhookDelivery';
import type { WebhookPayload } from '../../src/domain/webhookEvents';

export interface Arrival {
  payload: WebhookPayload;
  body: string;
  signature: string;
  verified: boolean;
  /** what the receiver answered */
  status: number;
}

export interface Receiver {
  url: string;
  /** set once the endpoint is created (its secret is answered once) */
  secret: string;
  arrivals: Arrival[];
  /** decides each answer: true → 503 */
  failing: (arrival: { payload: WebhookPayload; count: number }) => boolean;
  /** how long each answer takes */
  delayMs: number;
  /** every arrival answered 2xx, first of each event id (the receiver's de-duplication) */
  accepted(): WebhookPayload[];
  close(): Promise<void>;
}

export async function startReceiver(): Promise<Receiver> {
  const receiver: Receiver = {
    url: '',
    secret: '',
    arrivals: [],
    failing: () => false,
    delayMs: 0,
    accepted() {
      const seen = new Set<string>();
      const out: WebhookPayload[] = [];
      for (const a of receiver.arrivals) {
        if (a.status >= 300 || seen.has(a.payload.id)) continue;
        seen.add(a.payload.id);
        out.push(a.payload);
      }
      return out;
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const signature = String(req.headers[SIGNATURE_HEADER.toLowerCase()] ?? '');
      const verdict = verifySignature(receiver.secret, body, signature, Date.now());
      const payload = JSON.parse(body) as WebhookPayload;
      const fail = !verdict.ok || receiver.failing({ payload, count: receiver.arrivals.length });
      const status = fail ? 503 : 204;
      receiver.arrivals.push({ payload, body, signature, verified: verdict.ok, status });
      setTimeout(() => {
        res.statusCode = status;
        res.end();
      }, receiver.delayMs);
    });
  });
  server.keepAliveTimeout = 1_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  receiver.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks`;
  return receiver;
}

/** Waits until `done()` holds, polling; throws with `what` after `timeoutMs`. */
export async function waitFor(done: () => boolean | Promise<boolean>, what: string, timeoutMs = 20_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await done())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
