import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  ACTIVE_COMPLAINT_STATUSES,
  COMPLAINT_ACTIONS,
  GOODWILL_COINS_CAP,
  REOPEN_WINDOW,
  applyComplaintCommand,
  availableComplaintActions,
  availableOutcomes,
  complaintActionBodySchemas,
  complaintCategoriesFor,
  complaintPriority,
  dueForAutoEscalation,
  dueForOverdueFlag,
  isComplaintOverdue,
  openComplaint,
  parseComplaintActionBody,
  withinReopenWindow,
  type ComplaintAction,
  type ComplaintCommand,
  type ComplaintRefundView,
  type ComplaintResult,
  type OpenComplaintResult,
} from '../../src/domain/complaintWorkflow';
import {
  COMPLAINT_CATEGORIES,
  COMPLAINT_CHANNELS,
  COMPLAINT_STATUSES,
  type Complaint,
  type ComplaintStatus,
  type RefundRequest,
} from '../../src/domain/model';
import { COMPLAINT_ANNOTATIONS, isComplaintAnnotation } from '../../src/domain/complaintAnnotations';
import type { Actor } from '../../src/domain/refundWorkflow';
import { DAY_MS, HOUR_MS, toIso, toMs } from '../../src/domain/sla';

// ---------------------------------------------------------------------------------------------
// Fixtures

const NOW = '2026-03-10T08:00:00.000Z';
const at = (offsetMs: number) => toIso(toMs(NOW) + offsetMs);

const rev1: Actor = { kind: 'staff', id: 'u-rev1', role: 'reviewer' };
const sup1: Actor = { kind: 'staff', id: 'u-sup1', role: 'supervisor' };
const sup2: Actor = { kind: 'staff', id: 'u-sup2', role: 'supervisor' };
const mgr: Actor = { kind: 'staff', id: 'u-mgr', role: 'manager' };
const system: Actor = { kind: 'system' };
const customer: Actor = { kind: 'customer' };

const SUPERVISORS = new Set(['u-sup1', 'u-sup2']);
const NAMES: Record<string, string> = { 'u-sup1': 'Chen Jing', 'u-sup2': 'Zhao Min' };

/** An investigated level-1 complaint held by sup1, opened 10 h ago, about a rejected request. */
function makeComplaint(overrides: Partial<Complaint> = {}): Complaint {
  const openedAt = at(-10 * HOUR_MS);
  return {
    id: 'cp-1',
    refundId: 'r-1',
    customerId: 'c-1',
    customerName: '王小明',
    orderNumber: 'CZ20260301000001',
    channel: 'phone',
    category: 'disputes_rejection',
    description: '我在 7 天内就联系了客服，为什么驳回？',
    priority: 'normal',
    level: 1,
    status: 'investigating',
    assigneeId: 'u-sup1',
    openedAt,
    openedBy: 'u-rev1',
    dueAt: toIso(toMs(openedAt) + 48 * HOUR_MS),
    escalatedAt: null,
    overdueFlag: false,
    originalDecision: { status: 'rejected', reviewerId: 'u-rev1', amountFen: null },
    resolution: null,
    resolvedAt: null,
    closedAt: null,
    updatedAt: openedAt,
    version: 5,
    ...overrides,
  };
}

const rejectedRefund: ComplaintRefundView = {
  id: 'r-1',
  status: 'rejected',
  refundableFen: 6_800,
  approvedFen: null,
  version: 7,
  paidFen: 6_800,
  coins: 680,
  tipping: false,
  outsideWindow: false,
  accountRestricted: false,
  overrideBy: null,
};

function run(
  complaint: Complaint,
  command: ComplaintCommand,
  actor: Actor,
  opts: { now?: string; refund?: ComplaintRefundView; other?: string | null } = {},
): ComplaintResult {
  return applyComplaintCommand(complaint, command, {
    actor,
    nowIso: opts.now ?? NOW,
    refund: opts.refund ?? rejectedRefund,
    staffName: (id) => NAMES[id],
    isSupervisor: (id) => SUPERVISORS.has(id),
    otherActiveComplaintId: opts.other ?? null,
  });
}

function ok(result: ComplaintResult) {
  if (!result.ok) throw new Error(`expected success, got ${result.status}: ${result.message}`);
  return result;
}

function refused(result: ComplaintResult | OpenComplaintResult, status: 403 | 409 | 422) {
  if (result.ok) throw new Error(`expected ${status}, got success (${result.complaint.status})`);
  expect(result.status, result.message).toBe(status);
  expect(result.message.length).toBeGreaterThan(10);
  return result;
}

const raw = (action: string, body: Record<string, unknown>) =>
  ({ action, ...body }) as unknown as ComplaintCommand;

const MSG = '您好，经复核，您的退款将全额退回。';

interface Scenario {
  complaint: Complaint;
  actor: Actor;
  command: ComplaintCommand;
  now?: string;
}

function scenario(action: ComplaintAction): Scenario {
  const c = makeComplaint();
  switch (action) {
    case 'assign':
      return { complaint: c, actor: sup1, command: { action, version: 5, assigneeId: 'u-sup2' } };
    case 'note':
      return { complaint: c, actor: sup1, command: { action, version: 5, text: '已调取通话录音。' } };
    case 'contact':
      return {
        complaint: c,
        actor: sup1,
        command: { action, version: 5, text: '电话联系客户，说明处理进度。' },
      };
    case 'escalate':
      return { complaint: c, actor: sup1, command: { action, version: 5, reason: '涉及审核员操作规范。' } };
    case 'resolve':
      return {
        complaint: c,
        actor: sup1,
        command: { action, version: 5, outcome: 'upheld', customerMessage: MSG },
      };
    case 'second_approval':
      return {
        complaint: makeComplaint({
          pendingResolution: {
            outcome: 'goodwill',
            by: 'u-sup1',
            at: at(-HOUR_MS),
            customerMessage: MSG,
            goodwillCoins: 100,
            reasons: ['tipping'],
          },
        }),
        actor: sup2,
        command: { action, version: 5, decision: 'confirm' },
      };
    case 'close':
      return {
        complaint: makeComplaint({ status: 'resolved', resolvedAt: at(-DAY_MS) }),
        actor: sup2,
        command: { action, version: 5 },
      };
    case 'reopen':
      return {
        complaint: makeComplaint({ status: 'resolved', resolvedAt: at(-DAY_MS) }),
        actor: sup2,
        command: { action, version: 5, note: '客户提供了新的付款凭证。' },
      };
    case 'auto_escalate':
      return { complaint: c, actor: system, command: { action }, now: c.dueAt };
    case 'flag_overdue': {
      const escalated = makeComplaint({
        status: 'escalated',
        level: 2,
        escalatedAt: at(-30 * HOUR_MS),
        dueAt: at(-6 * HOUR_MS),
      });
      return { complaint: escalated, actor: system, command: { action } };
    }
  }
}

