// The refund workflow's common rules, for every action: success, the statuses and actors it
// refuses, the version, the order of the checks, and the body schemas.
import { describe, expect, it } from 'vitest';
import { INFO_ITEMS, REFUND_STATUSES } from '../../src/domain/model';
import {
  parseRefundActionBody,
  refundActionBodySchemas,
  type RefundAction,
  type RefundCommand,
} from '../../src/domain/refundWorkflow';
import {
  NOW,
  rev1,
  mgr,
  run,
  ok,
  refused,
  raw,
  MSG,
  scenario,
  runScenario,
  ALLOWED_FROM,
  FORBIDDEN,
  ACTIONS,
  VERSIONED,
} from './refundWorkflowFixtures';

// ---------------------------------------------------------------------------------------------
// The matrix: every action × every refused status, actor and stale version

describe.each(ACTIONS)('%s: the common rules', (action) => {
  it('succeeds in its scenario, with version + 1, updatedAt and a complete audit event', () => {
    const s = scenario(action);
    const before = structuredClone(s.request);
    const result = ok(runScenario(s));
    expect(s.request).toEqual(before);
    expect(result.request.version).toBe(s.request.version + 1);
    expect(result.request.updatedAt).toBe(NOW);
    expect(result.request.updatedBy).toBe(s.actor.kind === 'staff' ? s.actor.id : null);
    expect(result.event).toMatchObject({
      subject: 'refund',
      refundId: 'r-1',
      complaintId: action === 'overturn' ? 'cp-1' : null,
      action,
      actorId: s.actor.kind === 'staff' ? s.actor.id : null,
      actorKind: s.actor.kind,
      at: NOW,
      statusBefore: s.request.status,
      statusAfter: result.request.status,
    });
    expect(result.event).toHaveProperty('amountFen');
    expect(result.event).toHaveProperty('customerMessage');
    expect(result.event).toHaveProperty('note');
    expect(result.event.details).toBeTypeOf('object');
    expect(result.event).not.toHaveProperty('id');
  });

  const refusedStatuses = REFUND_STATUSES.filter((st) => !ALLOWED_FROM[action].includes(st));
  it.each(refusedStatuses)('is refused from %s with 409', (status) => {
    const result = refused(runScenario(scenario(action), { status }), 409);
    expect(result).not.toHaveProperty('request');
  });

  it.each(FORBIDDEN[action])('is refused to %s with 403', (_label, actor) => {
    refused(runScenario(scenario(action), {}, actor), 403);
  });

  if (VERSIONED.includes(action)) {
    it('is refused with a stale version (409) and says which version is current', () => {
      const s = scenario(action);
      const result = refused(run(s.request, { ...s.command, version: 2 } as RefundCommand, s.actor), 409);
      expect(result.message).toBe(
        'This request was changed by someone else (version 3 is current, you sent 2). Reload it and try again.',
      );
    });

    it('is refused with a version from the future too', () => {
      const s = scenario(action);
      refused(run(s.request, { ...s.command, version: 4 } as RefundCommand, s.actor), 409);
    });

    it('refuses a missing version with 422', () => {
      const s = scenario(action);
      const { version: _v, ...rest } = s.command as { version: number };
      const result = refused(run(s.request, rest as RefundCommand, s.actor), 422);
      expect(result.errors).toHaveProperty('version');
    });
  }

  it('refuses unknown body fields with 422', () => {
    const s = scenario(action);
    // no body
    if (
      ['info_timeout', 'payout', 'release_inactive', 'release_away', 'release_idle', 'auto_assign'].includes(
        action,
      )
    )
      return;
    const result = refused(
      run(s.request, { ...s.command, sneaky: true } as unknown as RefundCommand, s.actor),
      422,
    );
    expect(result.errors).toHaveProperty('sneaky');
  });
});

describe('the order of the checks: who → version → status → body', () => {
  it('403 before a stale version', () => {
    const s = scenario('approve');
    refused(run(s.request, { ...s.command, version: 1 } as RefundCommand, mgr), 403);
  });

  it('stale version before a wrong status', () => {
    const s = scenario('approve');
    const result = refused(
      run({ ...s.request, status: 'approved' }, { ...s.command, version: 1 } as RefundCommand, rev1),
      409,
    );
    expect(result.message).toContain('changed by someone else');
  });

  it('wrong status before an invalid body', () => {
    const s = scenario('approve');
    const result = refused(
      run({ ...s.request, status: 'rejected' }, raw('approve', { version: 3, customerMessage: '' }), rev1),
      409,
    );
    expect(result.message).toBe('Only in-review requests can be approved; this one is rejected.');
  });
});

// ---------------------------------------------------------------------------------------------
// Bodies

