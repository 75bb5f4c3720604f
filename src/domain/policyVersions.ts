// The refund policy's numbers as versioned data: an admin publishes a new version with a note and
// the time it takes effect; a version is never edited. Each request is judged under the version in
// force when it was submitted (stored on it as `policyVersion`), so a change applies to requests
// submitted after it takes effect and never rewrites a judgement already made.
import { z } from 'zod';
import type { Fen, IsoDateTime } from './model';
import { fieldCode, fieldsRefusal, refusal, type Refusal } from './refusal';
import { fieldRefusals } from './validation';
import { parseCanonicalUtc } from './instant';

/** What a version sets. The rules (refundPolicy.ts, fourEyes.ts) take these as an argument. */
export interface PolicyParameters {
  /** a purchase may be refunded when the request comes within this many days of it */
  refundWindowDays: number;
  /** an approval of more than this needs a supervisor's second approval */
  secondApprovalThresholdFen: Fen;
  /** an order spent on tips needs a second approval, whatever the amount */
  tippingNeedsSecondApproval: boolean;
  /**
   * clean requests refundable up to this much are approved by the system on arrival
   * (automaticApproval.ts); null: never (the first version's)
   */
  automaticApprovalMaxFen: Fen | null;
}

export const POLICY_PARAMETER_KEYS = [
  'refundWindowDays',
  'secondApprovalThresholdFen',
  'tippingNeedsSecondApproval',
  'automaticApprovalMaxFen',
] as const satisfies readonly (keyof PolicyParameters)[];

/** The policy before any admin published one: the rules as they were written (7 days, ¥500, tipping). */
export const FIRST_POLICY_PARAMETERS: PolicyParameters = {
  refundWindowDays: 7,
  secondApprovalThresholdFen: 50_000,
  tippingNeedsSecondApproval: true,
  automaticApprovalMaxFen: null,
};

/** Version 1 is in force from the start of time: every request has a version. */
export const FIRST_POLICY_VERSION = 1;
export const FIRST_POLICY_EFFECTIVE_AT = '1970-01-01T00:00:00.000Z';

export interface PolicyVersion {
  version: number;
  effectiveAt: IsoDateTime;
  parameters: PolicyParameters;
  note: string;
  createdBy: string;
  createdAt: IsoDateTime;
}

/** A version as the rules see it: its number and its parameters. */
export type PolicyInForce = Pick<PolicyVersion, 'version' | 'parameters'>;

export const FIRST_POLICY: PolicyInForce = {
  version: FIRST_POLICY_VERSION,
  parameters: FIRST_POLICY_PARAMETERS,
};

export const MAX_REFUND_WINDOW_DAYS = 365;
/** ¥1,000,000: a threshold above it would switch four eyes off by accident */
export const MAX_SECOND_APPROVAL_THRESHOLD_FEN = 100_000_000;
export const MAX_POLICY_NOTE_LENGTH = 2000;
/**
 * A version takes effect at least this long after it is published: a request being submitted while
 * it is published (its intake read the versions a moment before) is then never one it should judge.
 */
export const POLICY_NOTICE_MS = 60_000;

export const policyParametersSchema = z
  .object({
    refundWindowDays: z
      .number({ error: fieldCode('policy_window_days') })
      .int({ error: fieldCode('policy_window_days') })
      .min(1, { error: fieldCode('policy_window_days') })
      .max(MAX_REFUND_WINDOW_DAYS, { error: fieldCode('policy_window_days') }),
    secondApprovalThresholdFen: z
      .number({ error: fieldCode('policy_threshold_fen') })
      .int({ error: fieldCode('policy_threshold_fen') })
      .min(0, { error: fieldCode('policy_threshold_fen') })
      .max(MAX_SECOND_APPROVAL_THRESHOLD_FEN, { error: fieldCode('policy_threshold_fen') }),
    tippingNeedsSecondApproval: z.boolean({ error: fieldCode('policy_tipping_rule') }),
    automaticApprovalMaxFen: z
      .number({ error: fieldCode('policy_automatic_max') })
      .int({ error: fieldCode('policy_automatic_max') })
      .min(1, { error: fieldCode('policy_automatic_max') })
      .nullable(),
  })
  .strict()
  // an automatic approval never needs a second pair of eyes: it stays within the threshold
  .refine(
    (p) => p.automaticApprovalMaxFen === null || p.automaticApprovalMaxFen <= p.secondApprovalThresholdFen,
    {
      path: ['automaticApprovalMaxFen'],
      error: fieldCode('policy_automatic_over_threshold'),
    },
  );

