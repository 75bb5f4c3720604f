// Over real HTTP: a message to the customer (or a complaint text) made only of invisible
// characters is refused with 422 and a field error, and nothing changes: no status, no version,
// no audit event. The same text with words in it goes through.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Complaint, RefundRequest } from '../../src/domain/model';
import { listQuery, startTestApi, type TestApi } from './harness';

let api: TestApi;
const token = {} as Record<'reviewer' | 'supervisor', string>;

beforeAll(async () => {
  api = await startTestApi({ count: 200, seed: 11 });
  token.reviewer = await api.login('reviewer');
  token.supervisor = await api.login('supervisor');
});
afterAll(() => api.close());

/** zero-width space, word joiner, BOM, Mongolian vowel separator, RLO, LRM, ideographic space */
const INVISIBLE = [
  '\u200B\u2060',
  '\uFEFF\u180E\u200B',
  '\u202E\u200E',
  '\u3000\u200B\u3000',
  '\u2063\u{E0041}',
];

async function get<T>(path: string): Promise<T> {
  const res = await api.call('GET', path, { token: token.supervisor });
  expect(res.status).toBe(200);
  return res.body as T;
}

async function totalEvents(): Promise<number> {
  const res = await api.call('GET', `/api/events${listQuery({ range: [0, 0] })}`, {
    token: token.supervisor,
  });
  return Number(/\/(\d+)$/.exec(res.headers.get('content-range') ?? '')?.[1]);
}

async function claimedRequest(): Promise<RefundRequest> {
  const pending = await get<RefundRequest[]>(
    `/api/refunds${listQuery({ range: [0, 0], filter: { status: 'pending', assigneeId: 'unassigned', infoIncomplete: false } })}`,
  );
  const res = await api.call('POST', `/api/refunds/${pending[0]!.id}/claim`, {
    token: token.reviewer,
    body: { version: pending[0]!.version },
  });
  expect(res.status).toBe(200);
  return res.body as RefundRequest;
}

describe('a customer message with nothing visible in it', () => {
  it('is refused for approve, reject and request information, and changes nothing', async () => {
    const request = await claimedRequest();
    const bodies = {
      approve: { againstSuggestionReason: 'Checked with the customer.' },
      reject: {
        reasonCode: 'other',
        note: 'Checked with the customer.',
        againstSuggestionReason: 'Checked.',
      },
      'request-info': { missingItems: ['payment_proof'], againstSuggestionReason: 'Checked.' },
    };
    const events = await totalEvents();
    for (const [action, extra] of Object.entries(bodies)) {
      for (const customerMessage of INVISIBLE) {
        const res = await api.call('POST', `/api/refunds/${request.id}/${action}`, {
          token: token.reviewer,
          body: { version: request.version, customerMessage, ...extra },
        });
        expect(res.status, `${action} ${JSON.stringify(customerMessage)}`).toBe(422);
        const body = res.body as { message: string; errors: Record<string, string> };
        expect(body.errors.customerMessage).toBe(
          'The message to the customer has no visible characters: write the message in words.',
        );
      }
    }
    expect(await get<RefundRequest>(`/api/refunds/${request.id}`)).toEqual(request);
    expect(await totalEvents()).toBe(events);

    // the same message with words in it is accepted
    const res = await api.call('POST', `/api/refunds/${request.id}/request-info`, {
      token: token.reviewer,
      body: {
        version: request.version,
        customerMessage: '\u200BPlease send a screenshot of the payment.\u2060',
        ...bodies['request-info'],
      },
    });
    expect(res.status).toBe(200);
  });

  it('is refused when a complaint is opened, and when a supervisor resolves one', async () => {
    const rejected = await get<RefundRequest[]>(
      `/api/refunds${listQuery({ range: [0, 50], filter: { status: 'rejected' } })}`,
    );
    const complaints = await get<Complaint[]>(`/api/complaints${listQuery({ range: [0, 999] })}`);
    const free = rejected.find((r) => !complaints.some((c) => c.refundId === r.id))!;
    const open = (description: string) =>
      api.call('POST', '/api/complaints', {
        token: token.supervisor,
        body: { refundId: free.id, channel: 'phone', category: 'disputes_rejection', description },
      });
    const events = await totalEvents();
    for (const description of INVISIBLE) {
      const refused = await open(description);
      expect(refused.status).toBe(422);
      expect((refused.body as { errors: Record<string, string> }).errors.description).toBe(
        "The customer's complaint has no visible characters: write it in words.",
      );
    }
    expect(await totalEvents()).toBe(events);

    const opened = await open('\u200BThe rejection is wrong: I bought it yesterday.');
    expect(opened.status).toBe(201);
    // take it, as a supervisor must before resolving
    const me = (await api.call('GET', '/api/auth/me', { token: token.supervisor })).body as { id: string };
    const assigned = await api.call('POST', `/api/complaints/${(opened.body as Complaint).id}/assign`, {
      token: token.supervisor,
      body: { version: (opened.body as Complaint).version, assigneeId: me.id },
    });
    expect(assigned.status).toBe(200);
    const complaint = assigned.body as Complaint;
    const afterOpen = await totalEvents();
    for (const customerMessage of INVISIBLE) {
      const res = await api.call('POST', `/api/complaints/${complaint.id}/resolve`, {
        token: token.supervisor,
        body: { version: complaint.version, outcome: 'upheld', customerMessage },
      });
      expect(res.status).toBe(422);
      expect((res.body as { errors: Record<string, string> }).errors.customerMessage).toBe(
        'The message the customer will receive has no visible characters: write it in words.',
      );
    }
    expect(await get<Complaint>(`/api/complaints/${complaint.id}`)).toEqual(complaint);
    expect(await totalEvents()).toBe(afterOpen);
  });
});