describe('body schemas', () => {
  const invalid: [RefundAction & keyof typeof refundActionBodySchemas, Record<string, unknown>, string][] = [
    ['claim', {}, 'version'],
    ['claim', { version: -1 }, 'version'],
    ['claim', { version: 1.5 }, 'version'],
    ['claim', { version: '3' }, 'version'],
    ['claim', { version: 3, assigneeId: 'u-rev1' }, 'assigneeId'],
    ['release', { version: 3, note: 'bye' }, 'note'],
    ['approve', { version: 3 }, 'customerMessage'],
    ['approve', { version: 3, customerMessage: '' }, 'customerMessage'],
    ['approve', { version: 3, customerMessage: '   \n ' }, 'customerMessage'],
    ['approve', { version: 3, customerMessage: 'x'.repeat(2001) }, 'customerMessage'],
    ['approve', { version: 3, customerMessage: MSG, amountFen: 0 }, 'amountFen'],
    ['approve', { version: 3, customerMessage: MSG, amountFen: -100 }, 'amountFen'],
    ['approve', { version: 3, customerMessage: MSG, amountFen: 12.5 }, 'amountFen'],
    ['approve', { version: 3, customerMessage: MSG, amountFen: '6800' }, 'amountFen'],
    [
      'approve',
      { version: 3, customerMessage: MSG, againstSuggestionReason: 'x'.repeat(501) },
      'againstSuggestionReason',
    ],
    ['approve', { version: 3, customerMessage: MSG, reasonCode: 'other' }, 'reasonCode'],
    ['reject', { version: 3, customerMessage: MSG }, 'reasonCode'],
    ['reject', { version: 3, customerMessage: MSG, reasonCode: 'because' }, 'reasonCode'],
    ['reject', { version: 3, reasonCode: 'duplicate', customerMessage: '' }, 'customerMessage'],
    ['reject', { version: 3, reasonCode: 'other', customerMessage: MSG, note: 'x'.repeat(2001) }, 'note'],
    [
      'reject',
      { version: 3, reasonCode: 'duplicate', customerMessage: MSG, againstSuggestionReason: 'x'.repeat(501) },
      'againstSuggestionReason',
    ],
    ['request_info', { version: 3, customerMessage: MSG }, 'missingItems'],
    ['request_info', { version: 3, customerMessage: MSG, missingItems: [] }, 'missingItems'],
    [
      'request_info',
      { version: 3, customerMessage: MSG, missingItems: ['order_number', 'order_number'] },
      'missingItems',
    ],
    ['request_info', { version: 3, customerMessage: MSG, missingItems: ['shoe_size'] }, 'missingItems.0'],
    ['request_info', { version: 3, missingItems: ['order_number'] }, 'customerMessage'],
    ['customer_reply', { message: 'hi' }, 'suppliedItems'],
    ['customer_reply', { suppliedItems: ['bogus'], message: 'hi' }, 'suppliedItems.0'],
    ['customer_reply', { suppliedItems: [] }, 'message'],
    ['customer_reply', { suppliedItems: [], message: 'x'.repeat(2001) }, 'message'],
    ['customer_reply', { suppliedItems: [], message: '', version: 3 }, 'version'],
    ['second_approval', { version: 3 }, 'decision'],
    ['second_approval', { version: 3, decision: 'maybe' }, 'decision'],
    ['second_approval', { version: 3, decision: 'confirm', note: 'x'.repeat(2001) }, 'note'],
    ['override', { version: 3 }, 'note'],
    ['override', { version: 3, note: '' }, 'note'],
    ['override', { version: 3, note: '   ' }, 'note'],
    ['override', { version: 3, note: 'x'.repeat(2001) }, 'note'],
    ['reassign', { version: 3 }, 'assigneeId'],
    ['reassign', { version: 3, assigneeId: '' }, 'assigneeId'],
    ['reassign', { version: 3, assigneeId: '  ' }, 'assigneeId'],
  ];

  it.each(invalid)('%s refuses %j (errors.%s)', (action, body, field) => {
    expect(refundActionBodySchemas[action].safeParse(body).success).toBe(false);
    const parsed = parseRefundActionBody(action, body);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) {
      expect(parsed.status).toBe(422);
      expect(parsed.errors).toHaveProperty([field]);
    }
    // and applyRefundCommand refuses the same body with 422 (after who, version and status pass)
    const s = scenario(action);
    const result = refused(run(s.request, raw(action, body), s.actor), 422);
    expect(result.errors).toHaveProperty([field]);
  });

  it.each([
    ['claim', { version: 0 }],
    ['approve', { version: 3, customerMessage: MSG, amountFen: 1 }],
    ['approve', { version: 3, customerMessage: 'x'.repeat(2000), againstSuggestionReason: 'y'.repeat(500) }],
    ['reject', { version: 3, reasonCode: 'other', customerMessage: MSG, note: 'n' }],
    ['request_info', { version: 3, customerMessage: MSG, missingItems: [...INFO_ITEMS] }],
    ['customer_reply', { suppliedItems: [], message: '' }],
    ['second_approval', { version: 3, decision: 'send_back', note: 'too high' }],
    ['override', { version: 3, note: 'ok' }],
    ['reassign', { version: 3, assigneeId: 'u-rev2' }],
  ] as const)('%s accepts %j', (action, body) => {
    expect(parseRefundActionBody(action, body).ok).toBe(true);
  });

  it('trims the customer message', () => {
    const parsed = parseRefundActionBody('approve', { version: 3, customerMessage: '  谢谢  ' });
    expect(parsed.ok && parsed.command).toEqual({ action: 'approve', version: 3, customerMessage: '谢谢' });
  });

  it('says which fields are wrong in the message', () => {
    const parsed = parseRefundActionBody('approve', { version: 3, customerMessage: '', extra: 1 });
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) {
      expect(parsed.message).toContain('Write the message the customer will receive.');
      expect(parsed.message).toContain('Unknown field "extra".');
    }
  });
});