function runScenario(s: Scenario, patch: Partial<Complaint> = {}, actor: Actor = s.actor) {
  return run({ ...s.complaint, ...patch }, s.command, actor, { now: s.now });
}

const ACTIVE = [...ACTIVE_COMPLAINT_STATUSES];
const ALLOWED_FROM: Record<ComplaintAction, ComplaintStatus[]> = {
  assign: ACTIVE,
  note: ['open', 'investigating', 'awaiting_customer', 'escalated', 'resolved'],
  contact: ACTIVE,
  escalate: ACTIVE,
  resolve: ACTIVE,
  second_approval: ACTIVE,
  close: ['resolved'],
  reopen: ['resolved', 'closed'],
  auto_escalate: ACTIVE,
  flag_overdue: ACTIVE,
};

const STAFF_FORBIDDEN: [string, Actor][] = [
  ['a reviewer', rev1],
  ['a manager', mgr],
  ['the system', system],
  ['the customer', customer],
];
const SYSTEM_FORBIDDEN: [string, Actor][] = [
  ['a reviewer', rev1],
  ['a supervisor', sup1],
  ['a manager', mgr],
  ['the customer', customer],
];
const FORBIDDEN: Record<ComplaintAction, [string, Actor][]> = {
  assign: STAFF_FORBIDDEN,
  note: STAFF_FORBIDDEN,
  contact: STAFF_FORBIDDEN,
  escalate: STAFF_FORBIDDEN,
  resolve: [...STAFF_FORBIDDEN, ['a supervisor who does not hold it', sup2]],
  second_approval: [...STAFF_FORBIDDEN, ['the supervisor who resolved and holds it', sup1]],
  close: STAFF_FORBIDDEN,
  reopen: STAFF_FORBIDDEN,
  auto_escalate: SYSTEM_FORBIDDEN,
  flag_overdue: SYSTEM_FORBIDDEN,
};

const ACTIONS = [...COMPLAINT_ACTIONS];
const VERSIONED: ComplaintAction[] = ACTIONS.filter(
  (a) => a !== 'auto_escalate' && a !== 'flag_overdue' && !isComplaintAnnotation(a),
);

// ---------------------------------------------------------------------------------------------
// The matrix: every action × every refused status, actor and stale version

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

describe('assign / take', () => {
  it('taking an open complaint starts the investigation', () => {
    const open = makeComplaint({ status: 'open', assigneeId: null });
    const result = ok(run(open, { action: 'assign', version: 5, assigneeId: 'u-sup1' }, sup1));
    expect(result.complaint).toMatchObject({ status: 'investigating', assigneeId: 'u-sup1' });
    expect(result.event.details).toMatchObject({
      previousAssigneeId: null,
      assigneeId: 'u-sup1',
      took: true,
    });
  });

  it('reassigning keeps the status (escalated stays escalated)', () => {
    const escalated = makeComplaint({ status: 'escalated', level: 2 });
    const result = ok(run(escalated, { action: 'assign', version: 5, assigneeId: 'u-sup2' }, sup1));
    expect(result.complaint).toMatchObject({ status: 'escalated', assigneeId: 'u-sup2' });
    expect(result.event.details).toMatchObject({ previousAssigneeId: 'u-sup1', took: false });
  });

  it('refuses the current assignee and non-supervisors (422)', () => {
    const same = refused(
      run(makeComplaint(), { action: 'assign', version: 5, assigneeId: 'u-sup1' }, sup2),
      422,
    );
    expect(same.errors?.assigneeId).toBe('This complaint is already assigned to Chen Jing.');
    const reviewer = refused(
      run(makeComplaint(), { action: 'assign', version: 5, assigneeId: 'u-rev1' }, sup1),
      422,
    );
    expect(reviewer.errors?.assigneeId).toMatch(/not an active supervisor/);
  });
});

describe('note', () => {
  it('adds to the timeline without changing the status, also on resolved complaints', () => {
    for (const status of ['open', 'resolved'] as const) {
      const result = ok(run(makeComplaint({ status }), { action: 'note', version: 5, text: ' 备注 ' }, sup2));
      expect(result.complaint.status).toBe(status);
      expect(result.event.note).toBe('备注');
    }
  });

  it.each(COMPLAINT_ANNOTATIONS)(
    '%s needs no version: any, stale or none, it is ignored and the complaint stays as it is',
    (action) => {
      const s = scenario(action);
      const before = structuredClone(s.complaint);
      const { version: _v, ...body } = s.command as { version: number };
      for (const version of [undefined, 0, 4, 6, 99]) {
        const sent = version === undefined ? body : { ...body, version };
        const result = ok(run(s.complaint, sent as ComplaintCommand, s.actor));
        expect(result.complaint, String(version)).toEqual(before);
        expect(result.event).toMatchObject({ action, actorId: 'u-sup1', statusAfter: before.status });
      }
      // a version sent must still be a whole number (the schema, not the lock)
      refused(run(s.complaint, { ...body, version: '5' } as unknown as ComplaintCommand, s.actor), 422);
    },
  );

  it('closed complaints are read-only', () => {
    const result = refused(
      run(makeComplaint({ status: 'closed' }), { action: 'note', version: 5, text: 'x' }, sup1),
      409,
    );
    expect(result.message).toBe('This complaint is closed and read-only; reopen it to add notes.');
  });
});

