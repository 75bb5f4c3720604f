// One engine for every workflow of the desk. A workflow is a table of actions: who may ask, from
// which statuses, what else must hold, which body it takes and what it changes. The engine runs the
// checks in one fixed order for every table, so every refusal is predictable:
//   who (403) → version (422 when missing, 409 when stale) → status, transition, time (409)
//   → body and its meaning (422) → apply,
// and builds the audit event the same way for every workflow. Pure: the clock comes in as `nowIso`.
import type { z } from 'zod';
import { actionSegment } from './actionSegment';
import type { AuditEvent, Role } from './model';
import {
  fieldRefusal,
  fieldsRefusal,
  refusal,
  type FieldRefusalCode,
  type Refusal,
  type RefusalCode,
} from './refusal';
import { fieldRefusals } from './validation';

export type Actor = { kind: 'staff'; id: string; role: Role } | { kind: 'system' } | { kind: 'customer' };
export type ActorKind = Actor['kind'];
export type WorkflowRefusal = Refusal<403 | 409 | 422>;
export type AuditEventDraft = Omit<AuditEvent, 'id'>;

/** What every record a workflow moves has. */
export interface WorkflowRecord {
  id: string;
  status: string;
  version: number;
}

/** What an action's rules see. `now` is null where there is no clock (the actions offered to the UI). */
export interface ActionEnv<R, C> {
  record: R;
  actor: Actor;
  /** the acting staff member's id; null for the system and the customer */
  actorId: string | null;
  ctx: C;
  now: string | null;
  /** staff id → display name, for refusal messages (the id itself when unknown) */
  name: (id: string) => string;
}

/** What an action's audit event records beyond what the engine fills in. */
export type EventParts = Partial<
  Pick<AuditEventDraft, 'amountFen' | 'customerMessage' | 'note' | 'details' | 'complaintId'>
>;

/** A command that passed every check: the record as it now is and its audit event. */
export interface Succeeded<R, X> {
  ok: true;
  record: R;
  event: AuditEventDraft;
  /** what the caller must run in the same transaction (a complaint's overturn of its request) */
  extra?: X;
}

export interface ApplyEnv<R, C, X> extends ActionEnv<R, C> {
  now: string;
  /** The record with `next` applied (its version moved on) and its audit event. */
  done: (next: Partial<R>, event?: EventParts, extra?: X) => Succeeded<R, X>;
}

export interface ActionSpec<R, C, S extends string, X, B> {
  /** who may ask */
  by: readonly ActorKind[];
  /** for staff: the roles that may (the permission table's workflow part is read from here) */
  roles?: readonly Role[];
  /** the statuses the action runs from */
  from: readonly S[];
  /** the catalogue's word for `from` in the generic wrong-status refusal (default: the one status) */
  fromWords?: string;
  /** instead of the generic wrong-status refusal (`otherwise`), a more telling one */
  notFrom?: (env: ActionEnv<R, C>, otherwise: WorkflowRefusal) => WorkflowRefusal;
  /** instead of the generic refusal for an actor kind not in `by` */
  notBy?: (env: ActionEnv<R, C>) => WorkflowRefusal;
  /** instead of the generic refusal for a role not in `roles` */
  notRole?: (env: ActionEnv<R, C>, role: Role) => WorkflowRefusal;
  /** further 403s once kind and role are right: who holds the record, four eyes */
  who?: (env: ActionEnv<R, C>) => WorkflowRefusal | null;
  /** whether the caller must send the version it saw (default true) */
  versioned?: boolean;
  /** an annotation adds its event and leaves the record, its version included, as it is */
  annotation?: boolean;
  /** further 409s once the status is right: transitions, time (skipped checks of time when now is null) */
  state?: (env: ActionEnv<R, C>) => WorkflowRefusal | null;
  /** what the action does with a valid body: the record's changes through `done`, or a 409/422 */
  apply: (env: ApplyEnv<R, C, X>, body: B) => Succeeded<R, X> | WorkflowRefusal;
  /** whether the UI offers it where every check passes (false: never offered; a function: extra condition) */
  offered?: boolean | ((env: ActionEnv<R, C>) => boolean);
  /** whether it has a route of its own (default: staff actions do; false: run through another workflow) */
  routed?: boolean;
  /** a system action the clock runs (default) or false: another command runs it (a deactivation) */
  clock?: boolean;
}

