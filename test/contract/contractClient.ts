// The contract suite's client: the backend under test, the accounts signed in, and `call`, which
// checks each answer against the document (status, body, headers) and counts coverage.
import type { Locale } from '../../src/domain/model';
import { expect } from 'vitest';
import { startTestApi, type TestApi } from '../mock-api/harness';
import { isObject, type JsonObject, type JsonSchema, loadOpenApi, type OpenApiOperation } from './openApi';

export type ContractMode = 'env' | 'mock';
export let mode: ContractMode = 'env';

/** an origin the backend under test allows (the mock: `CORS_ORIGINS`) */
export const CROSS_ORIGIN = 'http://desk.example.test';

/** 'mock' forces a self-started mock API even when API_URL is set (the `npm test` run). */
export function setContractTarget(next: ContractMode): void {
  mode = next;
}

export interface Target {
  baseUrl: string;
  external: boolean;
  close(): Promise<void>;
}

export async function startTarget(): Promise<Target> {
  const apiUrl = process.env.API_URL?.trim();
  if (mode === 'env' && apiUrl) {
    // API_URL is the origin (http://host:3001); a trailing /api is tolerated
    const baseUrl = apiUrl.replace(/\/+$/, '').replace(/\/api$/, '');
    return { baseUrl, external: true, close: async () => {} };
  }
  // the origin the cross-origin check below calls from; a backend allows it as the mock does
  // (CORS_ORIGINS), other origins are refused
  const api: TestApi = await startTestApi({ count: 300, seed: 23, corsOrigins: [CROSS_ORIGIN] });
  return { baseUrl: api.url, external: false, close: () => api.close() };
}

// ---------------------------------------------------------------------------------------------
// Calling operations

/** supervisor2: a second supervisor, for the four-eyes paths (optional against an external backend) */
export type Who = 'reviewer' | 'supervisor' | 'supervisor2' | 'manager' | 'admin';

export interface CallInput {
  /** whose token; null = none */
  as?: Who | null;
  /** an explicit Authorization header value (overrides `as`) */
  authorization?: string;
  id?: string;
  /** query parameters; arrays repeat the parameter; objects and tuples are sent as JSON */
  query?: Record<string, unknown>;
  body?: unknown;
  rawBody?: string;
  headers?: Record<string, string>;
  /**
   * valid: a well-formed call the backend should accept (2xx) in the state the suite set up;
   * invalid: anything else. `schemaInvalid` marks bodies that the documented request schema
   * itself refuses (checked), as opposed to bodies refused by the rules (semantic).
   */
  kind: 'valid' | 'invalid';
  schemaInvalid?: boolean;
  /** the statuses the contract promises for this call */
  expect?: number | number[];
}

export interface CallResult {
  status: number;
  headers: Headers;
  body: unknown;
  text: string;
}

export const spec = loadOpenApi();
export let target: Target;
export const tokens: Partial<Record<Who, string>> = {};
export const me: Partial<Record<Who, { id: string; role: string }>> = {};
export const coverage = new Map<string, { valid: number[]; invalid: number[] }>();
export const warnings: string[] = [];
export let checks = 0;

/** A check made outside `call` (an answer checked by hand), counted in the coverage line. */
export function countCheck(): void {
  checks++;
}

export function warn(message: string) {
  warnings.push(message);
  console.warn(`[contract] ${message}`);
}

export function encodeQuery(query: Record<string, unknown> | undefined): string {
  if (!query) return '';
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined) continue;
    if (typeof value === 'string') search.append(key, value);
    else if (Array.isArray(value) && value.every((v) => typeof v === 'string') && key !== 'sort') {
      for (const v of value) search.append(key, v);
    } else search.append(key, JSON.stringify(value));
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}

export async function send(method: string, url: string, input: Omit<CallInput, 'kind'>): Promise<CallResult> {
  const headers: Record<string, string> = { accept: 'application/json', ...(input.headers ?? {}) };
  if (input.authorization !== undefined) headers.authorization = input.authorization;
  else if (input.as) headers.authorization = `Bearer ${tokens[input.as]}`;
  let body: string | undefined;
  if (input.rawBody !== undefined) body = input.rawBody;
  else if (input.body !== undefined) body = JSON.stringify(input.body);
  if (body !== undefined) headers['content-type'] ??= 'application/json';
  const res = await fetch(url, { method: method.toUpperCase(), headers, body });
  const text = await res.text();
  let parsed: unknown;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    parsed = undefined;
  }
  return { status: res.status, headers: res.headers, body: parsed, text };
}

export function paramValue(param: JsonObject, raw: unknown): unknown {
  if (isObject(param.content)) return typeof raw === 'string' ? JSON.parse(raw) : raw;
  return raw;
}

