// The workflow's refusals (refund requests and complaints), each with the requests that drive a
// fresh record into the state it refuses and the request refused there (refusalLanguage.test.ts
// sends that one in English and in Chinese).
import { DAY_MS } from '../../src/domain/sla';
import {
  APPROVE,
  CLEAR,
  MESSAGE,
  TIPPING,
  WINDOW,
  changeStored,
  claimed,
  complaint,
  complaintAct,
  freshRefund,
  ok,
  pending,
  post,
  refundAct,
  rejected,
  resolvedComplaint,
  send,
  userId,
  type Scenarios,
} from './refusalScenarioKit';

const REJECT = {
  reasonCode: 'suspected_fraud',
  customerMessage: 'Your request was rejected.',
  note: 'Same card as earlier chargebacks.',
  againstSuggestionReason: 'Fraud signals outweigh the policy suggestion.',
};
const ESCALATE = { reason: 'The customer threatens to go to the regulator.' };

/** A complaint about the request, as `body` says it (the second one on it, say). */
const openComplaint = (refundId: string, category = 'other') => ({
  refundId,
  channel: 'in_app',
  category,
  description: 'The customer wrote again.',
});

/** A seeded request awaiting the second approval that the supervisor may give (nobody overrode it). */
const awaitingSecondApproval = () =>
  freshRefund(
    { status: 'awaiting_second_approval', outsideWindow: false, accountRestricted: false },
    (r) =>
      r.overrideBy === null &&
      (r.approvedFen ?? 0) > 0 &&
      r.firstApproverId !== userId.supervisor &&
      r.decision?.by !== userId.supervisor,
  );

