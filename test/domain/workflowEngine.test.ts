// The engine on a table of its own: the order of checks, the audit event, the offered actions. The
// refund and complaint tables are tested through their own workflows; this holds what the engine
// promises any table.
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { fieldCode, refusal } from '../../src/domain/refusal';
import { GENERIC_VOCABULARY, defineWorkflow, type Actor } from '../../src/domain/workflowEngine';

interface Ticket {
  id: string;
  status: 'open' | 'held' | 'done';
  version: number;
  holder: string | null;
  updatedAt: string | null;
}

const ticketWorkflow = defineWorkflow<Ticket, { blocked: boolean }, Ticket['status']>()({
  bodies: {
    hold: z.object({ version: z.number() }).strict(),
    finish: z
      .object({
        version: z.number(),
        amountFen: z.number({ error: fieldCode('amount_number') }).int(),
      })
      .strict(),
  },
  actions: {
    hold: {
      by: ['staff'],
      roles: ['reviewer', 'supervisor'],
      from: ['open'],
      notFrom: (env, otherwise) =>
        env.record.status === 'held' && env.record.holder === env.actorId
          ? refusal(409, 'already_reviewing')
          : otherwise,
      apply: (env) => env.done({ status: 'held', holder: env.actorId }),
    },
    finish: {
      by: ['staff'],
      roles: ['supervisor'],
      from: ['held'],
      fromWords: 'in_review',
      who: (env) =>
        env.record.holder !== null && env.record.holder !== env.actorId
          ? refusal(403, 'assigned_to_other', {
              assigneeId: env.record.holder,
              assignee: env.name(env.record.holder),
              action: 'approve',
            })
          : null,
      state: (env) => (env.ctx.blocked ? refusal(409, 'nothing_to_override') : null),
      offered: (env) => !env.ctx.blocked,
      // the body is typed from its schema: amountFen is a number here
      apply: (env, body) => env.done({ status: 'done' }, { amountFen: body.amountFen * 1 }),
    },
    sweep: {
      by: ['system'],
      from: ['done'],
      versioned: false,
      apply: (env) => env.done({}, { details: { swept: true } }),
    },
  },
  vocabulary: GENERIC_VOCABULARY,
  advance: (record, next, env) => ({ ...record, ...next, version: record.version + 1, updatedAt: env.now }),
  eventSubject: (before, _after, parts) => ({
    subject: 'refund',
    refundId: before.id,
    complaintId: null,
    details: parts.details ?? {},
  }),
});

const NOW = '2026-03-01T10:00:00.000Z';
const reviewer: Actor = { kind: 'staff', id: 'u1', role: 'reviewer' };
const supervisor: Actor = { kind: 'staff', id: 'u2', role: 'supervisor' };
const open: Ticket = { id: 't1', status: 'open', version: 3, holder: null, updatedAt: null };
const run = (t: Ticket, command: unknown, actor: Actor, blocked = false) =>
  ticketWorkflow.run(t, command, { actor, nowIso: NOW, ctx: { blocked } });

