// Small HTTP helpers shared by the routes: JSON errors with the right status, and a handler
// wrapper so a thrown error never becomes an HTML page or a hang.
//
// A refusal carries a stable `code` and its `params`; its `message` (and a 422's `errors`) is
// answered in the language the request's Accept-Language asks for, from the same catalogues the
// UI uses (src/i18n/messages/refusals.ts). An error without a known code keeps its message.
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import type { ZodType } from 'zod';
import refusalCatalogue from '../src/i18n/messages/refusals';
import { negotiateLocale } from '../src/i18n/acceptLanguage';
import {
  catalogueTranslate,
  englishFieldErrors,
  fieldsRefusal,
  refusal,
  translateFieldRefusal,
  translateRefusal,
  type FieldRefusals,
  type RefusalCode,
  type RefusalParams,
  type Translate,
} from '../src/domain/refusal';
import { fieldRefusals } from '../src/domain/validation';
import type { Locale, Role } from '../src/domain/model';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly extra: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

/** An ApiError from a refusal (the domain's, or refusal(status, code, params) built here). */
export function refusalError(
  r: {
    status: number;
    code: string;
    params: RefusalParams;
    message: string;
    errors?: Record<string, string>;
    fieldErrors?: FieldRefusals;
  },
  extra: Record<string, unknown> = {},
): ApiError {
  return new ApiError(r.status, r.message, {
    code: r.code,
    // no params: none answered (a client reads a missing `params` as {})
    ...(Object.keys(r.params).length > 0 ? { params: r.params } : {}),
    ...(r.errors ? { errors: r.errors } : {}),
    ...(r.fieldErrors ? { fieldErrors: r.fieldErrors } : {}),
    ...extra,
  });
}

/** Answers a refusal of the API's own (no exception to throw, e.g. in a fallback handler). */
export function sendRefusal(res: Response, status: number, code: RefusalCode, params: RefusalParams = {}) {
  const r = refusal(status, code, params);
  sendError(res, status, r.message, { code, ...(Object.keys(params).length > 0 ? { params } : {}) });
}

/** A refusal about fields of the body: its own message, and a message (and code) per field. */
export function refuseFields(
  status: number,
  code: RefusalCode,
  params: RefusalParams,
  fields: FieldRefusals,
  extra: Record<string, unknown> = {},
): ApiError {
  return refusalError(
    { ...refusal(status, code, params), errors: englishFieldErrors(fields), fieldErrors: fields },
    extra,
  );
}

/** A refusal's code, params and message in the language the request asks for (for a 200 that lists refusals). */
export function refusalFor(
  req: Request,
  r: { code: string; params: RefusalParams; message: string; fieldErrors?: FieldRefusals },
): { message: string; code: string; params: RefusalParams } {
  const locale = negotiateLocale(req.headers['accept-language']);
  const extra = { code: r.code, params: r.params, fieldErrors: r.fieldErrors };
  return { message: localizedAnswer(locale, r.message, extra).message, code: r.code, params: r.params };
}

/** The API's own refusals: `throw refuse(404, 'refund_not_found', { id })`. */
export function refuse(
  status: number,
  code: RefusalCode,
  params: RefusalParams = {},
  extra: Record<string, unknown> = {},
): ApiError {
  return refusalError(refusal(status, code, params), extra);
}

export interface AuthedUser {
  id: string;
  role: Role;
  username: string;
}

export interface AuthedRequest extends Request {
  user: AuthedUser;
}

const translators: Record<Locale, Translate> = {
  en: catalogueTranslate(refusalCatalogue.en),
  'zh-CN': catalogueTranslate(refusalCatalogue.zh),
};

export function translatorFor(locale: Locale): Translate {
  return translators[locale];
}

const isKnownCode = (code: unknown): code is RefusalCode =>
  typeof code === 'string' && Object.prototype.hasOwnProperty.call(refusalCatalogue.en.refusals.codes, code);

/** The answer's message and field errors in `locale`, when the refusal has a code the catalogue knows. */
export function localizedAnswer(
  locale: Locale,
  message: string,
  extra: Record<string, unknown>,
): { message: string; errors?: Record<string, string> } {
  if (!isKnownCode(extra.code)) return { message };
  const translate = translatorFor(locale);
  const fieldErrors = extra.fieldErrors as FieldRefusals | undefined;
  const params = (extra.params as RefusalParams | undefined) ?? {};
  const localized = translateRefusal(translate, { code: extra.code, params, fieldErrors });
  if (!fieldErrors) return { message: localized };
  const errors = Object.create(null) as Record<string, string>;
  for (const [field, f] of Object.entries(fieldErrors)) errors[field] = translateFieldRefusal(translate, f);
  return { message: localized, errors };
}

export function sendError(
  res: Response,
  status: number,
  message: string,
  extra: Record<string, unknown> = {},
) {
  const locale = negotiateLocale(res.req?.headers['accept-language']);
  res.setHeader('Content-Language', locale);
  res.vary('Accept-Language');
  // message first, as always; then the extra fields; then the message and errors in the reader's language
  res.status(status).json(Object.assign({ message }, extra, localizedAnswer(locale, message, extra)));
}

type Handler = (req: AuthedRequest, res: Response) => void | Promise<void>;

export function route(handler: Handler): RequestHandler {
  return (req: Request, res: Response, next: NextFunction) => {
    try {
      const result = handler(req as AuthedRequest, res);
      if (result instanceof Promise) result.catch(next);
    } catch (error) {
      next(error);
    }
  };
}

/** Parses a body with a zod schema; a failure is a 422 with one message per field. */
/** A list answered whole (a few dozen records at most), with ra-data-simple-rest's headers. */
export function sendWholeList(res: Response, resource: string, records: readonly unknown[]): void {
  const range = records.length === 0 ? '*' : `0-${records.length - 1}`;
  res.setHeader('Content-Range', `${resource} ${range}/${records.length}`);
  res.setHeader('X-Total-Count', String(records.length));
  res.json(records);
}

export function parseBody<T>(schema: ZodType<T>, body: unknown): T {
  const parsed = schema.safeParse(body ?? {});
  if (parsed.success) return parsed.data;
  throw refusalError(fieldsRefusal(fieldRefusals(parsed.error), 'invalid_body', 'named'));
}

export function idParam(req: Request): string {
  const id = req.params.id;
  if (typeof id !== 'string' || id.length === 0 || id.length > 64) {
    throw refuse(400, 'malformed_id');
  }
  return id;
}
