// The complaint table read as a matrix: for every status, action and actor (each staff role, the
// system, the customer) the engine's answer agrees with what the table says: an actor kind or role
// the row does not name is a 403, a status outside the row's `from` is a 409 with the row's own
// refusal, anything else is refused by neither. The table's shape is pinned below, so a change to
// who may ask for what, or from where, is a visible diff in review.
import { describe, expect, it } from 'vitest';
import { complaintWorkflow, type ComplaintAction } from '../../src/domain/complaintWorkflow';
import { complaintActionsFor, isComplaintStaffAction } from '../../src/domain/complaintWorkflowRoles';
import { COMPLAINT_STATUSES, ROLES, type ComplaintStatus } from '../../src/domain/model';
import { PERMISSION_TABLE } from '../../src/domain/permissions';
import type { Actor } from '../../src/domain/workflowEngine';
import { at, customer, run, scenario, system } from './complaintWorkflowKit';
import { DAY_MS } from '../../src/domain/sla';

/**
 * The refusal a row gives instead of the generic wrong-status one (its `notFrom`), from the
 * statuses it names (all of those outside its `from` unless it names one).
 */
const OWN_WRONG_STATUS: Partial<Record<ComplaintAction, { code: string; from?: ComplaintStatus }>> = {
  note: { code: 'complaint_closed_read_only' },
  second_approval: { code: 'no_pending_resolution' },
  // the clock's actions: waiting on the customer has its own words (the clock is paused)
  auto_escalate: { code: 'complaint_clock_paused', from: 'awaiting_customer' },
  flag_overdue: { code: 'complaint_clock_paused', from: 'awaiting_customer' },
};
const ENGINE_WHO = ['complaint_system_only', 'complaint_staff_only', 'complaint_role_forbidden'];

function shape(action: ComplaintAction): string {
  const spec = complaintWorkflow.spec(action);
  const who = spec.by.map((kind) => (kind === 'staff' ? `staff(${(spec.roles ?? []).join('|')})` : kind));
  const from =
    spec.from.length === COMPLAINT_STATUSES.length - 1
      ? `all but ${COMPLAINT_STATUSES.filter((s) => !spec.from.includes(s)).join('|')}`
      : spec.from.join('|');
  const words = spec.fromWords ? ` "${spec.fromWords}"` : '';
  const flags = [
    spec.versioned === false ? 'unversioned' : 'versioned',
    ...(spec.annotation ? ['annotation'] : []),
    ...(spec.notFrom ? ['own wrong-status refusal'] : []),
  ];
  const route = spec.by.includes('staff') ? `; POST …/${complaintWorkflow.segment(action)}` : '';
  return `${action}: ${who.join(', ')} from ${from}${words}; ${flags.join(', ')}${route}`;
}

const staff = (role: (typeof ROLES)[number], action: ComplaintAction): Actor => {
  // the scenario's own supervisor, so a supervisor's answer is about the status, not the holder
  const own = scenario(action).actor;
  if (role === 'supervisor' && own.kind === 'staff') return own;
  return { kind: 'staff', id: `u-${role}`, role };
};

const ACTORS: [string, (action: ComplaintAction) => Actor][] = [
  ...ROLES.map((role): [string, (action: ComplaintAction) => Actor] => [role, (a) => staff(role, a)]),
  ['system', () => system],
  ['customer', () => customer],
];

describe('the complaint table', () => {
  it('has this shape: who may ask for each action, from which statuses, with which checks', () => {
    expect(complaintWorkflow.actions.map(shape)).toMatchInlineSnapshot(`
      [
        "assign: staff(supervisor) from open|investigating|awaiting_customer|escalated "active"; versioned; POST …/assign",
        "note: staff(supervisor) from all but closed; unversioned, annotation, own wrong-status refusal; POST …/note",
        "contact: staff(supervisor) from open|investigating|awaiting_customer|escalated "active"; versioned; POST …/contact",
        "escalate: staff(supervisor) from open|investigating|awaiting_customer|escalated "active"; versioned; POST …/escalate",
        "resolve: staff(supervisor) from open|investigating|awaiting_customer|escalated "active"; versioned; POST …/resolve",
        "close: staff(supervisor) from resolved; versioned; POST …/close",
        "reopen: staff(supervisor) from resolved|closed "resolved_or_closed"; versioned; POST …/reopen",
        "second_approval: staff(supervisor) from open|investigating|awaiting_customer|escalated; versioned, own wrong-status refusal; POST …/second-approval",
        "auto_escalate: system from open|investigating|escalated "clock_running"; unversioned, own wrong-status refusal",
        "flag_overdue: system from open|investigating|escalated "clock_running"; unversioned, own wrong-status refusal",
      ]
    `);
  });

  it('is what the permission table grants and what the routes serve', () => {
    for (const role of ROLES) {
      const granted = PERMISSION_TABLE.complaints[role].filter((a) => complaintWorkflow.isAction(a));
      expect(granted, role).toEqual(complaintWorkflow.actionsFor(role));
      expect(complaintActionsFor(role), role).toEqual(complaintWorkflow.actionsFor(role));
    }
    for (const action of complaintWorkflow.actions) {
      const spec = complaintWorkflow.spec(action);
      expect(isComplaintStaffAction(action), action).toBe(spec.by.includes('staff'));
      expect(spec.roles !== undefined, action).toBe(spec.by.includes('staff'));
      expect(Object.hasOwn(OWN_WRONG_STATUS, action), action).toBe(spec.notFrom !== undefined);
    }
  });

  describe.each(complaintWorkflow.actions)('%s', (action) => {
    const spec = complaintWorkflow.spec(action);
    const cases = COMPLAINT_STATUSES.flatMap((status) =>
      ACTORS.map(([label, actorOf]) => [status, label, actorOf] as const),
    );
    it.each(cases)('from %s, asked by %s: as the table says', (status, label, actorOf) => {
      const s = scenario(action);
      const actor = actorOf(action);
      // a reopen is within its window and a clockwork action due, so only the table's rules decide
      const complaint = { ...s.complaint, status: status as ComplaintStatus, resolvedAt: at(-DAY_MS) };
      const result = run(complaint, s.command, actor, { now: s.now });
      if (!spec.by.includes(actor.kind)) {
        const onlySystem = spec.by.length === 1 && spec.by[0] === 'system';
        expect(result, label).toMatchObject({
          status: 403,
          code: onlySystem ? 'complaint_system_only' : 'complaint_staff_only',
          params: { complaintAction: action },
        });
      } else if (actor.kind === 'staff' && !(spec.roles ?? []).includes(actor.role)) {
        expect(result, label).toMatchObject({
          status: 403,
          code: 'complaint_role_forbidden',
          params: { role: actor.role, complaintAction: action },
        });
      } else if (!spec.from.includes(status)) {
        const own = OWN_WRONG_STATUS[action];
        expect(result, label).toMatchObject(
          own && (own.from === undefined || own.from === status)
            ? { status: 409, code: own.code }
            : {
                status: 409,
                code: 'complaint_wrong_status',
                params: {
                  complaintAllowed: spec.fromWords ?? spec.from[0],
                  complaintAction: action,
                  complaintStatus: status,
                },
              },
        );
      } else if (!result.ok) {
        expect(ENGINE_WHO, `${label}: ${result.code}`).not.toContain(result.code);
        expect(result.code, label).not.toBe('complaint_wrong_status');
        expect(result.code, label).not.toBe(OWN_WRONG_STATUS[action]?.code ?? 'complaint_wrong_status');
      }
    });
  });
});