/** A valid call must only use documented parameters, with documented values. */
export function checkParameters(operation: OpenApiOperation, input: CallInput) {
  const where = `${operation.operationId} parameters`;
  for (const [name, raw] of Object.entries(input.query ?? {})) {
    const param = operation.parameters.find((p) => p.in === 'query' && p.name === name);
    expect(param, `${where}: "${name}" is not documented`).toBeDefined();
    const schema = (
      isObject(param!.content) ? (param!.content['application/json'] as JsonObject).schema : param!.schema
    ) as JsonSchema;
    let value = paramValue(param!, raw);
    // a plain (non-JSON) array parameter arrives as strings, one per repetition
    if (
      !isObject(param!.content) &&
      typeof value === 'string' &&
      isObject(schema) &&
      schema.type === 'array'
    ) {
      value = [value];
    }
    expect(spec.validator.validate(schema, value, name), where).toEqual([]);
  }
  for (const param of operation.parameters.filter((p) => p.required === true && p.in === 'query')) {
    expect(
      input.query?.[String(param.name)],
      `${where}: required "${String(param.name)}" missing`,
    ).toBeDefined();
  }
}

export async function call(operationId: string, input: CallInput): Promise<CallResult> {
  const operation = spec.byId.get(operationId);
  if (!operation) throw new Error(`No operation ${operationId} in openapi.yaml`);
  const label = `${operationId} (${operation.method.toUpperCase()} ${operation.path}, ${input.kind})`;
  let route = operation.path;
  if (route.includes('{id}')) {
    if (input.id === undefined) throw new Error(`${label}: needs an id`);
    route = route.replace('{id}', encodeURIComponent(input.id));
  }

  // the inputs the suite calls valid must be valid by the document, and vice versa
  const requestSchema = (
    (
      (spec.resolve(operation.op.requestBody ?? null) as JsonObject | null)?.content as JsonObject | undefined
    )?.['application/json'] as JsonObject | undefined
  )?.schema as JsonSchema | undefined;
  if (input.kind === 'valid') {
    checkParameters(operation, input);
    if (input.body !== undefined && requestSchema !== undefined) {
      expect(spec.validator.validate(requestSchema, input.body, 'body'), `${label}: request body`).toEqual(
        [],
      );
    }
  }
  if (input.schemaInvalid) {
    const value = input.rawBody !== undefined ? safeParse(input.rawBody) : input.body;
    expect(requestSchema, `${label}: no request schema`).toBeDefined();
    expect(
      spec.validator.validate(requestSchema!, value, 'body').length,
      `${label}: the document accepts the body the suite calls invalid`,
    ).toBeGreaterThan(0);
  }

  const res = await send(operation.method, target.baseUrl + route + encodeQuery(input.query), input);
  const record = coverage.get(operationId) ?? { valid: [], invalid: [] };
  record[input.kind].push(res.status);
  coverage.set(operationId, record);
  checks++;

  const responses = operation.op.responses as JsonObject;
  const documented = responses[String(res.status)] ?? responses[`${String(res.status)[0]}XX`];
  expect(
    documented,
    `${label}: status ${res.status} is not documented (documented: ${Object.keys(responses).join(', ')}); body ${res.text.slice(0, 300)}`,
  ).toBeDefined();
  const response = spec.resolve(documented) as JsonObject;

  if (input.expect !== undefined) {
    const wanted = Array.isArray(input.expect) ? input.expect : [input.expect];
    expect(wanted, `${label}: answered ${res.status} ${res.text.slice(0, 300)}`).toContain(res.status);
  }
  if (input.kind === 'valid' && (res.status < 200 || res.status > 299)) {
    const message = `${label}: a valid call answered ${res.status} ${res.text.slice(0, 300)}`;
    if (target.external) warn(message);
    else expect.fail(message);
  }

  const content = response.content as JsonObject | undefined;
  const jsonContent = content?.['application/json'] as JsonObject | undefined;
  if (jsonContent) {
    expect(res.headers.get('content-type') ?? '', `${label}: content type`).toMatch(/^application\/json/);
    expect(res.body, `${label}: body is not JSON: ${res.text.slice(0, 200)}`).toBeDefined();
    const problems = spec.validator.validate(jsonContent.schema as JsonSchema, res.body, 'response');
    expect(problems.slice(0, 20), `${label}: ${res.status} body does not match the document`).toEqual([]);
  } else {
    expect(res.text, `${label}: ${res.status} documents no body`).toBe('');
  }
  for (const [name, header] of Object.entries((response.headers ?? {}) as JsonObject)) {
    const h = spec.resolve(header) as JsonObject;
    const value = res.headers.get(name);
    if (h.required === true) expect(value, `${label}: header ${name} is required`).not.toBeNull();
    if (value !== null && h.schema) {
      expect(
        spec.validator.validate(h.schema as JsonSchema, value, name),
        `${label}: header ${name}`,
      ).toEqual([]);
    }
  }
  return res;
}

