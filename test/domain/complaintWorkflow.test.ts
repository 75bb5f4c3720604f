// The complaint workflow's common rules, action by action: success, the statuses and actors it is
// refused to, stale versions, the order of the checks and the bodies. The transitions one by one are
// in complaintTransitions.test.ts, the queries and properties in complaintQueries.test.ts.
import { describe, expect, it } from 'vitest';
import {
  complaintActionBodySchemas,
  parseComplaintActionBody,
  type ComplaintCommand,
} from '../../src/domain/complaintWorkflow';
import { COMPLAINT_STATUSES } from '../../src/domain/model';
import { isComplaintAnnotation } from '../../src/domain/complaintAnnotations';
import { DAY_MS } from '../../src/domain/sla';
import {
  NOW,
  at,
  rev1,
  sup1,
  sup2,
  makeComplaint,
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
} from './complaintWorkflowKit';

describe.each(ACTIONS)('%s: the common rules', (action) => {
  it('succeeds in its scenario, with version + 1 (none for a note), updatedAt and a complete audit event', () => {
    const s = scenario(action);
    const before = structuredClone(s.complaint);
    const now = s.now ?? NOW;
    const result = ok(runScenario(s));
    expect(s.complaint).toEqual(before);
    if (isComplaintAnnotation(action)) {
      // an annotation changes nothing on the complaint: not its version, not its updatedAt
      expect(result.complaint).toEqual(before);
    } else {
      expect(result.complaint.version).toBe(s.complaint.version + 1);
      expect(result.complaint.updatedAt).toBe(now);
    }
    expect(result.event).toMatchObject({
      subject: 'complaint',
      refundId: 'r-1',
      complaintId: 'cp-1',
      action,
      actorId: s.actor.kind === 'staff' ? s.actor.id : null,
      actorKind: s.actor.kind,
      at: now,
      statusBefore: s.complaint.status,
      statusAfter: result.complaint.status,
      details: { level: result.complaint.level },
    });
    expect(Object.keys(result.event).sort()).toEqual(
      [
        'action',
        'actorId',
        'actorKind',
        'amountFen',
        'at',
        'complaintId',
        'customerMessage',
        'details',
        'note',
        'refundId',
        'statusAfter',
        'statusBefore',
        'subject',
      ].sort(),
    );
  });

  const refusedStatuses = COMPLAINT_STATUSES.filter((st) => !ALLOWED_FROM[action].includes(st));
  if (refusedStatuses.length > 0) {
    it.each(refusedStatuses)('is refused from %s with 409', (status) => {
      const result = refused(runScenario(scenario(action), { status }), 409);
      expect(result).not.toHaveProperty('complaint');
    });
  }

  it.each(ALLOWED_FROM[action])('is allowed from %s', (status) => {
    ok(
      runScenario(scenario(action), {
        status,
        resolvedAt: scenario(action).complaint.resolvedAt ?? at(-DAY_MS),
      }),
    );
  });

  it.each(FORBIDDEN[action])('is refused to %s with 403', (_label, actor) => {
    refused(runScenario(scenario(action), {}, actor), 403);
  });

  if (VERSIONED.includes(action)) {
    it('is refused with a stale version (409) and says which version is current', () => {
      const s = scenario(action);
      const result = refused(
        run(s.complaint, { ...s.command, version: 4 } as ComplaintCommand, s.actor),
        409,
      );
      expect(result.message).toBe(
        'This complaint was changed by someone else (version 5 is current, you sent 4). Reload it and try again.',
      );
    });

    it('is refused with a version from the future too', () => {
      const s = scenario(action);
      refused(run(s.complaint, { ...s.command, version: 6 } as ComplaintCommand, s.actor), 409);
    });

    it('refuses a missing or malformed version with 422', () => {
      const s = scenario(action);
      const { version: _v, ...rest } = s.command as { version: number };
      expect(refused(run(s.complaint, rest as ComplaintCommand, s.actor), 422).errors).toHaveProperty(
        'version',
      );
      for (const version of [-1, 1.5, '5']) {
        const result = run(s.complaint, { ...s.command, version } as unknown as ComplaintCommand, s.actor);
        expect(refused(result, 422).errors).toHaveProperty('version');
      }
    });

    it('refuses unknown body fields with 422', () => {
      const s = scenario(action);
      const result = refused(
        run(s.complaint, { ...s.command, sneaky: 1 } as unknown as ComplaintCommand, s.actor),
        422,
      );
      expect(result.errors).toEqual({ sneaky: 'Unknown field "sneaky".' });
    });
  }
});

