// The body fields the workflows share, each with its refusal codes: the version the caller saw, an
// id the caller must name, an amount in fen, an optional note. Each workflow's bodies build on these
// so one field is refused alike on every action that takes it.
import { z } from 'zod';
import { fieldCode, type FieldRefusalCode } from './refusal';

export const NOTE_MAX = 2000;

/** The version the caller saw: a whole number ≥ 0 (`required`: the workflow's code when it is missing). */
export const versionField = (required: FieldRefusalCode) =>
  z
    .number({ error: fieldCode(required) })
    .int({ error: fieldCode('version_whole') })
    .nonnegative({ error: fieldCode('version_negative') });

/** An id the caller must name: a string that is not blank once trimmed. */
export const requiredId = (code: FieldRefusalCode) =>
  z
    .string({ error: fieldCode(code) })
    .trim()
    .min(1, { error: fieldCode(code) });

/** An amount in fen: a whole number above 0. */
export const amountFenField = () =>
  z
    .number({ error: fieldCode('amount_number') })
    .int({ error: fieldCode('amount_whole') })
    .positive({ error: fieldCode('amount_positive') });

/** A note that may be left out, of at most NOTE_MAX characters once trimmed. */
export const optionalNoteField = () =>
  z
    .string({ error: fieldCode('note_text') })
    .trim()
    .max(NOTE_MAX, { error: fieldCode('note_too_long', { max: NOTE_MAX }) })
    .optional();

/** Another supervisor confirms or sends back what waits for their second approval (four eyes). */
export const secondApprovalBody = <V extends z.ZodType>(version: V) =>
  z
    .object({
      version,
      decision: z.enum(['confirm', 'send_back'], { error: fieldCode('decision_choice') }),
      note: optionalNoteField(),
    })
    .strict();
