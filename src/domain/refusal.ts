// A refusal is a stable code with its parameters; its words live in the message catalogues
// (src/i18n/messages/refusals.ts), so the API and the UI can say it in the reader's language.
// The domain still fills `message` (and `errors`) in English from the same catalogue, which keeps
// the API's English answers and the tests that read them as they were.
import refusals from '../i18n/messages/refusals';
import { formatYuan } from './money';

export type RefusalParamValue =
  | string
  | number
  | boolean
  | null
  | readonly string[]
  /**
   * a phrase with its own params: another refusal this one quotes (its code), or a word with
   * values (a path under `refusals.`, e.g. "words.suggestion.approve_partial")
   */
  | { readonly code: string; readonly params: RefusalParams; readonly fieldErrors?: FieldRefusals };
export interface RefusalParams {
  readonly [key: string]: RefusalParamValue;
}

export type RefusalCode = keyof typeof refusals.en.refusals.codes;
export type FieldRefusalCode = keyof typeof refusals.en.refusals.fields;

/** A field's refusal in machine-readable form, beside its English text in `errors`. */
export interface FieldRefusal {
  code: FieldRefusalCode;
  params: RefusalParams;
}

export type FieldRefusals = Record<string, FieldRefusal>;

export interface Refusal<S extends number = 403 | 409 | 422> {
  ok: false;
  status: S;
  /** a stable snake_case code (the catalogue key under `refusals.codes`) */
  code: RefusalCode;
  /** the values the message needs: statuses, roles, names, limits, amounts in fen, ids */
  params: RefusalParams;
  /** the English message, for logs and callers that do not translate */
  message: string;
  /** field → English message, as before */
  errors?: Record<string, string>;
  /** field → code and params */
  fieldErrors?: FieldRefusals;
}

/** The translate function of react-admin's i18nProvider, or the API's: key + params → text. */
export type Translate = (key: string, params?: Record<string, string | number>) => string;

/**
 * Which catalogue word table translates a parameter: the param `status: 'in_review'` is shown as
 * `refusals.words.refund_status.in_review`. A parameter may feed several placeholders (an action's
 * verb and its past participle); an array is translated item by item and joined as a list.
 */
export const REFUSAL_WORDS: Record<
  string,
  readonly (readonly [placeholder: string, table: string, join?: 'comma'])[]
> = {
  status: [['status', 'refund_status']],
  allowed: [['allowed', 'refund_status_group']],
  action: [
    ['action', 'refund_verb'],
    ['action_done', 'refund_done'],
  ],
  refundStatus: [['refundStatus', 'refund_status']],
  complaintStatus: [['complaintStatus', 'complaint_status']],
  complaintAllowed: [['complaintAllowed', 'complaint_status_group']],
  complaintAction: [
    ['complaintAction', 'complaint_verb'],
    ['complaintAction_done', 'complaint_done'],
  ],
  role: [['role', 'role']],
  heldBy: [['heldBy', 'complaint_held_tail']],
  resource: [
    ['resource', 'resource'],
    ['resourceOne', 'resource_one'],
  ],
  permission: [['permission', 'permission']],
  what: [['what', 'text_what']],
  refundState: [['refundState', 'refund_state']],
  blockers: [['blockers', 'blocker']],
  rejection: [['rejection', 'rejection']],
  items: [['items', 'info_item', 'comma']],
  as: [['as', 'four_eyes_role']],
  limit: [['limit', 'refundable_limit']],
};

function list(translate: Translate, items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return translate('refusals.list.and', {
    rest: items.slice(0, -1).join(translate('refusals.list.separator')),
    last: items[items.length - 1],
  });
}

/** The placeholders' values in the reader's language: words translated, fen as yuan, lists joined. */
export function refusalPlaceholders(
  translate: Translate,
  params: RefusalParams,
): Record<string, string | number> {
  const out: Record<string, string | number> = {};
  // a word may need the refusal's plain values too ("outside the %{windowDays}-day window")
  const scalars: Record<string, string | number> = {};
  for (const [key, value] of Object.entries(params)) {
    if (typeof value === 'string' || typeof value === 'number') scalars[key] = value;
  }
  for (const [key, value] of Object.entries(params)) {
    const tables = REFUSAL_WORDS[key];
    if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
      out[key] = translateRefusal(
        translate,
        value as { code: string; params: RefusalParams; fieldErrors?: FieldRefusals },
      );
    } else if (tables) {
      for (const [placeholder, table, join] of tables) {
        const word = (v: string) => translate(`refusals.words.${table}.${v}`, scalars);
        if (!Array.isArray(value)) out[placeholder] = word(String(value));
        else {
          const words = (value as readonly string[]).map(word);
          out[placeholder] =
            join === 'comma' ? words.join(translate('refusals.list.separator')) : list(translate, words);
        }
      }
    } else if (key.endsWith('Fen') && typeof value === 'number') {
      out[key] = formatYuan(value);
    } else if (key.endsWith('Coins') && typeof value === 'number') {
      out[key] = value.toLocaleString('en');
    } else if (Array.isArray(value)) {
      out[key] = (value as readonly string[]).join(', ');
    } else if (typeof value === 'number') {
      out[key] = value;
    } else {
      out[key] = String(value);
    }
  }
  return out;
}

