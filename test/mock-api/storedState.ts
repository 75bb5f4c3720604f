// What the mock-API tests read back after acting: a request as the API now holds it, and its audit
// trail, oldest first. Each fails the test on anything but 200.
import { expect } from 'vitest';
import type { AuditEvent, RefundRequest } from '../../src/domain/model';
import { listQuery, type TestApi } from './harness';

export async function storedRefund(api: TestApi, token: string, id: string): Promise<RefundRequest> {
  const res = await api.call('GET', `/api/refunds/${id}`, { token });
  expect(res.status).toBe(200);
  return res.body as RefundRequest;
}

export async function auditTrail(api: TestApi, token: string, id: string): Promise<AuditEvent[]> {
  const res = await api.call(
    'GET',
    `/api/events${listQuery({ range: [0, 999], filter: { refundId: id }, sort: ['at', 'ASC'] })}`,
    { token },
  );
  expect(res.status).toBe(200);
  return res.body as AuditEvent[];
}