type BodyOf<Bodies, A> = A extends keyof Bodies
  ? Bodies[A] extends z.ZodType
    ? z.output<Bodies[A]>
    : never
  : Record<string, never>;

/** The words the engine's own refusals use in one workflow (the catalogue keys and param names). */
export interface WorkflowVocabulary {
  systemOnly: RefusalCode;
  staffOnly: RefusalCode;
  roleForbidden: RefusalCode;
  versionConflict: RefusalCode;
  wrongStatus: RefusalCode;
  versionRequired: FieldRefusalCode;
  /** the param names under which the action, the status and the allowed statuses are sent */
  params: { action: string; status: string; allowed: string };
}

/** The desk's generic words, for a workflow whose refusals need no words of its own (the refund review). */
export const GENERIC_VOCABULARY: WorkflowVocabulary = {
  systemOnly: 'system_only',
  staffOnly: 'staff_only',
  roleForbidden: 'role_forbidden',
  versionConflict: 'version_conflict',
  wrongStatus: 'wrong_status',
  versionRequired: 'version_required',
  params: { action: 'action', status: 'status', allowed: 'allowed' },
};

export interface WorkflowDefinition<
  R extends WorkflowRecord,
  C,
  S extends string,
  X,
  Bodies extends Record<string, z.ZodType>,
  K extends string,
> {
  /** one strict zod schema per action that takes a body (system actions take none) */
  bodies: Bodies;
  actions: { [A in K]: ActionSpec<R, C, S, X, BodyOf<Bodies, A>> };
  vocabulary: WorkflowVocabulary;
  /** the record with an action's changes: its version and stamps moved on */
  advance: (record: R, next: Partial<R>, env: ApplyEnv<R, C, X>) => R;
  /** the audit event's subject fields (which request, which complaint) and its details */
  eventSubject: (
    before: R,
    after: R,
    parts: EventParts,
  ) => Pick<AuditEventDraft, 'subject' | 'refundId' | 'complaintId' | 'details'>;
}

export interface RunContext<C> {
  actor: Actor;
  nowIso: string;
  ctx: C;
  /** staff id → display name, for refusal messages */
  staffName?: (id: string) => string | undefined;
}

export type ParsedBody<B> = { ok: true; body: B } | WorkflowRefusal;

export interface Workflow<
  R extends WorkflowRecord,
  C,
  S extends string,
  X,
  Bodies extends Record<string, z.ZodType>,
  K extends string,
> {
  readonly definition: WorkflowDefinition<R, C, S, X, Bodies, K>;
  /** every action, in the table's order */
  readonly actions: readonly K[];
  isAction(value: unknown): value is K;
  spec(action: K): ActionSpec<R, C, S, X, BodyOf<Bodies, K>>;
  /** the URL segment of an action's route */
  segment(action: K): string;
  /** the actions with a route of their own, `POST /api/<resource>/:id/<segment>`, in the table's order */
  readonly routedActions: readonly K[];
  /** the actions a role may ask for (staff actions only) */
  actionsFor(role: Role): K[];
  /** Validates a body with the action's schema: 422 with one code per field on failure. */
  parseBody<A extends K>(action: A, body: unknown): ParsedBody<BodyOf<Bodies, A>>;
  /** Runs every check in order, then the action. `command` is the body with its `action`. */
  run(record: R, command: unknown, run: RunContext<C>): Succeeded<R, X> | WorkflowRefusal;
  /**
   * The actions every check allows this actor on this record (no body). Time is checked only when
   * `now` is given (the UI's clock), as in `run`.
   */
  available(record: R, actor: Actor, ctx: C, now?: string | null): K[];
  /**
   * The actions the system runs, in the table's order, each of which must have its due check in
   * `timers` (the clock asks those before the table, which refuses the action until it is due).
   */
  clockActions<T extends Partial<Record<K, unknown>>>(timers: T, what: string): (K & keyof T)[];
}

