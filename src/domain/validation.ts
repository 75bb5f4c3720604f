// One way to turn a zod failure into the API's 422 shape, used by both workflows and the mock API.
import type { ZodError, ZodString } from 'zod';
import { englishFieldErrors, readFieldCode, type FieldRefusals } from './refusal';
import { hasVisibleContent } from './visibleText';

/**
 * One code per field ("_body" for the body itself, "items.0.status" for nested fields). The
 * object has no prototype: a field named "__proto__" is reported, never assigned as a prototype.
 */
export function fieldRefusals(error: ZodError): FieldRefusals {
  const fields = Object.create(null) as FieldRefusals;
  for (const issue of error.issues) {
    const prefix = issue.path.map(String).join('.');
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) {
        fields[prefix ? `${prefix}.${key}` : key] ??= { code: 'unknown_field', params: { field: key } };
      }
      continue;
    }
    fields[prefix || '_body'] ??= readFieldCode(issue.message);
  }
  return fields;
}

/** One English message per field, the shape of the API's `errors`. */
export function fieldErrors(error: ZodError): Record<string, string> {
  return englishFieldErrors(fieldRefusals(error));
}

/** "The request body is invalid. …" followed by every field's message. */
export function invalidBodyMessage(errors: Record<string, string>): string {
  return `The request body is invalid. ${Object.values(errors).join(' ')}`.trim();
}

/**
 * Text a person must be able to read (a message to the customer, a complaint, a note): refused
 * when it has no visible character, e.g. only zero-width spaces, word joiners or bidi marks, which
 * `trim()` keeps. Applied to a schema that has already trimmed and required the text.
 */
export function visibleText<S extends ZodString>(schema: S, message: string): S {
  return schema.refine(hasVisibleContent, { error: message }) as S;
}
