// What the platform API tests share: a platform client made by the admin (its key), calls with that
// key, and seeded requests to start from (found through the staff's list).
import { expect } from 'vitest';
import type { RefundRequest } from '../../src/domain/model';
import type { RefundPublicView } from '../../src/domain/refundPublicView';
import { listQuery, type ApiReply, type TestApi } from './harness';

export async function platformKey(api: TestApi, name = 'Wallet'): Promise<{ id: string; key: string }> {
  const admin = await api.login('admin');
  const res = await api.call('POST', '/api/platform-clients', { token: admin, body: { name } });
  expect(res.status, res.text).toBe(201);
  return res.body as { id: string; key: string };
}

export function platformCall(api: TestApi, key: string) {
  return (
    method: string,
    route: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<ApiReply> => api.call(method, `/api/platform${route}`, { token: key, body, headers });
}

/** Seeded requests in `status` (as the staff see them), newest first. */
export async function requestsIn(api: TestApi, status: string): Promise<RefundRequest[]> {
  const res = await api.call(
    'GET',
    `/api/refunds${listQuery({ range: [0, 999], filter: { status }, sort: ['id', 'DESC'] })}`,
    { token: await api.login('supervisor') },
  );
  expect(res.status, res.text).toBe(200);
  return res.body as RefundRequest[];
}

/** An intake body for the order of a rejected seeded request (nothing committed on it, nothing open). */
export function intakeFor(r: RefundRequest, extra: Record<string, unknown> = {}) {
  return {
    orderNumber: r.orderNumber,
    customerId: r.customerId,
    purchasedAt: r.purchasedAt,
    reasonCategory: 'mistaken_purchase',
    description: 'I bought the wrong pack.',
    ...extra,
  };
}

export const asView = (res: ApiReply) => res.body as RefundPublicView;

let keys = 0;
export const freshKey = (label = 'k') => `${label}-${process.pid}-${Date.now()}-${++keys}`;
