// A refusal said in the UI's language from its code, params and field codes: loaded by the HTTP
// client with the first refusal (http.ts), together with the refusal catalogue, which importing
// this module adds to the i18n providers (so every provider can say `refusals.*` from then on).
import type { I18nProvider } from 'react-admin';
import {
  translateFieldRefusal,
  translateRefusal,
  type FieldRefusals,
  type RefusalParams,
} from '../domain/refusal';
import refusals from '../i18n/messages/refusals';
import { addLazyMessages } from './i18nProvider';

addLazyMessages(refusals);

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * A refusal's body with `message` and `errors` said in the UI's language from `code`, `params` and
 * `fieldErrors`; null when the body has no code the catalogue knows (the server's message stays).
 */
export function localizeRefusalBody(body: unknown, provider: I18nProvider): Record<string, unknown> | null {
  if (!isObject(body) || typeof body.code !== 'string') return null;
  const translate = (key: string, params?: Record<string, string | number>) =>
    provider.translate(key, params);
  if (provider.translate(`refusals.codes.${body.code}`, { _: '' }) === '') return null;
  const params = isObject(body.params) ? (body.params as RefusalParams) : {};
  const fieldErrors = isObject(body.fieldErrors) ? (body.fieldErrors as FieldRefusals) : undefined;
  const localized: Record<string, unknown> = {
    ...body,
    message: translateRefusal(translate, { code: body.code, params, fieldErrors }),
  };
  if (fieldErrors) {
    const errors: Record<string, string> = {};
    for (const [field, f] of Object.entries(fieldErrors)) errors[field] = translateFieldRefusal(translate, f);
    localized.errors = errors;
  }
  return localized;
}