describe('contact', () => {
  const contact = (complaint: Complaint, awaitingReply?: boolean) =>
    ok(run(complaint, { action: 'contact', version: 5, text: '已致电客户。', awaitingReply }, sup1));

  it('an open or waiting complaint goes (back) under investigation', () => {
    expect(contact(makeComplaint({ status: 'open', assigneeId: null })).complaint.status).toBe(
      'investigating',
    );
    expect(contact(makeComplaint({ status: 'awaiting_customer' })).complaint.status).toBe('investigating');
  });

  it('awaitingReply puts it in awaiting_customer; the level is kept', () => {
    const result = contact(makeComplaint({ status: 'escalated', level: 2 }), true);
    expect(result.complaint).toMatchObject({ status: 'awaiting_customer', level: 2 });
    expect(result.event).toMatchObject({ note: '已致电客户。', details: { awaitingReply: true, level: 2 } });
    // the customer answers: back to escalated, not to level-1 investigation
    const back = ok(
      run({ ...result.complaint, version: 5 }, { action: 'contact', version: 5, text: '客户回电' }, sup1),
    );
    expect(back.complaint.status).toBe('escalated');
  });

  it('the due time keeps running', () => {
    const c = makeComplaint();
    expect(contact(c, true).complaint.dueAt).toBe(c.dueAt);
  });
});

describe('escalate', () => {
  it('goes to level 2 with a new 24 h due time from now, the reason in the event', () => {
    const c = makeComplaint({ overdueFlag: false });
    const result = ok(run(c, { action: 'escalate', version: 5, reason: '客户要求主管处理' }, sup2));
    expect(result.complaint).toMatchObject({
      status: 'escalated',
      level: 2,
      escalatedAt: NOW,
      dueAt: at(24 * HOUR_MS),
      assigneeId: 'u-sup1',
    });
    expect(result.event).toMatchObject({
      note: '客户要求主管处理',
      details: { level: 2, fromLevel: 1, previousDueAt: c.dueAt, dueAt: at(24 * HOUR_MS) },
    });
  });

  it('a level-2 complaint cannot escalate again (409), whatever its status', () => {
    for (const status of ['escalated', 'awaiting_customer'] as const) {
      const result = refused(
        run(makeComplaint({ status, level: 2 }), { action: 'escalate', version: 5, reason: 'again' }, sup1),
        409,
      );
      expect(result.message).toBe('This complaint is already escalated to level 2.');
    }
  });
});

describe('auto-escalation and the overdue flag', () => {
  const c = makeComplaint();

  it('a level-1 complaint escalates by itself at its due time, not 1 ms before', () => {
    expect(dueForAutoEscalation(c, toIso(toMs(c.dueAt) - 1))).toBe(false);
    expect(dueForAutoEscalation(c, c.dueAt)).toBe(true);
    const early = refused(
      run(c, { action: 'auto_escalate' }, system, { now: toIso(toMs(c.dueAt) - 1) }),
      409,
    );
    expect(early.message).toBe(
      `This complaint is not due until ${c.dueAt}; it cannot escalate by itself yet.`,
    );
    const later = at(3 * DAY_MS);
    const result = ok(run(c, { action: 'auto_escalate' }, system, { now: later }));
    expect(result.complaint).toMatchObject({
      status: 'escalated',
      level: 2,
      escalatedAt: later,
      dueAt: toIso(toMs(later) + 24 * HOUR_MS),
    });
    expect(result.event).toMatchObject({ action: 'auto_escalate', actorKind: 'system', actorId: null });
  });

  it('never for level 2, resolved or closed complaints', () => {
    const late = at(30 * DAY_MS);
    expect(dueForAutoEscalation({ ...c, level: 2, status: 'escalated' }, late)).toBe(false);
    expect(dueForAutoEscalation({ ...c, status: 'resolved' }, late)).toBe(false);
    expect(dueForAutoEscalation({ ...c, status: 'closed' }, late)).toBe(false);
    refused(
      run({ ...c, level: 2, status: 'escalated' }, { action: 'auto_escalate' }, system, { now: late }),
      409,
    );
  });

  it('a level-2 complaint past its due time is flagged to managers, once', () => {
    const l2 = makeComplaint({ status: 'escalated', level: 2, dueAt: at(HOUR_MS) });
    expect(dueForOverdueFlag(l2, at(HOUR_MS - 1))).toBe(false);
    expect(dueForOverdueFlag(l2, at(HOUR_MS))).toBe(true);
    refused(run(l2, { action: 'flag_overdue' }, system, { now: at(HOUR_MS - 1) }), 409);
    const flagged = ok(run(l2, { action: 'flag_overdue' }, system, { now: at(2 * HOUR_MS) }));
    expect(flagged.complaint).toMatchObject({ overdueFlag: true, status: 'escalated', level: 2 });
    expect(flagged.event.details).toMatchObject({ dueAt: at(HOUR_MS) });
    expect(dueForOverdueFlag(flagged.complaint, at(3 * HOUR_MS))).toBe(false);
    expect(
      refused(run(flagged.complaint, { action: 'flag_overdue' }, system, { now: at(3 * HOUR_MS) }), 409)
        .message,
    ).toBe('This complaint is already flagged as overdue.');
  });

  it('level 1 is never flagged (it escalates instead)', () => {
    expect(dueForOverdueFlag(c, at(30 * DAY_MS))).toBe(false);
    refused(run(c, { action: 'flag_overdue' }, system, { now: at(30 * DAY_MS) }), 409);
  });

  it('resolving clears the flag', () => {
    const flagged = makeComplaint({ status: 'escalated', level: 2, overdueFlag: true });
    const resolved = ok(
      run(flagged, { action: 'resolve', version: 5, outcome: 'upheld', customerMessage: MSG }, sup1),
    );
    expect(resolved.complaint.overdueFlag).toBe(false);
  });

  it('isComplaintOverdue: active and past due', () => {
    expect(isComplaintOverdue(c, toMs(c.dueAt) + 1)).toBe(true);
    expect(isComplaintOverdue(c, toMs(c.dueAt))).toBe(false);
    expect(isComplaintOverdue({ ...c, status: 'resolved' }, toMs(c.dueAt) + 1)).toBe(false);
  });
});

