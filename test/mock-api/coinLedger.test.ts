// The coin ledger over real HTTP, on the run's engine (SQLite, and PostgreSQL in
// vitest.postgres.config.ts): a request holds its order's coins from the seed on; an approval
// revokes them, a partial approval revokes its share and releases the rest, a rejection and the
// information timeout release them: each written with the decision, read at /api/coin-movements.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { revokedShare } from '../../src/domain/coinHold';
import type { CoinMovement, RefundRequest } from '../../src/domain/model';
import { SECOND_APPROVAL_THRESHOLD_FEN } from '../../src/domain/refundPolicy';
import { INFO_TIMEOUT_MS, toMs } from '../../src/domain/sla';
import { listQuery, startTestApi, type TestApi } from './harness';

let api: TestApi;
const token = {} as Record<'reviewer' | 'supervisor' | 'manager', string>;
const userId = {} as Record<'reviewer' | 'supervisor' | 'manager', string>;
const used = new Set<string>();

beforeAll(async () => {
  api = await startTestApi({ count: 1500, seed: 7 });
  await api.signInStaff(['reviewer', 'supervisor', 'manager'] as const, { token, userId });
});
afterAll(() => api.close());

async function ok<T>(reply: Promise<{ status: number; body: unknown; text: string }>): Promise<T> {
  const res = await reply;
  expect(res.status, res.text).toBeLessThan(300);
  return res.body as T;
}
const post = (route: string, body: unknown) =>
  ok<RefundRequest>(api.call('POST', route, { token: token.reviewer, body }));
const getRefund = (id: string) =>
  ok<RefundRequest>(api.call('GET', `/api/refunds/${id}`, { token: token.supervisor }));

async function ledger(refundId: string, who: keyof typeof token = 'reviewer'): Promise<CoinMovement[]> {
  const query = listQuery({ sort: ['at', 'ASC'], range: [0, 99], filter: { refundId } });
  return ok<CoinMovement[]>(api.call('GET', `/api/coin-movements${query}`, { token: token[who] }));
}

/** A pending request a reviewer may approve alone, with coins held, claimed by the reviewer. */
async function claimed(): Promise<RefundRequest> {
  const filter = {
    status: 'pending',
    assigneeId: 'unassigned',
    duplicate: false,
    outsideWindow: false,
    accountRestricted: false,
    infoIncomplete: false,
    tipping: false,
    refundableFen_gte: 100,
    refundableFen_lte: SECOND_APPROVAL_THRESHOLD_FEN,
  };
  const query = listQuery({ sort: ['submittedAt', 'DESC'], range: [0, 499], filter });
  const rows = await ok<RefundRequest[]>(
    api.call('GET', `/api/refunds${query}`, { token: token.supervisor }),
  );
  const found = rows.find((r) => !used.has(r.id) && (r.coinHold?.coins ?? 0) >= 3);
  if (!found) throw new Error('The seed has no more approvable requests with coins held.');
  used.add(found.id);
  return post(`/api/refunds/${found.id}/claim`, { version: found.version });
}

