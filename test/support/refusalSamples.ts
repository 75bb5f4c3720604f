// Sample params for any refusal code, read from its English template: a word parameter takes the
// first word of its table, an amount in fen or coins a number, a quoted phrase one of its own.
// Shared by the catalogue test and the API's language test.
import refusals from '../../src/i18n/messages/refusals';
import {
  REFUSAL_WORDS,
  type FieldRefusals,
  type RefusalParams,
  type RefusalParamValue,
} from '../../src/domain/refusal';

type Tree = { [key: string]: string | Tree };
const words = refusals.en.refusals.words as unknown as Record<string, Record<string, string>>;

export const PHRASES: Record<string, RefusalParamValue> = {
  cause: { code: 'already_reviewing', params: {} },
  why: { code: 'words.read_only.delete', params: {} },
  suggestion: { code: 'words.suggestion.approve', params: {} },
  left: { code: 'words.goodwill_left.nothing', params: {} },
  problem: { code: 'words.time_problem.filter', params: { filter: 'paidFen', resource: 'refunds' } },
};

/** Placeholder names in a template ("%{status}" → "status"). */
export function placeholders(template: string): string[] {
  return [...template.matchAll(/%\{(.*?)\}/g)].map((m) => m[1]).sort();
}

export function leaves(tree: Tree, prefix = ''): [string, string][] {
  return Object.entries(tree).flatMap(([key, value]) =>
    typeof value === 'string'
      ? [[`${prefix}${key}`, value] as [string, string]]
      : leaves(value, `${prefix}${key}.`),
  );
}

/** params that fill every placeholder of `template` */
export function sampleParams(template: string): RefusalParams {
  const params: Record<string, RefusalParamValue> = {};
  for (const name of placeholders(template)) {
    if (name === 'details') continue;
    const fromWords = Object.entries(REFUSAL_WORDS).find(([, tables]) => tables.some(([p]) => p === name));
    if (fromWords) {
      const [param, tables] = fromWords;
      const table = tables.find(([p]) => p === name)![1];
      params[param] = Object.keys(words[table])[0];
      if (table === 'blocker' || table === 'rejection' || table === 'suggestion') params.windowDays = 30;
    } else if (name in PHRASES) params[name] = PHRASES[name];
    else if (name.endsWith('Fen')) params[name] = 12_345;
    else if (name.endsWith('Coins')) params[name] = 1_500;
    else params[name] = `v-${name}`;
  }
  return params;
}

/** the field refusals a `%{details}` code is shown with */
export const SAMPLE_FIELDS: FieldRefusals = {
  version: { code: 'version_required', params: {} },
  amountFen: { code: 'amount_over_refundable', params: { refundableFen: 5_000 } },
};

/**
 * Latin words left in a Chinese message once its sample values and the technical names it may
 * quote (JSON, HTTP names, field and code names, units) are taken out: should be none.
 */
export function englishLeftIn(zh: string, params: RefusalParams): string[] {
  let rest = zh;
  // the values of a quoted phrase's own params are quoted too
  const values = (p: RefusalParams): RefusalParamValue[] =>
    Object.values(p).flatMap((v) =>
      typeof v === 'object' && v !== null && !Array.isArray(v)
        ? values((v as { params: RefusalParams }).params)
        : [v],
    );
  for (const value of values(params)) {
    if (typeof value === 'string' || typeof value === 'number') rest = rest.split(String(value)).join(' ');
  }
  const allowed = new Set([
    ...['id', 'api', 'json', 'utf', 'kb', 'nul', 'u', 'cors_origins', 'content', 'type', 'application'],
    ...['authorization', 'bearer', 'post', 'refunds', 'notes', 'ms', 'awaitingreply', 'true', 'false'],
    ...['username', 'password', 'confirm', 'send_back', 'claim', 'next', 'app'],
    // the list dialect's and the metrics' own names, quoted as a client types them
    ...['sort', 'range', 'filter', 'field', 'asc', 'desc', 'start', 'end', 'q', 'null', 'slastate'],
    ...['decided', 'from', 'to', 'outcome', 'reviewerid', 'approved', 'granularity', 'day', 'week'],
    ...['yyyy', 'mm', 'dd', 't', 'z', 'utc', 'iana', 'asia', 'shanghai'],
    // the desk's clock settings: SLA is the term the desk uses in both languages, HH:MM a format
    ...['sla', 'hh'],
    // the platform API's header and key names, as a client sends them
    ...['idempotency', 'key', 'rdk_', 'iso'],
    // a webhook endpoint's body fields and URL schemes
    ...['url', 'events', 'http', 'https'],
  ]);
  return (rest.match(/[A-Za-z_]+/g) ?? []).filter((w) => !allowed.has(w.toLowerCase()));
}