describe('resolve', () => {
  const resolve = (
    body: Record<string, unknown>,
    refund: ComplaintRefundView = rejectedRefund,
    actor = sup1,
  ) => run(makeComplaint(), raw('resolve', { version: 5, customerMessage: MSG, ...body }), actor, { refund });

  it('upheld: resolved, the resolution recorded, no refund command', () => {
    const result = ok(resolve({ outcome: 'upheld' }));
    expect(result.complaint).toMatchObject({
      status: 'resolved',
      resolvedAt: NOW,
      resolution: { outcome: 'upheld', by: 'u-sup1', at: NOW, customerMessage: MSG },
    });
    expect(result.complaint.resolution).not.toHaveProperty('amountFen');
    expect(result).not.toHaveProperty('refundCommand');
    expect(result.event).toMatchObject({
      customerMessage: MSG,
      amountFen: null,
      details: { outcome: 'upheld' },
    });
  });

  it('overturned: refunds the whole refundable amount through the refund workflow', () => {
    const result = ok(resolve({ outcome: 'overturned' }));
    expect(result.complaint.resolution).toMatchObject({ outcome: 'overturned', amountFen: 6_800 });
    expect(result.refundCommand).toEqual({
      action: 'overturn',
      version: 7,
      amountFen: 6_800,
      complaintId: 'cp-1',
      note: `Complaint cp-1 resolved as overturned: ${MSG}`,
    });
    expect(result.event).toMatchObject({
      amountFen: 6_800,
      details: { outcome: 'overturned', refundableFen: 6_800, previousRefundStatus: 'rejected' },
    });
    // an explicit amount must be the whole refundable amount
    ok(resolve({ outcome: 'overturned', amountFen: 6_800 }));
    const other = refused(resolve({ outcome: 'overturned', amountFen: 5_000 }), 422);
    expect(other.errors?.amountFen).toMatch(/partially_overturned/);
  });

  it('partially_overturned: an amount above what is approved and below the refundable amount', () => {
    const result = ok(resolve({ outcome: 'partially_overturned', amountFen: 3_000 }));
    expect(result.complaint.resolution).toMatchObject({ outcome: 'partially_overturned', amountFen: 3_000 });
    expect(result.refundCommand).toMatchObject({ amountFen: 3_000 });
    expect(refused(resolve({ outcome: 'partially_overturned' }), 422).errors).toHaveProperty('amountFen');
    expect(
      refused(resolve({ outcome: 'partially_overturned', amountFen: 6_800 }), 422).errors?.amountFen,
    ).toMatch(/choose "overturned"/);
    expect(
      refused(resolve({ outcome: 'partially_overturned', amountFen: 6_801 }), 422).errors?.amountFen,
    ).toBe('The amount cannot exceed the refundable ¥68.00.');
  });

  it("the overturn amount is at most the order's refundable amount and above a partial approval", () => {
    const partial: ComplaintRefundView = {
      ...rejectedRefund,
      status: 'partially_approved',
      approvedFen: 4_000,
    };
    expect(
      refused(resolve({ outcome: 'partially_overturned', amountFen: 4_000 }, partial), 422).errors?.amountFen,
    ).toBe('The amount must be more than the ¥40.00 already approved; it is the new total to refund.');
    ok(resolve({ outcome: 'partially_overturned', amountFen: 4_001 }, partial));
    ok(resolve({ outcome: 'overturned' }, partial));
    const paidPartly: ComplaintRefundView = { ...partial, status: 'refunded' };
    expect(ok(resolve({ outcome: 'overturned' }, paidPartly)).refundCommand?.amountFen).toBe(6_800);
    const nothing: ComplaintRefundView = { ...rejectedRefund, refundableFen: 0 };
    expect(refused(resolve({ outcome: 'overturned' }, nothing), 422).errors?.amountFen).toMatch(
      /Nothing is refundable/,
    );
  });

  it('an overturn of a request that cannot be overturned is a 409 that says why', () => {
    const full: ComplaintRefundView = { ...rejectedRefund, status: 'refunded', approvedFen: 6_800 };
    const result = refused(resolve({ outcome: 'overturned' }, full), 409);
    expect(result.message).toBe(
      'The refund request is refunded: This request was already refunded in full; there is nothing left to overturn. Resolve the complaint as upheld or goodwill instead.',
    );
    refused(
      resolve({ outcome: 'partially_overturned', amountFen: 10 }, { ...rejectedRefund, status: 'in_review' }),
      409,
    );
    // upheld and goodwill do not depend on the request
    ok(resolve({ outcome: 'upheld' }, full));
    ok(resolve({ outcome: 'goodwill', goodwillCoins: 100 }, full));
  });

  it(`goodwill: coins credited up to the cap of ${GOODWILL_COINS_CAP}`, () => {
    expect(GOODWILL_COINS_CAP).toBe(5_000);
    const result = ok(resolve({ outcome: 'goodwill', goodwillCoins: GOODWILL_COINS_CAP }));
    expect(result.complaint.resolution).toMatchObject({ outcome: 'goodwill', goodwillCoins: 5_000 });
    expect(result.event.details).toMatchObject({ outcome: 'goodwill', goodwillCoins: 5_000 });
    expect(result).not.toHaveProperty('refundCommand');
    expect(
      refused(resolve({ outcome: 'goodwill', goodwillCoins: GOODWILL_COINS_CAP + 1 }), 422).errors
        ?.goodwillCoins,
    ).toBe('The goodwill can be at most 5,000 coins.');
    expect(refused(resolve({ outcome: 'goodwill' }), 422).errors).toHaveProperty('goodwillCoins');
    expect(
      refused(resolve({ outcome: 'goodwill', goodwillCoins: 10, amountFen: 100 }), 422).errors,
    ).toHaveProperty('amountFen');
  });

  it('amounts and coins only with their own outcome (422)', () => {
    expect(refused(resolve({ outcome: 'upheld', amountFen: 100 }), 422).errors).toHaveProperty('amountFen');
    expect(refused(resolve({ outcome: 'upheld', goodwillCoins: 100 }), 422).errors).toHaveProperty(
      'goodwillCoins',
    );
    expect(refused(resolve({ outcome: 'overturned', goodwillCoins: 100 }), 422).errors).toHaveProperty(
      'goodwillCoins',
    );
  });

  it("only the holder resolves: unassigned is a 409 (take it first), someone else's a 403", () => {
    const unassigned = makeComplaint({ status: 'open', assigneeId: null });
    const result = refused(
      run(unassigned, raw('resolve', { version: 5, outcome: 'upheld', customerMessage: MSG }), sup1),
      409,
    );
    expect(result.message).toBe(
      'Nobody holds this complaint; take it (assign it to yourself) before you resolve it.',
    );
    expect(refused(resolve({ outcome: 'upheld' }, rejectedRefund, sup2), 403).message).toBe(
      'This complaint is assigned to Chen Jing; only they can resolve it. Assign it to yourself first.',
    );
    expect(refused(resolve({ outcome: 'upheld' }, rejectedRefund, rev1), 403).message).toBe(
      'Your role (reviewer) may not resolve complaints.',
    );
  });
});