export function translateFieldRefusal(translate: Translate, field: FieldRefusal): string {
  return translate(`refusals.fields.${field.code}`, refusalPlaceholders(translate, field.params));
}

/** How a list of field messages is joined into the refusal's `%{details}`. */
export type DetailsStyle = 'plain' | 'named';

/**
 * A refusal's message in the reader's language. `details` (the field messages of a 422) is built
 * from the field refusals, each translated; `named` puts the field's name before its message.
 */
export function translateRefusal(
  translate: Translate,
  refusal: { code: string; params?: RefusalParams; fieldErrors?: FieldRefusals },
): string {
  const placeholders = refusalPlaceholders(translate, refusal.params ?? {});
  if (refusal.fieldErrors) {
    const named = refusal.params?.detailsStyle === 'named';
    placeholders.details = Object.entries(refusal.fieldErrors)
      .map(([field, f]) => {
        const text = translateFieldRefusal(translate, f);
        return named && field !== '_body' ? `${field}: ${text}` : text;
      })
      .join(translate('refusals.list.sentences'));
  }
  const key = refusal.code.includes('.') ? `refusals.${refusal.code}` : `refusals.codes.${refusal.code}`;
  return translate(key, placeholders).trim();
}

/** `%{name}` interpolation as polyglot does it (a missing value leaves the placeholder). */
export function interpolate(template: string, params: Record<string, string | number> = {}): string {
  return template.replace(/%\{(.*?)\}/g, (whole, name: string) =>
    Object.prototype.hasOwnProperty.call(params, name) ? String(params[name]) : whole,
  );
}

/** A translate function over one catalogue tree (a missing key answers with the key). */
export function catalogueTranslate(tree: object): Translate {
  return (key, params) => {
    let node: unknown = tree;
    for (const part of key.split('.')) {
      node = typeof node === 'object' && node !== null ? (node as Record<string, unknown>)[part] : undefined;
    }
    return typeof node === 'string' ? interpolate(node, params) : key;
  };
}

export const englishRefusals: Translate = catalogueTranslate(refusals.en);

/** The shared constructor: a refusal with its code, params and English message. */
export function refusal<S extends number>(
  status: S,
  code: RefusalCode,
  params: RefusalParams = {},
): Refusal<S> {
  return { ok: false, status, code, params, message: translateRefusal(englishRefusals, { code, params }) };
}

export function fieldRefusal(code: FieldRefusalCode, params: RefusalParams = {}): FieldRefusal {
  return { code, params };
}

/** English per field, the `errors` shape the API has always answered. */
export function englishFieldErrors(fields: FieldRefusals): Record<string, string> {
  const errors = Object.create(null) as Record<string, string>;
  for (const [field, f] of Object.entries(fields)) errors[field] = translateFieldRefusal(englishRefusals, f);
  return errors;
}

/**
 * A 422 about fields. `invalid_fields`: the message is the field messages; `invalid_body`: the
 * same after "The request body is invalid."; `named`: each prefixed with its field's name.
 */
export function fieldsRefusal(
  fields: FieldRefusals,
  code: 'invalid_fields' | 'invalid_body' | 'invalid_fields_send_back' | 'invalid_note' = 'invalid_fields',
  style: DetailsStyle = 'plain',
): Refusal<422> {
  const params: RefusalParams = style === 'named' ? { detailsStyle: 'named' } : {};
  return {
    ok: false,
    status: 422,
    code,
    params,
    message: translateRefusal(englishRefusals, { code, params, fieldErrors: fields }),
    errors: englishFieldErrors(fields),
    fieldErrors: fields,
  };
}

/**
 * A zod message that carries a field code and its params (zod messages are strings): the schema
 * says `{ error: fieldCode('note_too_long', { max }) }` and fieldErrors() reads it back.
 */
export function fieldCode(code: FieldRefusalCode, params?: RefusalParams): string {
  return params ? `${code} ${JSON.stringify(params)}` : code;
}

export function readFieldCode(message: string): FieldRefusal {
  const space = message.indexOf(' ');
  const code = space < 0 ? message : message.slice(0, space);
  if (Object.prototype.hasOwnProperty.call(refusals.en.refusals.fields, code)) {
    try {
      const params = space < 0 ? {} : (JSON.parse(message.slice(space + 1)) as RefusalParams);
      return { code: code as FieldRefusalCode, params };
    } catch {
      // not one of ours: fall through
    }
  }
  // a message nobody gave a code (zod's own wording): passed on as it is
  return { code: 'field_message', params: { text: message } };
}