describe('defineWorkflow', () => {
  it('applies an action: the record moves on one version and its audit event says who, when and what', () => {
    const result = run(open, { action: 'hold', version: 3 }, reviewer);
    expect(result).toMatchObject({
      ok: true,
      record: { status: 'held', holder: 'u1', version: 4, updatedAt: NOW },
      event: {
        subject: 'refund',
        refundId: 't1',
        action: 'hold',
        actorId: 'u1',
        actorKind: 'staff',
        at: NOW,
        statusBefore: 'open',
        statusAfter: 'held',
        amountFen: null,
        note: null,
      },
    });
  });

  it('checks who (403) before the version, the version before the status (409), the status before the body (422)', () => {
    const held: Ticket = { ...open, status: 'held', holder: 'u2' };
    // a reviewer may not finish, whatever else is wrong
    expect(run(open, { action: 'finish', version: 0, amountFen: 'x' }, reviewer)).toMatchObject({
      status: 403,
      code: 'role_forbidden',
      params: { role: 'reviewer', action: 'finish' },
    });
    // a missing version is a 422 on the version field; a stale one a 409, before the wrong status
    expect(run(open, { action: 'finish', amountFen: 1 }, supervisor)).toMatchObject({
      status: 422,
      fieldErrors: { version: { code: 'version_required' } },
    });
    expect(run(open, { action: 'finish', version: 2, amountFen: 'x' }, supervisor)).toMatchObject({
      status: 409,
      code: 'version_conflict',
      params: { current: 3, sent: 2 },
    });
    expect(run(open, { action: 'finish', version: 3, amountFen: 'x' }, supervisor)).toMatchObject({
      status: 409,
      code: 'wrong_status',
      params: { allowed: 'in_review', action: 'finish', status: 'open' },
    });
    expect(
      run({ ...held, holder: 'u1' }, { action: 'finish', version: 2, amountFen: 'x' }, supervisor),
    ).toMatchObject({
      status: 403,
      code: 'assigned_to_other',
      params: { assigneeId: 'u1' },
    });
    const own = { ...held, holder: 'u2' };
    expect(run(own, { action: 'finish', version: 3, amountFen: 1 }, supervisor, true)).toMatchObject({
      status: 409,
      code: 'nothing_to_override',
    });
    expect(run(own, { action: 'finish', version: 3, amountFen: 'x' }, supervisor)).toMatchObject({
      status: 422,
      code: 'invalid_body',
      fieldErrors: { amountFen: { code: 'amount_number' } },
    });
    expect(run(own, { action: 'finish', version: 3, amountFen: 5, extra: 1 }, supervisor)).toMatchObject({
      status: 422,
      fieldErrors: { extra: { code: 'unknown_field' } },
    });
    expect(run(own, { action: 'finish', version: 3, amountFen: 5 }, supervisor)).toMatchObject({
      ok: true,
      record: { status: 'done', version: 4 },
      event: { amountFen: 5 },
    });
  });

  it('names the allowed statuses with the table’s words, or gives the action’s own refusal', () => {
    const done: Ticket = { ...open, status: 'done' };
    expect(run(done, { action: 'hold', version: 3 }, reviewer)).toMatchObject({
      status: 409,
      code: 'wrong_status',
      params: { allowed: 'open', action: 'hold', status: 'done' },
    });
    expect(
      run({ ...open, status: 'held', holder: 'u1' }, { action: 'hold', version: 3 }, reviewer),
    ).toMatchObject({ status: 409, code: 'already_reviewing' });
  });

  it('keeps system actions to the system and staff actions to staff; refuses an unknown action', () => {
    const done: Ticket = { ...open, status: 'done' };
    expect(run(done, { action: 'sweep' }, supervisor)).toMatchObject({ status: 403, code: 'system_only' });
    expect(
      ticketWorkflow.run(
        open,
        { action: 'hold', version: 3 },
        { actor: { kind: 'system' }, nowIso: NOW, ctx: { blocked: false } },
      ),
    ).toMatchObject({ status: 403, code: 'staff_only' });
    expect(run(open, { action: 'explode' }, supervisor)).toMatchObject({
      status: 422,
      code: 'unknown_action',
    });
    expect(run(open, { action: 'toString' }, supervisor)).toMatchObject({
      status: 422,
      code: 'unknown_action',
    });
    const swept = ticketWorkflow.run(
      done,
      { action: 'sweep' },
      { actor: { kind: 'system' }, nowIso: NOW, ctx: { blocked: false } },
    );
    expect(swept).toMatchObject({
      ok: true,
      event: { actorId: null, actorKind: 'system', details: { swept: true } },
    });
  });

  it('offers exactly the actions whose checks pass, and reads roles and segments off the table', () => {
    const own: Ticket = { ...open, status: 'held', holder: 'u2' };
    expect(ticketWorkflow.available(open, reviewer, { blocked: false })).toEqual(['hold']);
    expect(ticketWorkflow.available(own, supervisor, { blocked: false })).toEqual(['finish']);
    expect(ticketWorkflow.available(own, supervisor, { blocked: true })).toEqual([]);
    expect(ticketWorkflow.actionsFor('reviewer')).toEqual(['hold']);
    expect(ticketWorkflow.actionsFor('supervisor')).toEqual(['hold', 'finish']);
    expect(ticketWorkflow.actions).toEqual(['hold', 'finish', 'sweep']);
    expect(ticketWorkflow.segment('finish')).toBe('finish');
    // staff actions have a route of their own; the system's sweep has none
    expect(ticketWorkflow.routedActions).toEqual(['hold', 'finish']);
  });
});
