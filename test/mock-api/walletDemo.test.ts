// Issue 16 item 8, the live demo's loop over real HTTP: a real desk API (harness.ts, its own seeded
// database) and the real wallet backend beside it. The wallet connects itself (signs in as the
// demo admin, makes its platform client and webhook endpoint), a customer applies through the
// wallet's API, the request is in the staff's queue, and the desk's refund.received webhook reaches
// the wallet, verified, and shows in the customer's notifications; a decided request is rated
// through the wallet once.
//
// Needs the platform API and webhooks of issue 16 items 2, 3, 4 and 6 (other branches of part 11).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect } from '../../mock-api/db/connect';
import { orderCandidates } from '../../mock-api/wallet/purchases';
import { startWallet, type RunningWallet } from '../../mock-api/wallet/server';
import { orderTier } from '../../mock-api/wallet/simulatorChoice';
import type { PlatformRefundView, WalletCustomerAnswer } from '../../src/wallet/walletTypes';
import { listQuery, startTestApi, type TestApi } from './harness';

let api: TestApi;
let wallet: RunningWallet;

beforeAll(async () => {
  api = await startTestApi({ count: 60, seed: 5 });
  wallet = await startWallet({ apiUrl: api.url, database: api.database, port: 0, dataDir: api.dir });
  await wallet.ready;
});

afterAll(async () => {
  await wallet?.close();
  await api?.close();
});

async function walletCall<T>(
  method: string,
  route: string,
  body?: unknown,
  locale = 'en',
): Promise<{ status: number; body: T }> {
  const res = await fetch(`${wallet.url}${route}`, {
    method,
    headers: { 'content-type': 'application/json', 'accept-language': locale },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as T };
}

/** an order intake takes at once: no request on it, or only rejected ones */
async function anOrder() {
  const handle = connect(api.database);
  try {
    const order = (await orderCandidates(handle.db)).find((o) => orderTier(o) === 1);
    if (!order) throw new Error('the seed left no order without an open or refunded request');
    return order;
  } finally {
    await handle.close();
  }
}

describe('the demo wallet against a real desk', () => {
  it('applies through the wallet, the request is in the staff list, and the webhook reaches the wallet', async () => {
    const order = await anOrder();
    const customer = await walletCall<WalletCustomerAnswer>(
      'GET',
      `/wallet-api/customers/${order.customerId}`,
    );
    expect(customer.status).toBe(200);
    expect(customer.body.purchases.map((p) => p.orderNumber)).toContain(order.orderNumber);
    expect(customer.body.connected).toBe(true);

    const applied = await walletCall<PlatformRefundView>(
      'POST',
      `/wallet-api/customers/${order.customerId}/refund-requests`,
      {
        orderNumber: order.orderNumber,
        reasonCategory: 'mistaken_purchase',
        description: 'Bought the wrong pack (wallet demo test).',
        providedItems: ['order_number', 'purchase_time', 'reason_detail'],
        includePurchasedAt: true,
      },
    );
    expect(applied.status).toBe(201);
    expect(applied.body).toMatchObject({
      orderNumber: order.orderNumber,
      customerId: order.customerId,
      status: 'received',
    });

    // in the staff's queue
    const token = await api.login('supervisor');
    const list = await api.call(
      'GET',
      `/api/refunds${listQuery({ range: [0, 49], filter: { orderNumber: order.orderNumber } })}`,
      { token },
    );
    expect(list.status).toBe(200);
    expect((list.body as { id: string }[]).map((r) => r.id)).toContain(applied.body.id);

    // the desk's webhook, verified by the wallet, in the customer's notifications
    const deadline = Date.now() + 20_000;
    let inbox: WalletCustomerAnswer['inbox'] = [];
    while (Date.now() < deadline) {
      inbox = (await walletCall<WalletCustomerAnswer>('GET', `/wallet-api/customers/${order.customerId}`))
        .body.inbox;
      if (inbox.some((e) => e.refundId === applied.body.id && e.type === 'refund.received')) break;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    expect(inbox.filter((e) => e.refundId === applied.body.id).map((e) => e.type)).toContain(
      'refund.received',
    );
    expect(wallet.counts.refused).toBe(0);

    // and the wallet reads the request back through the platform API
    const again = await walletCall<PlatformRefundView>(
      'GET',
      `/wallet-api/refund-requests/${applied.body.id}`,
    );
    expect(again.status).toBe(200);
    expect(again.body.id).toBe(applied.body.id);
  });

  it('passes the desk’s refusal through: an order of another customer', async () => {
    const order = await anOrder();
    const other = (await walletCall<{ id: string }[]>('GET', '/wallet-api/customers')).body.find(
      (c) => c.id !== order.customerId,
    )!;
    const refused = await walletCall<{ code?: string }>(
      'POST',
      `/wallet-api/customers/${other.id}/refund-requests`,
      {
        orderNumber: order.orderNumber,
        reasonCategory: 'other',
        description: 'Not my order.',
        providedItems: [],
      },
    );
    expect(refused.status).toBe(422);
  });

  it('rates a decided request once through the desk, the desk’s refusals passed through in the page’s language', async () => {
    const token = await api.login('supervisor');
    const rejected = await api.call(
      'GET',
      `/api/refunds${listQuery({ range: [0, 99], filter: { status: 'rejected' } })}`,
      { token },
    );
    let target: PlatformRefundView | undefined;
    for (const r of rejected.body as { id: string }[]) {
      const view = await walletCall<PlatformRefundView>('GET', `/wallet-api/refund-requests/${r.id}`);
      if (view.body.rating === null) {
        target = view.body;
        break;
      }
    }
    if (!target) throw new Error('the seed left no rejected request unrated');
    const route = `/wallet-api/refund-requests/${target.id}/rating`;
    const notANumber = await walletCall<{ code: string }>('POST', route, { score: 'great' });
    expect(notANumber).toMatchObject({ status: 422, body: { code: 'bad_body' } });
    const tooHigh = await walletCall<{ code: string; message: string }>('POST', route, { score: 6 }, 'zh-CN');
    expect(tooHigh.status).toBe(422);
    expect(tooHigh.body.code).toBe('invalid_body');
    expect(tooHigh.body.message).toMatch(/[\u4e00-\u9fff]/);
    const rated = await walletCall<PlatformRefundView>('POST', route, {
      score: 2,
      comment: 'Not convinced.',
    });
    expect(rated.status).toBe(201);
    expect(rated.body.rating).toMatchObject({ score: 2, comment: 'Not convinced.' });
    const again = await walletCall<{ code: string; message: string }>('POST', route, { score: 5 }, 'zh-CN');
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('rating_already_given');
    expect(again.body.message).toContain('每个申请只能评价一次');
  });
});