/** A body checked by its schema (a missing body is an empty one): 422 with one code per field. */
export function parseWithSchema<S extends z.ZodType>(schema: S, body: unknown): ParsedBody<z.output<S>> {
  const parsed = schema.safeParse(body ?? {});
  if (parsed.success) return { ok: true, body: parsed.data };
  return fieldsRefusal(fieldRefusals(parsed.error), 'invalid_body');
}

/**
 * Builds a workflow from its table. Called as `defineWorkflow<Record, Context, Status, Extra>()({...})`
 * so the record types are named once and the actions and bodies are inferred from the table.
 */
export function defineWorkflow<R extends WorkflowRecord, C, S extends string, X = never>() {
  return <Bodies extends Record<string, z.ZodType>, K extends string>(
    definition: WorkflowDefinition<R, C, S, X, Bodies, K>,
  ): Workflow<R, C, S, X, Bodies, K> => buildWorkflow(definition);
}

function buildWorkflow<
  R extends WorkflowRecord,
  C,
  S extends string,
  X,
  Bodies extends Record<string, z.ZodType>,
  K extends string,
>(definition: WorkflowDefinition<R, C, S, X, Bodies, K>): Workflow<R, C, S, X, Bodies, K> {
  type Spec = ActionSpec<R, C, S, X, BodyOf<Bodies, K>>;
  const table = definition.actions as Record<K, Spec>;
  const actions = Object.keys(table) as K[];
  const words = definition.vocabulary;
  for (const action of actions) {
    const spec = table[action];
    if (!spec.notFrom && spec.fromWords === undefined && spec.from.length !== 1) {
      throw new Error(`workflow action ${action}: name its statuses (fromWords) or give notFrom`);
    }
  }

  const isAction = (value: unknown): value is K => typeof value === 'string' && Object.hasOwn(table, value);

  const envOf = (
    record: R,
    actor: Actor,
    ctx: C,
    now: string | null,
    names?: RunContext<C>['staffName'],
  ) => ({
    record,
    actor,
    actorId: actor.kind === 'staff' ? actor.id : null,
    ctx,
    now,
    name: (id: string) => names?.(id) ?? id,
  });

  // the three tests a row's shape makes (kind of actor, staff role, status), read by the checks
  // below and by `available`, which rules a row out with them before building any refusal
  const kindMay = (spec: Spec, actor: Actor) => spec.by.includes(actor.kind);
  const roleMay = (spec: Spec, actor: Actor) =>
    actor.kind !== 'staff' || !spec.roles || spec.roles.includes(actor.role);
  const statusAllows = (spec: Spec, status: string) => (spec.from as readonly string[]).includes(status);

  const checkWho = (action: K, spec: Spec, env: ActionEnv<R, C>): WorkflowRefusal | null => {
    const { actor } = env;
    if (!kindMay(spec, actor)) {
      if (spec.notBy) return spec.notBy(env);
      const onlySystem = spec.by.length === 1 && spec.by[0] === 'system';
      return refusal(403, onlySystem ? words.systemOnly : words.staffOnly, { [words.params.action]: action });
    }
    if (actor.kind === 'staff' && !roleMay(spec, actor)) {
      if (spec.notRole) return spec.notRole(env, actor.role);
      return refusal(403, words.roleForbidden, { role: actor.role, [words.params.action]: action });
    }
    return spec.who?.(env) ?? null;
  };

  const checkState = (action: K, spec: Spec, env: ActionEnv<R, C>): WorkflowRefusal | null => {
    if (!statusAllows(spec, env.record.status)) {
      const otherwise = refusal(409, words.wrongStatus, {
        [words.params.allowed]: spec.fromWords ?? spec.from[0] ?? '',
        [words.params.action]: action,
        [words.params.status]: env.record.status,
      });
      return spec.notFrom ? spec.notFrom(env, otherwise) : otherwise;
    }
    return spec.state?.(env) ?? null;
  };

  const parseBody = <A extends K>(action: A, body: unknown): ParsedBody<BodyOf<Bodies, A>> => {
    const schema = (definition.bodies as Record<string, z.ZodType>)[action];
    if (!schema) return { ok: true, body: {} as BodyOf<Bodies, A> };
    return parseWithSchema(schema, body) as ParsedBody<BodyOf<Bodies, A>>;
  };

  const run = (record: R, command: unknown, context: RunContext<C>): Succeeded<R, X> | WorkflowRefusal => {
    const sent = (command ?? {}) as Record<string, unknown>;
    const action = sent.action;
    if (!isAction(action)) return refusal(422, 'unknown_action', { name: String(action) });
    const spec = table[action];
    const env = envOf(record, context.actor, context.ctx, context.nowIso, context.staffName);

    const who = checkWho(action, spec, env);
    if (who) return who;

    if (spec.versioned !== false) {
      const version = sent.version;
      if (typeof version !== 'number' || !Number.isInteger(version) || version < 0) {
        return fieldsRefusal({ version: fieldRefusal(words.versionRequired) });
      }
      if (version !== record.version) {
        return refusal(409, words.versionConflict, { current: record.version, sent: version });
      }
    }

    const state = checkState(action, spec, env);
    if (state) return state;

    // bodies are validated here too, so a caller that skipped the schema cannot slip anything in
    const { action: _action, ...body } = sent;
    const parsed = parseBody(action, body);
    if (!parsed.ok) return parsed;

    const now = context.nowIso;
    const applyEnv: ApplyEnv<R, C, X> = {
      ...env,
      now,
      done: (next, parts = {}, extra) => {
        const after = spec.annotation ? record : definition.advance(record, next, applyEnv);
        const subject = definition.eventSubject(record, after, parts);
        // spelled out field by field: one object shape for every event, which V8 builds fast
        const event: AuditEventDraft = {
          subject: subject.subject,
          refundId: subject.refundId,
          complaintId: subject.complaintId,
          action,
          actorId: env.actorId,
          actorKind: env.actor.kind,
          at: now,
          statusBefore: record.status,
          statusAfter: after.status,
          amountFen: parts.amountFen ?? null,
          customerMessage: parts.customerMessage ?? null,
          note: parts.note ?? null,
          details: subject.details,
        };
        return extra === undefined
          ? { ok: true, record: after, event }
          : { ok: true, record: after, event, extra };
      },
    };
    return spec.apply(applyEnv, parsed.body);
  };

  const available = (record: R, actor: Actor, ctx: C, now: string | null = null): K[] => {
    const env = envOf(record, actor, ctx, now);
    return actions.filter((action) => {
      const spec = table[action];
      if (spec.offered === false) return false;
      if (!kindMay(spec, actor) || !roleMay(spec, actor) || !statusAllows(spec, record.status)) return false;
      if (checkWho(action, spec, env) || checkState(action, spec, env)) return false;
      return typeof spec.offered === 'function' ? spec.offered(env) : true;
    });
  };

  const clockActions = <T extends Partial<Record<K, unknown>>>(timers: T, what: string) =>
    actions.filter((action): action is K & keyof T => {
      if (!table[action].by.includes('system') || table[action].clock === false) return false;
      if (!Object.hasOwn(timers, action))
        throw new Error(`${what} action ${action} is run by the system but has no timer`);
      return true;
    });

  return {
    definition,
    actions,
    isAction,
    spec: (action) => table[action],
    segment: (action) => actionSegment(action),
    routedActions: actions.filter((action) => table[action].routed ?? table[action].by.includes('staff')),
    actionsFor: (role) =>
      actions.filter(
        (action) => table[action].by.includes('staff') && (table[action].roles ?? []).includes(role),
      ),
    parseBody,
    run,
    available,
    clockActions,
  };
}
