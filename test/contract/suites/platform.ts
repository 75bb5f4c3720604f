// The contract suite (test/contract/contract.test.ts registers the parts in order), this part: the
// platform API and its clients. An admin makes a client (its key shown once); the key then files a
// request (Idempotency-Key), reads it, answers an information request, resubmits after a rejection,
// complains and rates the decision; a staff token never reaches these routes. Against an external
// backend the admin is CONTRACT_ADMIN_USERNAME / _PASSWORD (default admin / password).
import { describe, expect, it } from 'vitest';
import {
  call,
  findRefunds,
  login,
  MESSAGE,
  need,
  NO_SUCH_ID,
  REASON,
  tokens,
  type Refund,
} from '../contractClient';

type View = { id: string; status: string; resubmissionOf: string | null; submittedAt: string };

let admin = '';
let key = '';
let clientId = '';
let counter = 0;
const idem = () => ({ 'idempotency-key': `contract-${Date.now()}-${++counter}` });
const withKey = () => ({ authorization: `Bearer ${key}` });

/** an order with nothing open on it: a rejected request's (the seed has many) */
async function rejectedRequest(): Promise<
  (Refund & { orderNumber: string; customerId: string }) | undefined
> {
  const rejected = (await findRefunds(
    { status: 'rejected', refundableFen_gte: 1 },
    'supervisor',
    40,
  )) as (Refund & {
    orderNumber: string;
    customerId: string;
    orderId: string;
  })[];
  const open = (await findRefunds(
    { status: ['pending', 'in_review', 'awaiting_info'] },
    'supervisor',
    1000,
  )) as (Refund & {
    orderId: string;
  })[];
  const busy = new Set(open.map((r) => r.orderId));
  return rejected.find((r) => !busy.has(r.orderId));
}

async function decide(id: string, action: 'reject' | 'request-info') {
  const r = (await call('getRefund', { as: 'reviewer', id, kind: 'valid' })).body as Refund;
  const claimed = await call('claimRefund', {
    as: 'reviewer',
    id,
    body: { version: r.version },
    kind: 'valid',
  });
  const version = (claimed.body as Refund).version;
  const body =
    action === 'reject'
      ? { version, reasonCode: 'suspected_fraud', customerMessage: MESSAGE, againstSuggestionReason: REASON }
      : { version, missingItems: ['payment_proof'], customerMessage: MESSAGE };
  await call(action === 'reject' ? 'rejectRefund' : 'requestRefundInfo', {
    as: 'reviewer',
    id,
    body,
    kind: 'valid',
  });
}