describe('close', () => {
  it('closes a resolved complaint', () => {
    const s = scenario('close');
    const result = ok(run(s.complaint, { action: 'close', version: 5, note: '客户确认' }, sup2));
    expect(result.complaint).toMatchObject({
      status: 'closed',
      closedAt: NOW,
      resolvedAt: s.complaint.resolvedAt,
    });
    expect(result.event.note).toBe('客户确认');
  });

  it('an unresolved complaint must be resolved first', () => {
    expect(refused(run(makeComplaint(), { action: 'close', version: 5 }, sup1), 409).message).toBe(
      'Only resolved complaints can be closed; this one is under investigation.',
    );
  });
});

describe('reopen', () => {
  const resolvedAt = at(-REOPEN_WINDOW);
  const resolution = { outcome: 'upheld' as const, by: 'u-sup1', at: resolvedAt, customerMessage: MSG };
  const resolved = makeComplaint({ status: 'resolved', resolvedAt, resolution });
  const reopen = (c: Complaint, now = NOW, other: string | null = null) =>
    run(c, { action: 'reopen', version: 5 }, sup1, { now, other });

  it('within 14 days of the resolution, inclusive', () => {
    expect(REOPEN_WINDOW).toBe(14 * DAY_MS);
    expect(withinReopenWindow(resolved, NOW)).toBe(true);
    expect(withinReopenWindow(resolved, at(1))).toBe(false);
    const result = ok(reopen(resolved));
    expect(result.complaint).toMatchObject({
      status: 'investigating',
      resolution: null,
      resolvedAt: null,
      closedAt: null,
      dueAt: at(48 * HOUR_MS),
    });
    expect(result.event.details).toMatchObject({ previousResolution: resolution, resolvedAt });
  });

  it('14 days + 1 ms after the resolution is too late (409)', () => {
    const result = refused(reopen(resolved, at(1)), 409);
    expect(result.message).toBe(
      `Complaints can be reopened within 14 days of their resolution; this one was resolved on ${resolvedAt} and the window closed on ${NOW}.`,
    );
  });

  it('from closed too; the window still counts from the resolution', () => {
    const closed = { ...resolved, status: 'closed' as const, closedAt: at(-DAY_MS) };
    expect(ok(reopen(closed, at(-1))).complaint).toMatchObject({ status: 'investigating', closedAt: null });
    refused(reopen(closed, at(1)), 409);
  });

  it('a level-2 complaint reopens escalated with 24 h; an unassigned one reopens open', () => {
    const l2 = ok(reopen({ ...resolved, level: 2 })).complaint;
    expect(l2).toMatchObject({ status: 'escalated', level: 2, dueAt: at(24 * HOUR_MS) });
    expect(ok(reopen({ ...resolved, assigneeId: null })).complaint.status).toBe('open');
  });

  it('not while another complaint is open on the same request (409 naming it)', () => {
    expect(refused(reopen(resolved, NOW, 'cp-9'), 409).message).toBe(
      'Complaint cp-9 is already open on this refund request; work on that one instead.',
    );
  });
});

// ---------------------------------------------------------------------------------------------
// Opening

