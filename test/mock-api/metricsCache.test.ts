// The metrics route reuses an answer only while the data is unchanged: a decision shows at once.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startTestApi, type TestApi } from './harness';

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi({ count: 200, seed: 21 });
});
afterAll(() => api.close());

it('counts a decision made right after a metrics read', async () => {
  const manager = await api.login('manager');
  const reviewer = await api.login('reviewer');
  const to = new Date(Date.now() + 3_600_000).toISOString();
  const from = new Date(Date.now() - 7 * 86_400_000).toISOString();
  const url = `/api/metrics?from=${from}&to=${to}&granularity=day&tz=Asia/Shanghai`;
  const read = async () => {
    const res = await api.call('GET', url, { token: manager });
    expect(res.status).toBe(200);
    return (res.body as { totals: { decided: { info_requested: number } } }).totals.decided.info_requested;
  };
  const before = await read();
  expect(await read()).toBe(before);

  const claimed = await api.call('POST', '/api/refunds/claim-next', { token: reviewer });
  expect(claimed.status).toBe(200);
  const request = claimed.body as { id: string; version: number };
  const asked = await api.call('POST', `/api/refunds/${request.id}/request-info`, {
    token: reviewer,
    body: {
      version: request.version,
      missingItems: ['payment_proof'],
      customerMessage: 'Please send the payment receipt.',
      againstSuggestionReason: 'Receipt needed to confirm the duplicate charge.',
    },
  });
  expect(asked.status, asked.text).toBe(200);
  expect(await read()).toBe(before + 1);
});