describe('the coin ledger', () => {
  it('holds a request’s coins when it arrives (the seed’s requests came through the same commit)', async () => {
    const r = await claimed();
    expect(r.coinHold).toMatchObject({ status: 'held' });
    const lines = await ledger(r.id);
    expect(lines).toEqual([
      expect.objectContaining({
        refundId: r.id,
        orderId: r.orderId,
        customerId: r.customerId,
        kind: 'held',
        coins: r.coinHold!.coins,
        reason: 'request_received',
      }),
    ]);
  });

  it('revokes every held coin on an approval, with the decision, by its reviewer', async () => {
    const r = await claimed();
    const approved = await post(`/api/refunds/${r.id}/approve`, {
      version: r.version,
      customerMessage: 'Your refund is approved.',
    });
    expect(approved.status).toBe('approved');
    expect(approved.coinHold).toEqual({ coins: r.coinHold!.coins, status: 'revoked' });
    expect(await getRefund(r.id)).toMatchObject({ coinHold: approved.coinHold });
    const lines = await ledger(r.id, 'manager');
    expect(lines.map((m) => [m.kind, m.coins, m.reason, m.actorId])).toEqual([
      ['held', r.coinHold!.coins, 'request_received', null],
      ['revoked', r.coinHold!.coins, 'approved', userId.reviewer],
    ]);
    expect(lines[1].at).toBe(approved.decidedAt);
  });

  it('revokes a partial approval’s share and releases the rest', async () => {
    const r = await claimed();
    const amountFen = Math.floor(r.refundableFen / 3);
    const approved = await post(`/api/refunds/${r.id}/approve`, {
      version: r.version,
      amountFen,
      customerMessage: 'Part of your refund is approved.',
    });
    expect(approved.status).toBe('partially_approved');
    const coins = r.coinHold!.coins;
    const revoked = revokedShare(coins, amountFen, r.refundableFen);
    expect(revoked).toBeGreaterThan(0);
    expect(revoked).toBeLessThan(coins);
    expect(approved.coinHold).toEqual({ coins, status: 'revoked', revokedCoins: revoked });
    const lines = await ledger(r.id, 'supervisor');
    expect(lines.slice(1).map((m) => [m.kind, m.coins, m.reason])).toEqual([
      ['revoked', revoked, 'partially_approved'],
      ['released', coins - revoked, 'partially_approved'],
    ]);
  });

  it('releases them on a rejection', async () => {
    const r = await claimed();
    const rejected = await post(`/api/refunds/${r.id}/reject`, {
      version: r.version,
      reasonCode: 'suspected_fraud',
      customerMessage: 'Your request was rejected.',
      note: 'Same card as earlier chargebacks.',
      againstSuggestionReason: 'Fraud signals outweigh the policy suggestion.',
    });
    expect(rejected.coinHold).toEqual({ coins: r.coinHold!.coins, status: 'released' });
    const lines = await ledger(r.id);
    expect(lines.slice(1).map((m) => [m.kind, m.coins, m.reason, m.actorId])).toEqual([
      ['released', r.coinHold!.coins, 'rejected', userId.reviewer],
    ]);
  });

  it('releases them when the information never comes (the timer’s rejection)', async () => {
    const r = await claimed();
    const waiting = await post(`/api/refunds/${r.id}/request-info`, {
      version: r.version,
      missingItems: ['payment_proof'],
      customerMessage: 'Please send a screenshot of the payment.',
      againstSuggestionReason: 'The screenshot is needed before deciding.',
    });
    expect(waiting.coinHold).toMatchObject({ status: 'held' });
    const health = await ok<{ now: string }>(api.call('GET', '/api/health'));
    const ms = toMs(waiting.awaitingInfoSince!) + INFO_TIMEOUT_MS - toMs(health.now) + 60_000;
    await ok(api.call('POST', '/api/test/advance-clock', { token: token.supervisor, body: { ms } }));
    const rejected = await getRefund(r.id);
    expect(rejected.status).toBe('rejected');
    expect(rejected.coinHold).toEqual({ coins: r.coinHold!.coins, status: 'released' });
    const lines = await ledger(r.id);
    expect(lines.slice(1).map((m) => [m.kind, m.coins, m.reason, m.actorId])).toEqual([
      ['released', r.coinHold!.coins, 'info_timeout', null],
    ]);
  });

  it('is read-only, and read by reviewers, supervisors and managers only', async () => {
    const write = await api.call('POST', '/api/coin-movements', { token: token.supervisor, body: {} });
    expect(write.status).toBe(405);
    const anonymous = await api.call('GET', '/api/coin-movements');
    expect(anonymous.status).toBe(401);
    const all = await api.call(
      'GET',
      `/api/coin-movements${listQuery({ sort: ['at', 'DESC'], range: [0, 4], filter: {} })}`,
      {
        token: token.manager,
      },
    );
    expect(all.status).toBe(200);
    expect((all.body as CoinMovement[]).length).toBe(5);
    const one = (all.body as CoinMovement[])[0];
    expect(await ok(api.call('GET', `/api/coin-movements/${one.id}`, { token: token.reviewer }))).toEqual(
      one,
    );
  });
});