describe('openComplaint', () => {
  const refund = {
    id: 'r-1',
    customerId: 'c-1',
    customerName: '王小明',
    orderNumber: 'CZ1',
    status: 'rejected',
    refundableFen: 6_800,
    approvedFen: null,
    decidedAt: at(-DAY_MS),
    decision: {
      action: 'reject',
      by: 'u-rev1',
      at: at(-DAY_MS),
      reasonCode: 'outside_window',
      customerMessage: '驳回',
    },
  } as unknown as RefundRequest;
  const body = {
    refundId: 'r-1',
    channel: 'phone',
    category: 'disputes_rejection',
    description: '  不服驳回  ',
  };
  const open = (b: unknown = body, actor: Actor = rev1, active: string | null = null, r = refund) =>
    openComplaint(r, b, {
      actor,
      nowIso: NOW,
      id: 'cp-7',
      activeComplaint: active ? { id: active, originalDecision: { reviewerId: 'u-rev1' } } : null,
    });

  it('builds a level-1 open complaint due in 48 h, with the disputed decision and an open event', () => {
    const result = open();
    if (!result.ok) throw new Error(result.message);
    expect(result.complaint).toEqual({
      id: 'cp-7',
      refundId: 'r-1',
      customerId: 'c-1',
      customerName: '王小明',
      orderNumber: 'CZ1',
      channel: 'phone',
      category: 'disputes_rejection',
      description: '不服驳回',
      priority: 'normal',
      level: 1,
      status: 'open',
      assigneeId: null,
      openedAt: NOW,
      openedBy: 'u-rev1',
      dueAt: at(48 * HOUR_MS),
      escalatedAt: null,
      overdueFlag: false,
      originalDecision: {
        status: 'rejected',
        reviewerId: 'u-rev1',
        amountFen: null,
        decidedAt: at(-DAY_MS),
        reasonCode: 'outside_window',
      },
      resolution: null,
      resolvedAt: null,
      closedAt: null,
      updatedAt: NOW,
      version: 1,
    });
    expect(result.event).toMatchObject({
      subject: 'complaint',
      refundId: 'r-1',
      complaintId: 'cp-7',
      action: 'open',
      actorId: 'u-rev1',
      actorKind: 'staff',
      statusBefore: null,
      statusAfter: 'open',
      note: '不服驳回',
      details: { channel: 'phone', category: 'disputes_rejection', priority: 'normal', level: 1 },
    });
  });

  it('regulator referrals are urgent and due in 24 h; late refunds and missing payouts are high', () => {
    const result = open({ ...body, channel: 'regulator_referral' }, sup1);
    expect(result.ok && result.complaint).toMatchObject({ priority: 'urgent', dueAt: at(24 * HOUR_MS) });
    expect(complaintPriority('regulator_referral', 'other')).toBe('urgent');
    for (const channel of COMPLAINT_CHANNELS.filter((c) => c !== 'regulator_referral')) {
      for (const category of COMPLAINT_CATEGORIES) {
        expect(complaintPriority(channel, category)).toBe(
          category === 'refund_late' || category === 'payout_not_received' ? 'high' : 'normal',
        );
      }
    }
  });

  it('the customer side opens one too (no staff author); the system and managers cannot (403)', () => {
    const result = open({ ...body, channel: 'in_app' }, customer);
    expect(result.ok && result.complaint.openedBy).toBeNull();
    expect(result.ok && result.event.actorKind).toBe('customer');
    refused(open(body, mgr), 403);
    refused(open(body, system), 403);
  });

  it('a second active complaint on the request is a 409 that names the first', () => {
    const result = refused(open(body, sup1, 'cp-3'), 409);
    expect(result.message).toBe(
      'Complaint cp-3 is already open on this refund request; add to that one instead of opening a second.',
    );
    // 403 comes first
    refused(open(body, mgr, 'cp-3'), 403);
  });

  it('names the open complaint only to whoever may read it', () => {
    const rev2: Actor = { kind: 'staff', id: 'u-rev2', role: 'reviewer' };
    const active = { id: 'cp-3', originalDecision: { reviewerId: 'u-rev1' } };
    const ctx = { nowIso: NOW, id: 'cp-7', activeComplaint: active };
    const hidden = openComplaint(refund, body, { ...ctx, actor: rev2 });
    expect(hidden).toEqual({
      ok: false,
      status: 409,
      code: 'complaint_already_open_hidden',
      params: {},
      message: 'A complaint about this request is already open; a supervisor handles it.',
    });
    for (const actor of [rev1, sup1, { kind: 'customer' } as const]) {
      const named = openComplaint(refund, body, { ...ctx, actor });
      expect(named).toMatchObject({ ok: false, status: 409, existingComplaintId: 'cp-3' });
    }
  });

  it('the category must fit the request (422)', () => {
    const pending = { ...refund, status: 'pending', decision: null } as RefundRequest;
    expect(refused(open(body, rev1, null, pending), 422).errors).toHaveProperty('category');
    expect(refused(open({ ...body, category: 'disputes_partial_amount' }), 422).errors).toHaveProperty(
      'category',
    );
    expect(refused(open({ ...body, category: 'payout_not_received' }), 422).errors).toHaveProperty(
      'category',
    );
    const late = open({ ...body, category: 'refund_late' }, rev1, null, pending);
    expect(late.ok && late.complaint).toMatchObject({ priority: 'high', originalDecision: null });
    const partial = { ...refund, status: 'refunded', approvedFen: 3_000 } as RefundRequest;
    expect(open({ ...body, category: 'disputes_partial_amount' }, rev1, null, partial).ok).toBe(true);
    expect(open({ ...body, category: 'payout_not_received' }, rev1, null, partial).ok).toBe(true);
  });

  it('refuses a body naming another request or with unknown fields (422)', () => {
    expect(refused(open({ ...body, refundId: 'r-2' }), 422).errors).toHaveProperty('refundId');
    expect(refused(open({ ...body, priority: 'urgent' }), 422).errors).toEqual({
      priority: 'Unknown field "priority".',
    });
  });

  it('a timed-out rejection has no reviewer to blame', () => {
    const timedOut = { ...refund, decision: { ...refund.decision!, by: 'system' } } as RefundRequest;
    const result = open(body, rev1, null, timedOut);
    expect(result.ok && result.complaint.originalDecision?.reviewerId).toBeNull();
  });
});

// ---------------------------------------------------------------------------------------------
// Queries

