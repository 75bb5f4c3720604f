// The body fields the workflows share, each with its refusal codes: the version the caller saw, an
// id the caller must name, an amount in fen, a note (optional or required), the second approval.
// Each workflow's bodies build on these so one field is refused alike on every action that takes it;
// a workflow names its own code where the catalogue has one per workflow.
import { z } from 'zod';
import { fieldCode, type FieldRefusalCode } from './refusal';

/** The longest message or note any workflow body takes. */
export const MESSAGE_MAX = 2000;

/** The version the caller saw: a whole number ≥ 0 (`missing`: the workflow's code when it is left out). */
export function versionField(missing: FieldRefusalCode) {
  return z
    .number({ error: fieldCode(missing) })
    .int({ error: fieldCode('version_whole') })
    .nonnegative({ error: fieldCode('version_negative') });
}

/** An id the body must name (an assignee, a complaint): trimmed, and one code whether absent or blank. */
export function requiredId(code: FieldRefusalCode) {
  return z
    .string({ error: fieldCode(code) })
    .trim()
    .min(1, { error: fieldCode(code) });
}

/** An amount in fen: a whole number above 0. */
export const amountFen = z
  .number({ error: fieldCode('amount_number') })
  .int({ error: fieldCode('amount_whole') })
  .positive({ error: fieldCode('amount_positive') });

/** A note that may be left out, of at most MESSAGE_MAX characters once trimmed. */
export const optionalNote = z
  .string({ error: fieldCode('note_text') })
  .trim()
  .max(MESSAGE_MAX, { error: fieldCode('note_too_long', { max: MESSAGE_MAX }) })
  .optional();

/** A note the action cannot go without: `missing` when absent or blank. */
export function requiredNote(missing: FieldRefusalCode) {
  return requiredId(missing).max(MESSAGE_MAX, { error: fieldCode('note_too_long', { max: MESSAGE_MAX }) });
}

/** Four eyes: another supervisor confirms or sends back what waits for their second approval. */
export function secondApprovalBody<V extends z.ZodType>(version: V) {
  return z
    .object({
      version,
      decision: z.enum(['confirm', 'send_back'], { error: fieldCode('decision_choice') }),
      note: optionalNote,
    })
    .strict();
}