export function parsePolicyParameters(
  raw: unknown,
): { ok: true; parameters: PolicyParameters } | Refusal<422> {
  const result = policyParametersSchema.safeParse(raw);
  return result.success ? { ok: true, parameters: result.data } : fieldsRefusal(fieldRefusals(result.error));
}

const newVersionSchema = z
  .object({
    parameters: z.unknown(),
    note: z
      .string({ error: fieldCode('policy_note_required') })
      .trim()
      .min(1, { error: fieldCode('policy_note_required') })
      .max(MAX_POLICY_NOTE_LENGTH, { error: fieldCode('policy_note_required') }),
    effectiveAt: z.string({ error: fieldCode('policy_effective_at') }),
  })
  .strict();

export interface NewPolicyVersion {
  parameters: PolicyParameters;
  note: string;
  effectiveAt: IsoDateTime;
}

/**
 * An admin's new version, checked against the versions there are: it takes effect after a minute's
 * notice or later (a request already submitted keeps the version it was judged under) and after the
 * latest version.
 */
export function parseNewPolicyVersion(
  raw: unknown,
  latest: Pick<PolicyVersion, 'effectiveAt'>,
  nowIso: IsoDateTime,
): { ok: true; version: NewPolicyVersion } | Refusal<422> {
  const body = newVersionSchema.safeParse(raw);
  if (!body.success) return fieldsRefusal(fieldRefusals(body.error));
  const parameters = parsePolicyParameters(body.data.parameters);
  if (!parameters.ok) return parameters;
  const effectiveMs = parseCanonicalUtc(body.data.effectiveAt);
  if (effectiveMs === null) return refusal(422, 'policy_effective_at');
  const effectiveAt = new Date(effectiveMs).toISOString();
  const earliest = new Date(Date.parse(nowIso) + POLICY_NOTICE_MS).toISOString();
  if (effectiveAt < earliest) {
    return refusal(422, 'policy_effective_in_past', { noticeMinutes: POLICY_NOTICE_MS / 60_000 });
  }
  if (effectiveAt <= latest.effectiveAt) {
    return refusal(422, 'policy_effective_before_latest', { latest: latest.effectiveAt });
  }
  return { ok: true, version: { parameters: parameters.parameters, note: body.data.note, effectiveAt } };
}

/** The version in force at `atIso`: the latest that took effect at or before it (versions in any order). */
export function versionInForceAt<V extends Pick<PolicyVersion, 'version' | 'effectiveAt'>>(
  versions: readonly V[],
  atIso: IsoDateTime,
): V {
  let found: V | undefined;
  for (const v of versions) {
    if (v.effectiveAt <= atIso && (!found || v.effectiveAt > found.effectiveAt)) found = v;
  }
  if (!found) throw new RangeError(`no policy version in force at ${atIso}`);
  return found;
}

export interface PolicyParameterChange {
  key: keyof PolicyParameters;
  before: PolicyParameters[keyof PolicyParameters];
  after: PolicyParameters[keyof PolicyParameters];
}

/** What a version changed from the one before it, parameter by parameter (the admin's side by side). */
export function policyChanges(before: PolicyParameters, after: PolicyParameters): PolicyParameterChange[] {
  return POLICY_PARAMETER_KEYS.filter((key) => before[key] !== after[key]).map((key) => ({
    key,
    before: before[key],
    after: after[key],
  }));
}