describe('availableComplaintActions', () => {
  const actions = (c: Complaint, actor: Actor, nowIso = NOW) =>
    availableComplaintActions(c, actor, { nowIso });

  it('an open, unassigned complaint: a supervisor can take, note, contact, escalate; not resolve yet', () => {
    const c = makeComplaint({ status: 'open', assigneeId: null });
    expect(actions(c, sup1)).toEqual(['assign', 'note', 'contact', 'escalate']);
  });

  it('the holder can resolve; another supervisor cannot', () => {
    expect(actions(makeComplaint(), sup1)).toEqual(['assign', 'note', 'contact', 'escalate', 'resolve']);
    // a colleague who does not hold it notes it; a contact moves its status, so it is the holder's
    expect(actions(makeComplaint(), sup2)).toEqual(['assign', 'note', 'escalate']);
  });

  it('reviewers and managers are offered nothing (read only)', () => {
    for (const status of COMPLAINT_STATUSES) {
      expect(actions(makeComplaint({ status }), rev1)).toEqual([]);
      expect(actions(makeComplaint({ status }), mgr)).toEqual([]);
    }
  });

  it('resolved: note, close and reopen (while the window is open); closed: reopen only', () => {
    const resolved = makeComplaint({ status: 'resolved', resolvedAt: at(-DAY_MS) });
    expect(actions(resolved, sup2)).toEqual(['note', 'close', 'reopen']);
    expect(actions(resolved, sup2, at(14 * DAY_MS))).toEqual(['note', 'close']);
    expect(actions({ ...resolved, status: 'closed' }, sup2)).toEqual(['reopen']);
    expect(
      availableComplaintActions(resolved, sup2, { nowIso: NOW, otherActiveComplaintId: 'cp-2' }),
    ).not.toContain('reopen');
  });

  it('the system: auto_escalate or flag_overdue when due', () => {
    const c = makeComplaint();
    expect(actions(c, system)).toEqual([]);
    expect(actions(c, system, c.dueAt)).toEqual(['auto_escalate']);
    const l2 = makeComplaint({ status: 'escalated', level: 2, dueAt: NOW });
    expect(actions(l2, system)).toEqual(['flag_overdue']);
  });

  it('agrees with applyComplaintCommand: an offered action never meets a 403 or a 409', () => {
    const actors = [rev1, sup1, sup2, mgr, system, customer];
    for (const action of ACTIONS) {
      const s = scenario(action);
      const now = s.now ?? NOW;
      for (const status of COMPLAINT_STATUSES) {
        for (const level of [1, 2] as const) {
          const c = { ...s.complaint, status, level };
          for (const actor of actors) {
            const offered = availableComplaintActions(c, actor, { nowIso: now }).includes(action);
            const result = run(c, s.command, actor, { now });
            const label = `${action} ${status} L${level} ${JSON.stringify(actor)}`;
            if (offered) expect(result.ok || result.status === 422, label).toBe(true);
            else expect(result.ok, label).toBe(false);
          }
        }
      }
    }
  });
});

describe('availableOutcomes', () => {
  it('offers the overturns only when something can still be refunded', () => {
    expect(availableOutcomes(rejectedRefund)).toEqual([
      'upheld',
      'overturned',
      'partially_overturned',
      'goodwill',
    ]);
    expect(availableOutcomes({ ...rejectedRefund, status: 'approved', approvedFen: 6_800 })).toEqual([
      'upheld',
      'goodwill',
    ]);
    expect(availableOutcomes({ ...rejectedRefund, status: 'refunded', approvedFen: 6_799 })).toEqual([
      'upheld',
      'overturned',
      'goodwill',
    ]);
    expect(availableOutcomes({ ...rejectedRefund, refundableFen: 0 })).toEqual(['upheld', 'goodwill']);
  });
});

// ---------------------------------------------------------------------------------------------
// Property

