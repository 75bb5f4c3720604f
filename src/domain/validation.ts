// One way to turn a zod failure into the API's 422 shape, used by both workflows and the mock API.
import type { ZodError, ZodString } from 'zod';
import { hasVisibleContent } from './visibleText';

/**
 * One message per field ("_body" for the body itself, "items.0.status" for nested fields). The
 * object has no prototype: a field named "__proto__" is reported, never assigned as a prototype.
 */
export function fieldErrors(error: ZodError): Record<string, string> {
  const errors = Object.create(null) as Record<string, string>;
  for (const issue of error.issues) {
    const prefix = issue.path.map(String).join('.');
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) errors[prefix ? `${prefix}.${key}` : key] ??= `Unknown field "${key}".`;
      continue;
    }
    errors[prefix || '_body'] ??= issue.message;
  }
  return errors;
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
