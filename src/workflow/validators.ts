// Form validators built from the domain's own body schemas: a field is required, limited in
// length or must have visible text exactly as the API's zod schema says, so the dialog refuses
// what the server would refuse, with the limits the server applies, in the reader's language.
import type { Validator } from 'react-admin';
import type { z } from 'zod';

type ObjectSchema = z.ZodObject<z.ZodRawShape>;

/** The first problem zod finds in one value, as a react-admin validation message (key + args). */
function messageOf(issue: z.core.$ZodIssue, value: unknown, requiredKey: string, invisibleKey: string) {
  const empty = value === undefined || value === null || (typeof value === 'string' && value.trim() === '');
  if (empty) return requiredKey;
  if (issue.code === 'too_big' && typeof issue.maximum === 'number' && issue.origin === 'string')
    return { message: 'common.form.too_long', args: { max: issue.maximum } };
  if (issue.code === 'too_small' && issue.origin === 'array') return requiredKey;
  if (issue.code === 'custom') return invisibleKey;
  return 'common.form.invalid';
}

/**
 * The validator of `field` in `schema` (one of the domain's action body schemas); `required` is
 * the message key for a missing value (react-admin's own by default), `invisible` for a text with
 * no visible character.
 */
export function fieldValidator<S extends ObjectSchema>(
  schema: S,
  field: keyof S['shape'] & string,
  {
    required = 'ra.validation.required',
    invisible = 'common.form.invisible',
  }: { required?: string; invisible?: string } = {},
): Validator {
  const fieldSchema = schema.shape[field] as z.ZodType;
  return (value: unknown) => {
    // an empty optional text is not sent at all (the dialogs drop it), so it is valid
    const sent =
      typeof value === 'string' && value.trim() === '' && fieldSchema.safeParse(undefined).success
        ? undefined
        : (value ?? undefined);
    const result = fieldSchema.safeParse(sent);
    return result.success ? undefined : messageOf(result.error.issues[0], value, required, invisible);
  };
}

/** Whether the schema requires `field` (an optional field accepts nothing). */
export function isRequiredField<S extends ObjectSchema>(
  schema: S,
  field: keyof S['shape'] & string,
): boolean {
  return !(schema.shape[field] as z.ZodType).safeParse(undefined).success;
}

/** A text the action needs although its schema leaves it optional (the workflow decides when). */
export function requiredText(messageKey: string): Validator {
  return (value: unknown) => (typeof value === 'string' && value.trim() !== '' ? undefined : messageKey);
}
