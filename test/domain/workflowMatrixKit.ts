// A status × action × actor matrix for any workflow table: for every status, action and actor (each
// staff role, the system, the customer) the engine's answer must agree with what the table says.
//   - an actor kind not in `by`, or a role not in `roles`: 403, the table's own refusal or the
//     workflow's generic one;
//   - else a status not in `from`: 409, the table's `notFrom` refusal or the generic wrong-status one;
//   - else neither of those (the record is built so that `who` lets the actor through; later
//     checks, the body or the action itself may still refuse).
// Used by the refund and complaint workflow tests; `describeTableShape` pins the table readably.
import type { z } from 'zod';
import { ROLES } from '../../src/domain/model';
import { refusal } from '../../src/domain/refusal';
import type {
  ActionEnv,
  Actor,
  Workflow,
  WorkflowRecord,
  WorkflowRefusal,
} from '../../src/domain/workflowEngine';

export interface MatrixSubject<
  R extends WorkflowRecord,
  C,
  S extends string,
  X,
  B extends Record<string, z.ZodType>,
  K extends string,
> {
  workflow: Workflow<R, C, S, X, B, K>;
  statuses: readonly S[];
  /** a record in `status` that the action's `who` rules let `actor` act on (the holder is the actor, say) */
  recordIn: (status: S, actor: Actor, action: K) => R;
  ctxFor: (record: R) => C;
  nowIso: string;
}

/** The subject as given, its types inferred from the workflow. */
export function matrixSubject<
  R extends WorkflowRecord,
  C,
  S extends string,
  X,
  B extends Record<string, z.ZodType>,
  K extends string,
>(subject: MatrixSubject<R, C, S, X, B, K>): MatrixSubject<R, C, S, X, B, K> {
  return subject;
}

/** Every staff role, the system and the customer, with a label for the mismatch messages. */
export const MATRIX_ACTORS: readonly [string, Actor][] = [
  ...ROLES.map((role): [string, Actor] => [role, { kind: 'staff', id: `matrix-${role}`, role }]),
  ['system', { kind: 'system' }],
  ['customer', { kind: 'customer' }],
];

type Verdict = 'actor refused' | 'status refused' | 'passes';

/** What the table alone says of this actor and status. */
function verdictOf<S extends string>(
  spec: { by: readonly string[]; roles?: readonly string[]; from: readonly S[] },
  actor: Actor,
  status: S,
): Verdict {
  if (!spec.by.includes(actor.kind)) return 'actor refused';
  if (actor.kind === 'staff' && spec.roles && !spec.roles.includes(actor.role)) return 'actor refused';
  return spec.from.includes(status) ? 'passes' : 'status refused';
}

const shown = (r: WorkflowRefusal | { ok: true }) =>
  'ok' in r && r.ok ? 'ok' : `${(r as WorkflowRefusal).status} ${(r as WorkflowRefusal).code}`;

/**
 * The cells of one action's row where the engine disagrees with the table, as readable lines
 * (empty when they all agree).
 */
export function matrixMismatches<
  R extends WorkflowRecord,
  C,
  S extends string,
  X,
  B extends Record<string, z.ZodType>,
  K extends string,
>(subject: MatrixSubject<R, C, S, X, B, K>, action: K): string[] {
  const { workflow } = subject;
  const spec = workflow.spec(action);
  const words = workflow.definition.vocabulary;
  const mismatches: string[] = [];
  for (const status of subject.statuses) {
    for (const [label, actor] of MATRIX_ACTORS) {
      const record = subject.recordIn(status, actor, action);
      const ctx = subject.ctxFor(record);
      const result = workflow.run(
        record,
        { action, version: record.version },
        { actor, nowIso: subject.nowIso, ctx },
      );
      const env: ActionEnv<R, C> = {
        record,
        actor,
        actorId: actor.kind === 'staff' ? actor.id : null,
        ctx,
        now: subject.nowIso,
        name: (id) => id,
      };
      const verdict = verdictOf(spec, actor, status);
      let expected: WorkflowRefusal | null = null;
      if (verdict === 'actor refused') {
        if (!spec.by.includes(actor.kind)) {
          const onlySystem = spec.by.length === 1 && spec.by[0] === 'system';
          expected = spec.notBy
            ? spec.notBy(env)
            : refusal(403, onlySystem ? words.systemOnly : words.staffOnly, {
                [words.params.action]: action,
              });
        } else if (actor.kind === 'staff') {
          expected = spec.notRole
            ? spec.notRole(env, actor.role)
            : refusal(403, words.roleForbidden, { role: actor.role, [words.params.action]: action });
        }
      }
      const wrongStatus = refusal(409, words.wrongStatus, {
        [words.params.allowed]: spec.fromWords ?? spec.from[0] ?? '',
        [words.params.action]: action,
        [words.params.status]: status,
      });
      if (verdict === 'status refused') {
        expected = spec.notFrom ? spec.notFrom(env, wrongStatus) : wrongStatus;
      }
      const cell = `${action} × ${status} × ${label}`;
      if (expected) {
        const got = result.ok ? null : { status: result.status, code: result.code, params: result.params };
        const want = { status: expected.status, code: expected.code, params: expected.params };
        if (JSON.stringify(got) !== JSON.stringify(want)) {
          mismatches.push(
            `${cell}: table says ${verdict} (${shown(expected)}), engine says ${shown(result)}`,
          );
        }
      } else if (
        !result.ok &&
        (result.status === 403 || (result.code === words.wrongStatus && result.status === 409))
      ) {
        mismatches.push(`${cell}: table lets it through, engine says ${shown(result)}`);
      }
    }
  }
  return mismatches;
}

/** One line an action, in the table's order: who may ask, from which statuses, whether it is offered and routed. */
export function tableShape<
  R extends WorkflowRecord,
  C,
  S extends string,
  X,
  B extends Record<string, z.ZodType>,
  K extends string,
>(workflow: Workflow<R, C, S, X, B, K>): string[] {
  const routed = new Set<string>(workflow.routedActions);
  return workflow.actions.map((action) => {
    const spec = workflow.spec(action);
    const who = spec.by
      .map((kind) => (kind === 'staff' && spec.roles ? `staff(${spec.roles.join(', ')})` : kind))
      .join(' | ');
    const flags = [
      spec.versioned === false ? 'unversioned' : null,
      spec.offered === false ? 'never offered' : null,
      routed.has(action) ? `POST …/${workflow.segment(action)}` : 'no route',
    ].filter((flag) => flag !== null);
    return `${action}: ${who} from ${spec.from.join(', ')}; ${flags.join('; ')}`;
  });
}
