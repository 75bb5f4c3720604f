// Issue 16 item 8: the demo wallet's webhook receiver (the signature rule itself is the desk's,
// tested in test/domain/webhooks.test.ts). De-duplication, then over real HTTP against a running wallet backend: a good
// signature is taken, a bad, stale or missing one is refused with 401, and an event delivered twice
// changes the wallet's state once. The wallet's connection is written by hand (no desk needed).
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signatureHeader } from '../../src/domain/webhookDelivery';
import { EventDeduplicator } from '../../mock-api/wallet/webhookVerify';
import { coinBalance } from '../../mock-api/wallet/walletState';
import { startWallet, WEBHOOK_PATH, type RunningWallet } from '../../mock-api/wallet/server';
import type { PlatformRefundView } from '../../mock-api/wallet/platformClient';
import { seededTestDatabase } from './harness';

const SECRET = 'whsec_test_' + crypto.randomBytes(8).toString('hex');
const now = () => Math.floor(Date.now() / 1000);

describe("the wallet's event rules", () => {
  it('de-duplicates by event id, within its capacity', () => {
    const dedup = new EventDeduplicator(3);
    expect(['a', 'b', 'a', 'c', 'b'].map((id) => dedup.seen(id))).toEqual([false, false, true, false, true]);
    dedup.seen('d'); // 'a' falls out
    expect(dedup.seen('a')).toBe(false);
  });
});

describe('the coin balance', () => {
  const view = (coinHold: PlatformRefundView['coinHold']) => ({ coinHold }) as PlatformRefundView;
  it('holds what open requests hold and takes back what approvals revoked', () => {
    expect(
      coinBalance(1000, [
        view({ coins: 300, status: 'held' }),
        view({ coins: 200, status: 'released' }),
        view({ coins: 100, status: 'revoked', revokedCoins: 40 }),
        view(null),
      ]),
    ).toEqual({ balance: 960, held: 300, revoked: 40, available: 660 });
  });
});

describe('the wallet backend’s receiver, over HTTP', () => {
  let wallet: RunningWallet;
  let removeDatabase: () => void;
  let dataDir: string;

  beforeAll(async () => {
    const database = await seededTestDatabase({ count: 20, seed: 3 });
    removeDatabase = database.remove;
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'wallet-webhooks-'));
    const webhookUrl = 'http://127.0.0.1:1/unused';
    // a stand-in desk that knows the remembered key (any request id answers 404), so the wallet
    // takes its remembered connection and secret without an admin sign-in
    const { createServer } = await import('node:http');
    const desk = createServer((_req, res) => {
      res.statusCode = 404;
      res.setHeader('content-type', 'application/json');
      res.end('{"message":"no such request","code":"not_found"}');
    });
    await new Promise<void>((resolve) => desk.listen(0, '127.0.0.1', () => resolve()));
    const apiUrl = `http://127.0.0.1:${(desk.address() as { port: number }).port}`;
    fs.writeFileSync(
      path.join(dataDir, 'wallet-connection.json'),
      JSON.stringify({
        apiUrl,
        clientId: 'pc1',
        key: 'rdk_test',
        webhook: { id: 'we1', url: webhookUrl, secret: SECRET },
      }),
    );
    wallet = await startWallet({ apiUrl, database: database.target, port: 0, dataDir, webhookUrl });
    await wallet.ready;
    const close = wallet.close.bind(wallet);
    wallet.close = async () => {
      await close();
      desk.close();
    };
  });

  afterAll(async () => {
    await wallet?.close();
    removeDatabase?.();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  const event = (id: string, coins: number) => ({
    id,
    type: 'coins.held',
    createdAt: new Date().toISOString(),
    data: {
      refundRequest: {
        id: 'r9001',
        orderNumber: 'CZ20260101000001',
        customerId: 'cu1',
        status: 'received',
        submittedAt: new Date().toISOString(),
        updatedAt: new Date().toISOString(),
        messages: [],
        missingItems: [],
        providedItems: [],
        coinHold: { coins, status: 'held' },
      },
    },
  });

  const post = (body: string, signature?: string) =>
    fetch(`${wallet.url}${WEBHOOK_PATH}`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(signature ? { 'refund-desk-signature': signature } : {}),
      },
      body,
    });

  it('takes a signed event once, however often it is delivered', async () => {
    const body = JSON.stringify(event('evt_a', 120));
    const first = await post(body, signatureHeader(SECRET, body, now() * 1000));
    expect(first.status).toBe(200);
    expect(await first.json()).toEqual({ received: true, duplicate: false });
    const again = await post(body, signatureHeader(SECRET, body, now() * 1000));
    expect(await again.json()).toEqual({ received: true, duplicate: true });
    const state = wallet.state.customer('cu1');
    expect(state.inbox.map((e) => e.eventId)).toEqual(['evt_a']);
    expect(state.requests.r9001?.coinHold).toEqual({ coins: 120, status: 'held' });
    expect(wallet.counts).toMatchObject({ taken: 1, duplicates: 1 });
  });

  it('refuses a wrong, stale or missing signature with 401 and changes nothing', async () => {
    const body = JSON.stringify(event('evt_b', 999));
    for (const signature of [
      signatureHeader('another secret', body, now() * 1000),
      signatureHeader(SECRET, body, (now() - 3600) * 1000),
      signatureHeader(SECRET, body.replace('999', '998'), now() * 1000),
      undefined,
    ]) {
      const res = await post(body, signature);
      expect(res.status).toBe(401);
      expect(await res.json()).toMatchObject({ code: 'bad_signature' });
    }
    expect(wallet.state.customer('cu1').inbox.map((e) => e.eventId)).toEqual(['evt_a']);
    expect(wallet.counts.refused).toBe(4);
  });

  it('answers a refusal in the asked language', async () => {
    const res = await fetch(`${wallet.url}${WEBHOOK_PATH}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'accept-language': 'zh-CN' },
      body: '{}',
    });
    expect(res.status).toBe(401);
    expect(((await res.json()) as { message: string }).message).toContain('签名');
  });
});
