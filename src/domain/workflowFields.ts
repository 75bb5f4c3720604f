// Body fields every workflow's schemas share: the version the caller saw, an optional note, a
// required id. Each workflow names its own refusal code where the catalogue has one per workflow.
import { z } from 'zod';
import { fieldCode, type FieldRefusalCode } from './refusal';

/** The longest message or note any workflow body takes. */
export const MESSAGE_MAX = 2000;

/** The version the caller read; `missing` is the workflow's code for a version left out. */
export function versionField(missing: FieldRefusalCode) {
  return z
    .number({ error: fieldCode(missing) })
    .int({ error: fieldCode('version_whole') })
    .nonnegative({ error: fieldCode('version_negative') });
}

export const optionalNote = z
  .string({ error: fieldCode('note_text') })
  .trim()
  .max(MESSAGE_MAX, { error: fieldCode('note_too_long', { max: MESSAGE_MAX }) })
  .optional();

/** An id the body must name (an assignee, a complaint): trimmed, and one code whether absent or empty. */
export function requiredId(code: FieldRefusalCode) {
  return z
    .string({ error: fieldCode(code) })
    .trim()
    .min(1, { error: fieldCode(code) });
}

/** A note the action cannot go without: `missing` when absent or blank. */
export function requiredNote(missing: FieldRefusalCode) {
  return requiredId(missing).max(MESSAGE_MAX, { error: fieldCode('note_too_long', { max: MESSAGE_MAX }) });
}

/** Four eyes: the second approver confirms or sends back. */
export const fourEyesDecision = z.enum(['confirm', 'send_back'], { error: fieldCode('decision_choice') });