export function describePlatform(): void {
  describe('the platform API', () => {
    it('makes, lists, shows and revokes platform clients (admins only)', async () => {
      admin = await login(
        process.env.CONTRACT_ADMIN_USERNAME ?? 'admin',
        process.env.CONTRACT_ADMIN_PASSWORD ?? 'password',
      );
      const asAdmin = { authorization: `Bearer ${admin}` };
      await call('createPlatformClient', {
        ...asAdmin,
        body: { name: '' },
        kind: 'invalid',
        schemaInvalid: true,
        expect: 422,
      });
      await call('createPlatformClient', {
        as: 'supervisor',
        body: { name: 'x' },
        kind: 'invalid',
        expect: 403,
      });
      const made = await call('createPlatformClient', {
        ...asAdmin,
        body: { name: 'Contract wallet' },
        kind: 'valid',
      });
      expect(made.status).toBe(201);
      ({ key, id: clientId } = made.body as { key: string; id: string });
      await call('listPlatformClients', { ...asAdmin, kind: 'valid' });
      await call('listPlatformClients', { as: 'reviewer', kind: 'invalid', expect: 403 });
      const shown = await call('getPlatformClient', { ...asAdmin, id: clientId, kind: 'valid' });
      expect(shown.text).not.toContain(key);
      await call('getPlatformClient', { ...asAdmin, id: NO_SUCH_ID, kind: 'invalid', expect: 404 });
      const doomed = await call('createPlatformClient', {
        ...asAdmin,
        body: { name: 'Revoked' },
        kind: 'valid',
      });
      const doomedId = (doomed.body as { id: string }).id;
      await call('revokePlatformClient', { ...asAdmin, id: doomedId, kind: 'valid' });
      await call('revokePlatformClient', { ...asAdmin, id: doomedId, kind: 'invalid', expect: 409 });
      await call('platformGetRefundRequest', {
        authorization: `Bearer ${(doomed.body as { key: string }).key}`,
        id: NO_SUCH_ID,
        kind: 'invalid',
        expect: 401,
      });
    });

    it('reads the SLA calendar and saves it over its version', async () => {
      const asAdmin = { authorization: `Bearer ${admin}` };
      const read = await call('getSlaSettings', { as: 'reviewer', kind: 'valid' });
      const { version, updatedAt: _at, updatedBy: _by, ...settings } = read.body as Record<string, unknown>;
      await call('putSlaSettings', {
        ...asAdmin,
        body: {},
        kind: 'invalid',
        schemaInvalid: true,
        expect: 422,
      });
      await call('putSlaSettings', {
        as: 'supervisor',
        body: { ...settings, version },
        kind: 'invalid',
        expect: 403,
      });
      await call('putSlaSettings', { ...asAdmin, body: { ...settings, version }, kind: 'valid' });
      await call('putSlaSettings', {
        ...asAdmin,
        body: { ...settings, version },
        kind: 'invalid',
        expect: 409,
      });
      await call('listSlaSettingsChanges', { ...asAdmin, kind: 'valid' });
      await call('listSlaSettingsChanges', { as: 'reviewer', kind: 'invalid', expect: 403 });
    });

    it('reads automatic assignment and switches it over its version', async () => {
      const read = await call('getAssignmentSettings', { as: 'reviewer', kind: 'valid' });
      const { version, automatic } = read.body as { version: number; automatic: boolean };
      await call('putAssignmentSettings', {
        as: 'supervisor',
        body: { version },
        kind: 'invalid',
        schemaInvalid: true,
        expect: 422,
      });
      await call('putAssignmentSettings', {
        as: 'reviewer',
        body: { version, automatic },
        kind: 'invalid',
        expect: 403,
      });
      // saved as it was: the desk the other suites exercise keeps working the same way
      await call('putAssignmentSettings', { as: 'supervisor', body: { version, automatic }, kind: 'valid' });
      await call('putAssignmentSettings', {
        as: 'supervisor',
        body: { version, automatic },
        kind: 'invalid',
        expect: 409,
      });
      await call('listAssignmentSettingsChanges', { as: 'supervisor', kind: 'valid' });
      await call('listAssignmentSettingsChanges', { as: 'manager', kind: 'invalid', expect: 403 });
    });

    it('reads the policy versions, publishes one, and replays a period under a proposal', async () => {
      const asAdmin = { authorization: `Bearer ${admin}` };
      const list = await call('listPolicyVersions', { as: 'reviewer', kind: 'valid' });
      const [latest] = list.body as { version: number; effectiveAt: string; parameters: object }[];
      await call('getPolicyVersion', { as: 'reviewer', id: String(latest.version), kind: 'valid' });
      await call('getPolicyVersion', { as: 'reviewer', id: '999999', kind: 'invalid', expect: 404 });
      // the same numbers far ahead: the desk the other suites exercise keeps its rules
      const ahead = new Date(Math.max(Date.now(), Date.parse(latest.effectiveAt)) + 3650 * 86_400_000);
      const publish = {
        parameters: latest.parameters,
        note: 'Contract test.',
        effectiveAt: ahead.toISOString(),
      };
      await call('publishPolicyVersion', { as: 'supervisor', body: publish, kind: 'invalid', expect: 403 });
      await call('publishPolicyVersion', {
        ...asAdmin,
        body: { ...publish, note: '' },
        kind: 'invalid',
        schemaInvalid: true,
        expect: 422,
      });
      await call('publishPolicyVersion', { ...asAdmin, body: publish, kind: 'valid' });
      const period = {
        from: new Date(Date.now() - 30 * 86_400_000).toISOString(),
        to: new Date().toISOString(),
      };
      await call('simulatePolicy', {
        ...asAdmin,
        body: { parameters: latest.parameters, ...period },
        kind: 'valid',
      });
      await call('simulatePolicy', {
        as: 'reviewer',
        body: { parameters: latest.parameters, ...period },
        kind: 'invalid',
        expect: 403,
      });
      await call('simulatePolicy', {
        ...asAdmin,
        body: { parameters: latest.parameters, from: period.to, to: period.from },
        kind: 'invalid',
        expect: 422,
      });
    });

    it('takes a request once per Idempotency-Key and shows it to the customer', async () => {
      const original = await rejectedRequest();
      if (!need(original, 'rejected request on a free order')) return;
      const body = {
        orderNumber: original.orderNumber,
        customerId: original.customerId,
        reasonCategory: 'mistaken_purchase',
        description: 'Contract test: the wrong pack.',
      };
      await call('platformIntake', { as: 'supervisor', headers: idem(), body, kind: 'invalid', expect: 401 });
      await call('platformIntake', { ...withKey(), body, kind: 'invalid', expect: 400 });
      await call('platformIntake', {
        ...withKey(),
        headers: idem(),
        body: { ...body, reasonCategory: 'bored' },
        kind: 'invalid',
        schemaInvalid: true,
        expect: 422,
      });
      await call('platformIntake', {
        ...withKey(),
        headers: idem(),
        body: { ...body, orderNumber: 'NO-SUCH-ORDER' },
        kind: 'invalid',
        expect: 422,
      });
      const headers = idem();
      const first = await call('platformIntake', { ...withKey(), headers, body, kind: 'valid', expect: 201 });
      const again = await call('platformIntake', { ...withKey(), headers, body, kind: 'valid', expect: 200 });
      expect((again.body as View).id).toBe((first.body as View).id);
      await call('platformIntake', {
        ...withKey(),
        headers,
        body: { ...body, description: 'Another body.' },
        kind: 'invalid',
        expect: 422,
      });
      const id = (first.body as View).id;
      // the customer is told when to expect a decision, in the view and the acknowledgement
      const told = first.body as View & { expectedDecisionBy: string | null; messages: { action: string }[] };
      expect(Date.parse(told.expectedDecisionBy ?? '')).toBeGreaterThan(Date.parse(told.submittedAt));
      expect(told.messages.map((m) => m.action)).toEqual(['submit']);
      await call('platformGetRefundRequest', { ...withKey(), id, kind: 'valid' });
      await call('platformGetRefundRequest', { ...withKey(), id: NO_SUCH_ID, kind: 'invalid', expect: 404 });
      expect(tokens.supervisor).toBeDefined();

      // an information request, answered by the customer
      await decide(id, 'request-info');
      await call('platformReply', {
        ...withKey(),
        id,
        body: { suppliedItems: 'all' },
        kind: 'invalid',
        schemaInvalid: true,
        expect: 422,
      });
      const replied = await call('platformReply', {
        ...withKey(),
        id,
        body: { suppliedItems: ['payment_proof'], message: 'Attached.', evidence: ['receipt.png'] },
        kind: 'valid',
      });
      expect((replied.body as View).status).toBe('received');
      await call('platformReply', {
        ...withKey(),
        id,
        body: { suppliedItems: [], message: 'Again.' },
        kind: 'invalid',
        expect: 409,
      });

      // rejected, then resubmitted once and complained about
      await decide(id, 'reject');
      await call('platformResubmit', { ...withKey(), id, body: {}, kind: 'invalid', expect: 400 });
      await call('platformResubmit', {
        ...withKey(),
        id: NO_SUCH_ID,
        headers: idem(),
        body: {},
        kind: 'invalid',
        expect: 404,
      });
      const resubmitted = await call('platformResubmit', {
        ...withKey(),
        id,
        headers: idem(),
        body: {},
        kind: 'valid',
        expect: 201,
      });
      expect((resubmitted.body as View).resubmissionOf).toBe(id);
      await call('platformResubmit', {
        ...withKey(),
        id,
        headers: idem(),
        body: {},
        kind: 'invalid',
        expect: 409,
      });
      await call('platformComplain', {
        ...withKey(),
        id,
        body: { category: 'angry', description: 'x' },
        kind: 'invalid',
        schemaInvalid: true,
        expect: 422,
      });
      await call('platformComplain', {
        ...withKey(),
        id,
        body: { category: 'disputes_rejection', description: 'Contract test: I disagree.' },
        kind: 'valid',
        expect: 201,
      });
      await call('platformComplain', {
        ...withKey(),
        id,
        body: { category: 'other', description: 'Contract test: again.' },
        kind: 'invalid',
        expect: 409,
      });

      // the customer rates the rejection, once; the resubmission, still undecided, not yet
      const resubmissionId = (resubmitted.body as View).id;
      await call('platformRateRefundRequest', {
        ...withKey(),
        id: resubmissionId,
        body: { score: 3 },
        kind: 'invalid',
        expect: 409,
      });
      await call('platformRateRefundRequest', {
        ...withKey(),
        id,
        body: { score: 9 },
        kind: 'invalid',
        schemaInvalid: true,
        expect: 422,
      });
      await call('platformRateRefundRequest', {
        as: 'supervisor',
        id,
        body: { score: 4 },
        kind: 'invalid',
        expect: 401,
      });
      await call('platformRateRefundRequest', {
        ...withKey(),
        id: NO_SUCH_ID,
        body: { score: 4 },
        kind: 'invalid',
        expect: 404,
      });
      await call('platformRateRefundRequest', {
        ...withKey(),
        id,
        body: { score: 4, comment: 'Contract test: clear, if not what I hoped.' },
        kind: 'valid',
        expect: 201,
      });
      await call('platformRateRefundRequest', {
        ...withKey(),
        id,
        body: { score: 5 },
        kind: 'invalid',
        expect: 409,
      });
      const rated = await call('platformGetRefundRequest', { ...withKey(), id, kind: 'valid' });
      expect((rated.body as { rating: { score: number } | null }).rating?.score).toBe(4);
    });
  });
}