export const WORKFLOW_SCENARIOS: Scenarios = {
  // refund requests: bodies
  invalid_body: [
    422,
    async () => {
      const r = await claimed();
      return send('POST', `/api/refunds/${r.id}/reject`, 'reviewer', {
        version: r.version,
        reasonCode: 'bogus',
        customerMessage: '',
        colour: 'red',
      });
    },
  ],
  invalid_fields: [
    422,
    async () => {
      const r = await claimed('reviewer', CLEAR);
      return send('POST', `/api/refunds/${r.id}/approve`, 'reviewer', {
        version: r.version,
        ...APPROVE,
        amountFen: r.refundableFen + 1,
      });
    },
  ],
  // who may act
  assigned_to_other: [
    403,
    async () => {
      const r = await claimed('reviewer');
      return send('POST', `/api/refunds/${r.id}/reject`, 'reviewer2', { version: r.version, ...REJECT });
    },
  ],
  assigned_to_other_release: [
    403,
    async () => {
      const r = await claimed('reviewer');
      return send('POST', `/api/refunds/${r.id}/release`, 'reviewer2', { version: r.version });
    },
  ],
  second_approver_must_differ: [
    403,
    async () => {
      const r = await refundAct('supervisor', await claimed('supervisor', TIPPING), 'approve', APPROVE);
      return send('POST', `/api/refunds/${r.id}/second-approval`, 'supervisor', {
        version: r.version,
        decision: 'confirm',
      });
    },
  ],
  // version and state
  version_conflict: [
    409,
    async () => {
      const r = await pending();
      return send('POST', `/api/refunds/${r.id}/claim`, 'reviewer', { version: r.version + 5 });
    },
  ],
  claim_first_pending: [
    409,
    async () => {
      const r = await pending();
      return send('POST', `/api/refunds/${r.id}/reject`, 'reviewer', { version: r.version, ...REJECT });
    },
  ],
  wrong_status: [
    409,
    async () => {
      const r = await pending();
      return send('POST', `/api/refunds/${r.id}/release`, 'reviewer', { version: r.version });
    },
  ],
  already_reviewing: [
    409,
    async () => {
      const r = await claimed();
      return send('POST', `/api/refunds/${r.id}/claim`, 'reviewer', { version: r.version });
    },
  ],
  already_assigned: [
    409,
    async () => {
      const r = await refundAct('supervisor', await pending(), 'reassign', { assigneeId: userId.reviewer3 });
      return send('POST', `/api/refunds/${r.id}/claim`, 'reviewer', { version: r.version });
    },
  ],
  customer_reply_not_awaiting: [
    409,
    async () => {
      const r = await pending();
      return send('POST', `/api/refunds/${r.id}/customer-reply`, 'supervisor', {
        suppliedItems: ['payment_proof'],
        message: 'Here is the screenshot.',
      });
    },
  ],
  nothing_to_override: [
    409,
    async () => {
      const r = await claimed();
      return send('POST', `/api/refunds/${r.id}/override`, 'supervisor', {
        version: r.version,
        note: 'Goodwill exception.',
      });
    },
  ],
  already_overridden: [
    409,
    async () => {
      const note = 'Long-standing customer; goodwill exception.';
      const r = await refundAct('supervisor', await claimed('reviewer', WINDOW), 'override', { note });
      return send('POST', `/api/refunds/${r.id}/override`, 'supervisor', { version: r.version, note });
    },
  ],
  approval_blocked: [
    422,
    async () => {
      const r = await claimed('reviewer', WINDOW);
      return send('POST', `/api/refunds/${r.id}/approve`, 'reviewer', {
        version: r.version,
        ...APPROVE,
        againstSuggestionReason: 'The customer asked within the window by phone.',
      });
    },
  ],
  reassign_not_open: [
    409,
    async () => {
      const r = await rejected();
      return send('POST', `/api/refunds/${r.id}/reassign`, 'supervisor', {
        version: r.version,
        assigneeId: userId.reviewer3,
      });
    },
  ],
  assignee_not_active: [
    422,
    async () => {
      const r = await claimed();
      return send('POST', `/api/refunds/${r.id}/reassign`, 'supervisor', {
        version: r.version,
        assigneeId: userId.manager,
      });
    },
  ],
  // notes
  invalid_note: [
    422,
    async () => send('POST', `/api/refunds/${(await pending()).id}/notes`, 'reviewer', { text: '' }),
  ],
  nul_in_text: [
    422,
    async () =>
      send('POST', `/api/refunds/${(await pending()).id}/notes`, 'reviewer', { text: 'before\u0000after' }),
  ],
  // complaints: who may act
  complaint_held_by_other: [
    403,
    async () => {
      const c = await complaint('reviewer', 'supervisor');
      return send('POST', `/api/complaints/${c.id}/resolve`, 'supervisor2', {
        version: c.version,
        outcome: 'upheld',
        customerMessage: MESSAGE,
      });
    },
  ],
  complaint_already_open: [
    409,
    async () => {
      const c = await complaint('supervisor', null);
      return send('POST', '/api/complaints', 'supervisor', openComplaint(c.refundId));
    },
  ],
  complaint_already_open_hidden: [
    409,
    async () => {
      // a request the reviewer never held, so the open complaint on it is not theirs to read
      const c = await complaint('supervisor', null, await rejected('reviewer2'));
      return send('POST', '/api/complaints', 'reviewer', openComplaint(c.refundId));
    },
  ],
  // complaints: version and state
  complaint_version_conflict: [
    409,
    async () => {
      const c = await complaint();
      return send('POST', `/api/complaints/${c.id}/escalate`, 'supervisor', {
        version: c.version + 5,
        ...ESCALATE,
      });
    },
  ],
  complaint_wrong_status: [
    409,
    async () => {
      const c = await resolvedComplaint();
      return send('POST', `/api/complaints/${c.id}/assign`, 'supervisor', {
        version: c.version,
        assigneeId: userId.supervisor2,
      });
    },
  ],
  complaint_closed_read_only: [
    409,
    async () => {
      const c = await complaintAct('supervisor', await resolvedComplaint(), 'close');
      return send('POST', `/api/complaints/${c.id}/note`, 'supervisor', { text: 'One more thing.' });
    },
  ],
  complaint_already_escalated: [
    409,
    async () => {
      const c = await complaintAct('supervisor', await complaint(), 'escalate', ESCALATE);
      return send('POST', `/api/complaints/${c.id}/escalate`, 'supervisor', {
        version: c.version,
        ...ESCALATE,
      });
    },
  ],
  complaint_nobody_holds: [
    409,
    async () => {
      const c = await complaint('reviewer', null);
      return send('POST', `/api/complaints/${c.id}/resolve`, 'supervisor', {
        version: c.version,
        outcome: 'upheld',
        customerMessage: MESSAGE,
      });
    },
  ],
  no_pending_resolution: [
    409,
    async () => {
      const c = await complaint();
      return send('POST', `/api/complaints/${c.id}/second-approval`, 'supervisor2', {
        version: c.version,
        decision: 'confirm',
      });
    },
  ],
  resolution_pending: [
    409,
    async () => {
      // an overturn of a tipping request waits for a second supervisor
      const c = await complaintAct(
        'supervisor',
        await complaint('reviewer', 'supervisor', await rejected('reviewer', TIPPING)),
        'resolve',
        {
          outcome: 'overturned',
          customerMessage: MESSAGE,
        },
      );
      return send('POST', `/api/complaints/${c.id}/resolve`, 'supervisor', {
        version: c.version,
        outcome: 'upheld',
        customerMessage: MESSAGE,
      });
    },
  ],
  complaint_other_open: [
    409,
    async () => {
      const c = await resolvedComplaint();
      await ok(post('supervisor', '/api/complaints', openComplaint(c.refundId)), 201);
      return send('POST', `/api/complaints/${c.id}/reopen`, 'supervisor', { version: c.version });
    },
  ],
  complaint_reopen_window_closed: [
    409,
    async () => {
      // resolved long ago: the stored record says so (the clock is shared by every scenario)
      const c = await resolvedComplaint();
      await changeStored('complaints', c.id, (stored) => ({
        ...stored,
        resolvedAt: new Date(Date.parse(stored.resolvedAt!) - 90 * DAY_MS).toISOString(),
      }));
      return send('POST', `/api/complaints/${c.id}/reopen`, 'supervisor', { version: c.version });
    },
  ],
  complaint_overturn_blocked: [
    409,
    async () => {
      // a request still waiting for its review cannot be overturned
      const c = await complaint('reviewer', 'supervisor', await pending());
      return send('POST', `/api/complaints/${c.id}/resolve`, 'supervisor', {
        version: c.version,
        outcome: 'overturned',
        customerMessage: MESSAGE,
      });
    },
  ],
  // the customer's side changed the request between the first and the second approval
  second_approval_refundable_dropped: [
    409,
    async () => {
      const r = await awaitingSecondApproval();
      await changeStored('refunds', r.id, (stored) => ({ ...stored, coinsSpent: stored.coins }));
      return send('POST', `/api/refunds/${r.id}/second-approval`, 'supervisor', {
        version: r.version,
        decision: 'confirm',
      });
    },
  ],
  second_approval_blocked: [
    422,
    async () => {
      const r = await awaitingSecondApproval();
      // bought long before it was submitted: outside the refund window
      const purchasedAt = new Date(Date.parse(r.submittedAt) - 60 * DAY_MS).toISOString();
      await changeStored('refunds', r.id, (stored) => ({ ...stored, purchasedAt }));
      return send('POST', `/api/refunds/${r.id}/second-approval`, 'supervisor', {
        version: r.version,
        decision: 'confirm',
      });
    },
  ],
  invalid_fields_send_back: [
    422,
    async () => {
      const refund = await rejected('reviewer', TIPPING);
      const c = await complaintAct(
        'supervisor',
        await complaint('reviewer', 'supervisor', refund),
        'resolve',
        {
          outcome: 'overturned',
          customerMessage: MESSAGE,
        },
      );
      // the coins were spent meanwhile: nothing is left to refund when the second supervisor confirms
      await changeStored('refunds', refund.id, (stored) => ({
        ...stored,
        coinsSpent: stored.coins,
        refundableFen: 0,
      }));
      return send('POST', `/api/complaints/${c.id}/second-approval`, 'supervisor2', {
        version: c.version,
        decision: 'confirm',
      });
    },
  ],
  complaint_overturn_failed: [
    422,
    async () => {
      const refund = await rejected('reviewer', TIPPING);
      const c = await complaintAct(
        'supervisor',
        await complaint('reviewer', 'supervisor', refund),
        'resolve',
        {
          outcome: 'overturned',
          customerMessage: MESSAGE,
        },
      );
      // the coins were spent meanwhile, and the stored refundable amount not brought up to date yet:
      // the resolution's check passes, the refund workflow (which reads the coins) refuses
      await changeStored('refunds', refund.id, (stored) => ({ ...stored, coinsSpent: stored.coins }));
      return send('POST', `/api/complaints/${c.id}/second-approval`, 'supervisor2', {
        version: c.version,
        decision: 'confirm',
      });
    },
  ],
};