export function safeParse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return Symbol('not JSON');
  }
}

export async function login(username: string, password: string): Promise<string> {
  const res = await send('post', `${target.baseUrl}/api/auth/login`, { body: { username, password } });
  if (res.status !== 200) throw new Error(`Cannot sign in as ${username}: ${res.status} ${res.text}`);
  return (res.body as { token: string }).token;
}

/** A prerequisite the suite could not find: fails on the mock, warns (and skips) elsewhere. */
export function need<T>(value: T | undefined | null, what: string): value is T {
  if (value !== undefined && value !== null) return true;
  if (!target.external) expect.fail(`missing prerequisite: ${what}`);
  warn(`skipped: no ${what} on this backend`);
  return false;
}

export type Refund = {
  id: string;
  version: number;
  status: string;
  assigneeId: string | null;
  refundableFen: number;
  /** what routing reads (reviewerRouting.ts) */
  customerLocale: Locale;
  tipping: boolean;
};
export type ComplaintRecord = {
  id: string;
  refundId: string;
  version: number;
  status: string;
  level: number;
  updatedAt?: string;
  pendingResolution?: unknown;
};

export async function findRefunds(
  filter: Record<string, unknown>,
  as: Who = 'reviewer',
  count = 5,
): Promise<Refund[]> {
  const res = await call('listRefunds', {
    as,
    kind: 'valid',
    query: { sort: ['slaDueAt', 'ASC'], range: [0, count - 1], filter },
  });
  return (res.body as Refund[] | undefined) ?? [];
}

export async function fresh(id: string, as: Who = 'supervisor'): Promise<Refund> {
  return (await call('getRefund', { as, id, kind: 'valid' })).body as Refund;
}

export const LONG_ID = 'x'.repeat(65);
export const NO_SUCH_ID = 'no-such-record-0';
export const MESSAGE = 'Thank you for your patience; we have reviewed your request.';
export const REASON = 'Contract test: decided on purpose.';

/** Requests the suites pick at the start of the refund workflow and use until the end. */
export const picked: {
  /** claimed, information requested, replied, approved */
  p1?: Refund;
  /** rejected (then complained about) */
  p2?: Refund;
  /** reassigned */
  p3?: Refund;
  otherReviewerId?: string;
  managerId?: string;
} = {};

/** Starts the target and signs every account in (the suite's beforeAll). */
export async function startContract(): Promise<void> {
  target = await startTarget();
  const env = process.env;
  tokens.reviewer = await login(env.CONTRACT_USERNAME ?? 'reviewer', env.CONTRACT_PASSWORD ?? 'password');
  tokens.supervisor = await login(
    env.CONTRACT_SUPERVISOR_USERNAME ?? 'supervisor',
    env.CONTRACT_SUPERVISOR_PASSWORD ?? 'password',
  );
  try {
    tokens.supervisor2 = await login(
      env.CONTRACT_SUPERVISOR2_USERNAME ?? 'supervisor2',
      env.CONTRACT_SUPERVISOR2_PASSWORD ?? 'password',
    );
  } catch (error) {
    if (!target.external) throw error;
    warn('no second supervisor account: the four-eyes paths are not checked');
  }
  try {
    tokens.manager = await login(
      env.CONTRACT_MANAGER_USERNAME ?? 'manager',
      env.CONTRACT_MANAGER_PASSWORD ?? 'password',
    );
  } catch (error) {
    if (!target.external) throw error;
    warn('no manager account: the manager-only refusals are not checked');
  }
  try {
    tokens.admin = await login(
      env.CONTRACT_ADMIN_USERNAME ?? 'admin',
      env.CONTRACT_ADMIN_PASSWORD ?? 'password',
    );
  } catch (error) {
    if (!target.external) throw error;
    warn('no admin account: the staff account, platform client and webhook operations are not checked');
  }
  for (const who of Object.keys(tokens) as Who[]) {
    const res = await send('get', `${target.baseUrl}/api/auth/me`, { as: who });
    me[who] = res.body as { id: string; role: string };
    const role = who === 'supervisor2' ? 'supervisor' : who;
    expect(me[who]?.role, `the ${who} account must have the ${role} role`).toBe(role);
  }
}

/** Stops the target (the suite's afterAll). */
export async function stopContract(): Promise<void> {
  await target?.close();
  if (warnings.length > 0) console.warn(`[contract] ${warnings.length} warning(s)`);
}