describe('properties', () => {
  const actorArb = fc.constantFrom<Actor>(rev1, sup1, sup2, mgr, system, customer);
  const complaintArb = fc
    .record({
      status: fc.constantFrom(...COMPLAINT_STATUSES),
      level: fc.constantFrom(1 as const, 2 as const),
      assigneeId: fc.option(fc.constantFrom('u-sup1', 'u-sup2', 'u-rev1'), { nil: null }),
      dueInH: fc.integer({ min: -100, max: 100 }),
      resolvedDaysAgo: fc.option(fc.integer({ min: 0, max: 20 }), { nil: null }),
      overdueFlag: fc.boolean(),
      version: fc.nat({ max: 6 }),
    })
    .map((g) =>
      makeComplaint({
        status: g.status,
        level: g.level,
        assigneeId: g.assigneeId,
        dueAt: at(g.dueInH * HOUR_MS),
        resolvedAt: g.resolvedDaysAgo === null ? null : at(-g.resolvedDaysAgo * DAY_MS),
        overdueFlag: g.overdueFlag,
        version: g.version,
      }),
    );
  const refundArb = fc
    .record({
      status: fc.constantFrom<RefundRequest['status']>(
        'rejected',
        'partially_approved',
        'refunded',
        'approved',
        'pending',
      ),
      refundableFen: fc.integer({ min: 0, max: 20_000 }),
      approvedRatio: fc.double({ min: 0, max: 1, noNaN: true }),
    })
    .map((g): ComplaintRefundView => ({
      id: 'r-1',
      status: g.status,
      refundableFen: g.refundableFen,
      approvedFen:
        g.status === 'rejected' || g.status === 'pending'
          ? null
          : Math.floor(g.refundableFen * g.approvedRatio),
      version: 2,
      // one fen a coin: goodwill never reaches the second-approval threshold here
      paidFen: 1_000,
      coins: 1_000,
      tipping: false,
      outsideWindow: false,
      accountRestricted: false,
      overrideBy: null,
    }));
  const commandArb = (v: number): fc.Arbitrary<ComplaintCommand> => {
    const version = fc.constantFrom(v, v + 1);
    const text = fc.oneof(fc.constant('文本'), fc.constant(''), fc.string({ maxLength: 5 }));
    return fc.oneof(
      fc.record({
        action: fc.constant('assign'),
        version,
        assigneeId: fc.constantFrom('u-sup1', 'u-sup2', 'u-rev1'),
      }),
      fc.record({ action: fc.constant('note'), version, text }),
      fc.record({ action: fc.constant('contact'), version, text, awaitingReply: fc.boolean() }),
      fc.record({ action: fc.constant('escalate'), version, reason: text }),
      fc.record(
        {
          action: fc.constant('resolve'),
          version,
          outcome: fc.constantFrom('upheld', 'overturned', 'partially_overturned', 'goodwill'),
          customerMessage: text,
          amountFen: fc.integer({ min: -1, max: 25_000 }),
          goodwillCoins: fc.integer({ min: 0, max: 6_000 }),
        },
        { requiredKeys: ['action', 'version', 'outcome', 'customerMessage'] },
      ),
      fc.record({ action: fc.constant('close'), version }),
      fc.record({ action: fc.constant('reopen'), version }),
      fc.constant({ action: 'auto_escalate' }),
      fc.constant({ action: 'flag_overdue' }),
    ) as unknown as fc.Arbitrary<ComplaintCommand>;
  };

  it('success ⇒ version + 1 and a consistent event; overturns stay within the refundable amount; failure ⇒ nothing', () => {
    const seen = { ok: 0, refused: 0, overturns: 0 };
    fc.assert(
      fc.property(
        complaintArb.chain((c) => fc.tuple(fc.constant(c), commandArb(c.version), actorArb, refundArb)),
        ([complaint, command, actor, refund]) => {
          const frozen = structuredClone(complaint);
          const result = run(complaint, command, actor, { refund });
          expect(complaint).toEqual(frozen);
          if (!result.ok) {
            seen.refused++;
            expect([403, 409, 422]).toContain(result.status);
            expect(result).not.toHaveProperty('complaint');
            return;
          }
          seen.ok++;
          if (isComplaintAnnotation(command.action)) expect(result.complaint).toEqual(frozen);
          else expect(result.complaint.version).toBe(complaint.version + 1);
          expect(COMPLAINT_STATUSES).toContain(result.complaint.status);
          expect(result.event).toMatchObject({
            action: command.action,
            complaintId: complaint.id,
            statusBefore: complaint.status,
            statusAfter: result.complaint.status,
          });
          if (command.action === 'resolve') expect(result.complaint.resolution?.by).toBe('u-sup1');
          if (command.action === 'reopen') expect(result.complaint.resolution).toBeNull();
          if (result.refundCommand) {
            seen.overturns++;
            expect(result.refundCommand.amountFen).toBeLessThanOrEqual(refund.refundableFen);
            expect(result.refundCommand.amountFen).toBeGreaterThan(
              refund.status === 'rejected' ? 0 : (refund.approvedFen ?? 0),
            );
          }
          if (result.complaint.resolution?.goodwillCoins !== undefined) {
            expect(result.complaint.resolution.goodwillCoins).toBeLessThanOrEqual(GOODWILL_COINS_CAP);
          }
        },
      ),
      { numRuns: 4000, seed: 20260310 },
    );
    expect(seen.ok).toBeGreaterThan(100);
    expect(seen.refused).toBeGreaterThan(100);
  });

  it('resolutions: an overturn refunds more than is approved and at most the refundable amount; goodwill ≤ cap', () => {
    const seen = { overturns: 0, goodwill: 0, refused: 0 };
    fc.assert(
      fc.property(
        refundArb,
        fc.constantFrom('upheld', 'overturned', 'partially_overturned', 'goodwill'),
        fc.option(fc.integer({ min: -1, max: 25_000 }), { nil: undefined }),
        fc.option(fc.integer({ min: -1, max: 6_000 }), { nil: undefined }),
        fc.constantFrom<ComplaintStatus>(...ACTIVE_COMPLAINT_STATUSES),
        (refund, outcome, amountFen, goodwillCoins, status) => {
          const result = run(
            makeComplaint({ status }),
            raw('resolve', { version: 5, outcome, customerMessage: MSG, amountFen, goodwillCoins }),
            sup1,
            { refund },
          );
          if (!result.ok) {
            seen.refused++;
            expect([409, 422]).toContain(result.status);
            return;
          }
          expect(result.complaint.resolution?.outcome).toBe(outcome);
          if (outcome === 'overturned' || outcome === 'partially_overturned') {
            seen.overturns++;
            const amount = result.refundCommand!.amountFen;
            expect(amount).toBeLessThanOrEqual(refund.refundableFen);
            expect(amount).toBeGreaterThan(refund.status === 'rejected' ? 0 : (refund.approvedFen ?? 0));
            expect(amount === refund.refundableFen).toBe(outcome === 'overturned');
          } else {
            expect(result).not.toHaveProperty('refundCommand');
          }
          if (outcome === 'goodwill') {
            seen.goodwill++;
            expect(result.complaint.resolution?.goodwillCoins).toBeGreaterThan(0);
            expect(result.complaint.resolution?.goodwillCoins).toBeLessThanOrEqual(GOODWILL_COINS_CAP);
          }
        },
      ),
      { numRuns: 3000, seed: 20260311 },
    );
    expect(seen.overturns).toBeGreaterThan(20);
    expect(seen.goodwill).toBeGreaterThan(50);
    expect(seen.refused).toBeGreaterThan(50);
  });
});

describe('complaintCategoriesFor', () => {
  it('offers the disputes only when there is something to dispute', () => {
    const base = { status: 'rejected', approvedFen: null, refundableFen: 6_800 } as RefundRequest;
    expect(complaintCategoriesFor(base)).toEqual([
      'disputes_rejection',
      'refund_late',
      'reviewer_conduct',
      'other',
    ]);
    expect(complaintCategoriesFor({ ...base, status: 'refunded', approvedFen: 3_000 })).toEqual([
      'disputes_partial_amount',
      'refund_late',
      'payout_not_received',
      'reviewer_conduct',
      'other',
    ]);
    expect(complaintCategoriesFor({ ...base, status: 'pending' })).toEqual([
      'refund_late',
      'reviewer_conduct',
      'other',
    ]);
  });
});