describe('the order of the checks: who → version → status → body', () => {
  it('403 before a stale version', () => {
    const s = scenario('resolve');
    refused(run(s.complaint, { ...s.command, version: 1 } as ComplaintCommand, rev1), 403);
  });

  it('stale version before a wrong status', () => {
    const s = scenario('resolve');
    const result = refused(
      run({ ...s.complaint, status: 'closed' }, { ...s.command, version: 1 } as ComplaintCommand, sup1),
      409,
    );
    expect(result.message).toContain('changed by someone else');
  });

  it('wrong status before an invalid body', () => {
    const result = refused(
      run(makeComplaint({ status: 'closed' }), raw('resolve', { version: 5, outcome: 'nonsense' }), sup1),
      409,
    );
    expect(result.message).toBe(
      'Only open, investigated, escalated or waiting complaints can be resolved; this one is closed.',
    );
  });

  it('unknown actions are 422', () => {
    refused(run(makeComplaint(), raw('delete', { version: 5 }), sup1), 422);
  });
});

// ---------------------------------------------------------------------------------------------
// Bodies

describe('body schemas', () => {
  const cases: [keyof typeof complaintActionBodySchemas, Record<string, unknown>, string][] = [
    ['assign', { version: 5 }, 'assigneeId'],
    ['assign', { version: 5, assigneeId: '  ' }, 'assigneeId'],
    ['note', { version: 5 }, 'text'],
    ['note', { version: 5, text: '   ' }, 'text'],
    ['note', { version: 5, text: 'x'.repeat(2001) }, 'text'],
    ['contact', { version: 5, text: 42 }, 'text'],
    ['contact', { version: 5, text: 'ok', awaitingReply: 'yes' }, 'awaitingReply'],
    ['escalate', { version: 5 }, 'reason'],
    ['escalate', { version: 5, reason: '' }, 'reason'],
    ['resolve', { version: 5, customerMessage: MSG }, 'outcome'],
    ['resolve', { version: 5, outcome: 'refund', customerMessage: MSG }, 'outcome'],
    ['resolve', { version: 5, outcome: 'upheld' }, 'customerMessage'],
    ['resolve', { version: 5, outcome: 'upheld', customerMessage: ' ' }, 'customerMessage'],
    [
      'resolve',
      { version: 5, outcome: 'partially_overturned', customerMessage: MSG, amountFen: -5 },
      'amountFen',
    ],
    [
      'resolve',
      { version: 5, outcome: 'partially_overturned', customerMessage: MSG, amountFen: 10.5 },
      'amountFen',
    ],
    ['resolve', { version: 5, outcome: 'goodwill', customerMessage: MSG, goodwillCoins: 0 }, 'goodwillCoins'],
    [
      'resolve',
      { version: 5, outcome: 'goodwill', customerMessage: MSG, goodwillCoins: 2.5 },
      'goodwillCoins',
    ],
    ['close', { version: 5, note: 7 }, 'note'],
    ['reopen', { version: 5, note: 'x'.repeat(2001) }, 'note'],
    ['create', { channel: 'phone', category: 'other', description: 'x' }, 'refundId'],
    ['create', { refundId: 'r-1', channel: 'fax', category: 'other', description: 'x' }, 'channel'],
    ['create', { refundId: 'r-1', channel: 'phone', category: 'rude', description: 'x' }, 'category'],
    ['create', { refundId: 'r-1', channel: 'phone', category: 'other', description: '' }, 'description'],
    ['create', { refundId: 'r-1', channel: 'phone', category: 'other', description: 'x', level: 2 }, 'level'],
  ];
  it.each(cases)('%s %j → 422 on %s', (action, body, field) => {
    const parsed = parseComplaintActionBody(action, body);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) {
      expect(parsed.status).toBe(422);
      expect(parsed.errors).toHaveProperty(field);
      expect(parsed.message).toMatch(/^The request body is invalid\./);
    }
    if (action !== 'create') {
      const complaint =
        action === 'close' || action === 'reopen' ? scenario(action).complaint : makeComplaint();
      const result = run(
        complaint,
        raw(action, body),
        action === 'resolve' || action === 'contact' ? sup1 : sup2,
      );
      expect(refused(result, 422).errors).toHaveProperty(field);
    }
  });

  it('trims texts and accepts a missing optional note', () => {
    const parsed = parseComplaintActionBody('note', { version: 1, text: '  hello  ' });
    expect(parsed).toEqual({ ok: true, body: { version: 1, text: 'hello' } });
    expect(parseComplaintActionBody('close', { version: 1 }).ok).toBe(true);
    expect(parseComplaintActionBody('close', undefined).ok).toBe(false);
  });

  it('a non-object body is a 422', () => {
    for (const body of [[], 'text', 42]) {
      expect(parseComplaintActionBody('note', body)).toMatchObject({ ok: false, status: 422 });
    }
  });
});

// ---------------------------------------------------------------------------------------------
// Transitions one by one
