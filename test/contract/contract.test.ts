// The contract: mock-api/openapi.yaml against a running backend. Every operation of the document
// is called with valid and invalid inputs; each answer's status must be documented for that
// operation, its body must match the documented schema, and its required headers (Content-Range
// on lists, Retry-After on 429) must be there.
//
//   npm run test:contract                                   → a mock API started here (the harness)
//   API_URL=http://host:3001 npm run test:contract          → any other backend
//     CONTRACT_USERNAME / CONTRACT_PASSWORD                 a reviewer (default reviewer / password)
//     CONTRACT_SUPERVISOR_USERNAME / _PASSWORD              a supervisor (default supervisor / password)
//     CONTRACT_MANAGER_USERNAME / _PASSWORD                 a manager, optional (default manager / password)
//
// The suite changes data (claims, decisions, complaints): point it at a test instance, never at
// production. test/mock-api/contract.test.ts runs this same suite inside `npm test` against a mock
// API it starts itself, whatever API_URL says.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import YAML from 'yaml';
import { startTestApi, type TestApi } from '../mock-api/harness';

// ---------------------------------------------------------------------------------------------
// The document

const here = path.dirname(fileURLToPath(import.meta.url));
export const OPENAPI_FILE = path.resolve(here, '../../mock-api/openapi.yaml');

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonSchema = boolean | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

export interface OpenApiOperation {
  method: string;
  path: string;
  operationId: string;
  op: JsonObject;
  /** parameters of the path item and of the operation, $refs resolved */
  parameters: JsonObject[];
  secured: boolean;
}

export interface OpenApiDocument {
  doc: JsonObject;
  operations: OpenApiOperation[];
  byId: Map<string, OpenApiOperation>;
  validator: SchemaValidator;
  resolve<T extends Json>(value: T): T;
}

export const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;

export function loadOpenApi(file = OPENAPI_FILE): OpenApiDocument {
  const doc = YAML.parse(fs.readFileSync(file, 'utf8')) as JsonObject;
  const validator = new SchemaValidator(doc);
  const resolve = <T extends Json>(value: T): T => {
    let current: Json = value;
    for (let i = 0; i < 20 && isObject(current) && typeof current.$ref === 'string'; i++) {
      current = validator.resolveRef(current.$ref);
    }
    return current as T;
  };
  const operations: OpenApiOperation[] = [];
  const globalSecurity = (doc.security as Json[] | undefined) ?? [];
  for (const [route, item] of Object.entries((doc.paths ?? {}) as JsonObject)) {
    const pathItem = item as JsonObject;
    for (const method of HTTP_METHODS) {
      const op = pathItem[method] as JsonObject | undefined;
      if (!op) continue;
      const parameters = [
        ...((pathItem.parameters as Json[] | undefined) ?? []),
        ...((op.parameters as Json[] | undefined) ?? []),
      ].map((p) => resolve(p) as JsonObject);
      const security = (op.security as Json[] | undefined) ?? globalSecurity;
      operations.push({
        method,
        path: route,
        operationId: String(op.operationId),
        op,
        parameters,
        secured: security.length > 0,
      });
    }
  }
  return { doc, operations, byId: new Map(operations.map((o) => [o.operationId, o])), validator, resolve };
}

// ---------------------------------------------------------------------------------------------
// A small JSON Schema (2020-12) validator for the keywords openapi.yaml uses. An unknown keyword
// is an error, so the document cannot use a constraint this suite silently ignores.

const APPLIED = new Set([
  '$ref',
  'type',
  'enum',
  'const',
  'properties',
  'required',
  'additionalProperties',
  'unevaluatedProperties',
  'propertyNames',
  'minProperties',
  'maxProperties',
  'items',
  'prefixItems',
  'minItems',
  'maxItems',
  'uniqueItems',
  'minLength',
  'maxLength',
  'pattern',
  'format',
  'minimum',
  'maximum',
  'exclusiveMinimum',
  'exclusiveMaximum',
  'allOf',
  'anyOf',
  'oneOf',
  'not',
]);
const ANNOTATIONS = new Set([
  'description',
  'title',
  'default',
  'examples',
  'deprecated',
  'readOnly',
  'writeOnly',
]);
const FORMATS = new Set(['date-time']);
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function typeMatches(type: string, value: unknown): boolean {
  switch (type) {
    case 'null':
      return value === null;
    case 'boolean':
      return typeof value === 'boolean';
    case 'string':
      return typeof value === 'string';
    case 'number':
      return typeof value === 'number' && Number.isFinite(value);
    case 'integer':
      return typeof value === 'number' && Number.isInteger(value);
    case 'array':
      return Array.isArray(value);
    case 'object':
      return isObject(value);
    default:
      throw new Error(`Unknown JSON Schema type "${type}".`);
  }
}

function sameJson(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

function show(value: unknown): string {
  const text = JSON.stringify(value);
  return text === undefined ? String(value) : text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

export class SchemaValidator {
  constructor(private readonly root: unknown) {}

  resolveRef(ref: string): JsonSchema {
    if (!ref.startsWith('#/')) throw new Error(`Only local $refs are supported: ${ref}`);
    let node: unknown = this.root;
    for (const raw of ref.slice(2).split('/')) {
      const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
      if (!isObject(node) || !(key in node)) throw new Error(`Unresolved $ref ${ref}`);
      node = node[key];
    }
    return node as JsonSchema;
  }

  /** The problems of `value` against `schema` (empty when valid), each with its JSON path. */
  validate(schema: JsonSchema, value: unknown, at = '$'): string[] {
    const errors: string[] = [];
    this.check(schema, value, at, errors);
    return errors;
  }

  /** Throws on a keyword this validator does not apply (walks every subschema once). */
  assertSupported(schema: JsonSchema, at: string, seen = new Set<unknown>()): void {
    if (typeof schema === 'boolean' || seen.has(schema)) return;
    seen.add(schema);
    for (const [key, sub] of Object.entries(schema)) {
      if (!APPLIED.has(key) && !ANNOTATIONS.has(key) && !key.startsWith('x-')) {
        throw new Error(`${at}: keyword "${key}" is not supported by the contract validator`);
      }
      if (key === 'format' && !FORMATS.has(String(sub))) throw new Error(`${at}: format "${String(sub)}"`);
      if (key === '$ref') this.assertSupported(this.resolveRef(String(sub)), String(sub), seen);
      if (['properties'].includes(key) && isObject(sub)) {
        for (const [name, s] of Object.entries(sub))
          this.assertSupported(s as JsonSchema, `${at}.${name}`, seen);
      }
      if (['items', 'additionalProperties', 'unevaluatedProperties', 'propertyNames', 'not'].includes(key)) {
        if (typeof sub === 'boolean' || isObject(sub)) this.assertSupported(sub, `${at}/${key}`, seen);
      }
      if (['allOf', 'anyOf', 'oneOf', 'prefixItems'].includes(key) && Array.isArray(sub)) {
        sub.forEach((s, i) => this.assertSupported(s as JsonSchema, `${at}/${key}/${i}`, seen));
      }
    }
  }

  /** Returns the property names it evaluated (for unevaluatedProperties). */
  private check(schema: JsonSchema, value: unknown, at: string, errors: string[]): Set<string> {
    const evaluated = new Set<string>();
    if (schema === true) return evaluated;
    if (schema === false) {
      errors.push(`${at}: no value is allowed here (got ${show(value)})`);
      return evaluated;
    }
    for (const key of Object.keys(schema)) {
      if (!APPLIED.has(key) && !ANNOTATIONS.has(key) && !key.startsWith('x-')) {
        throw new Error(`${at}: keyword "${key}" is not supported by the contract validator`);
      }
    }
    const merge = (names: Set<string>) => names.forEach((n) => evaluated.add(n));

    if (typeof schema.$ref === 'string') merge(this.check(this.resolveRef(schema.$ref), value, at, errors));

    if (schema.type !== undefined) {
      const types = (Array.isArray(schema.type) ? schema.type : [schema.type]) as string[];
      if (!types.some((t) => typeMatches(t, value))) {
        errors.push(`${at}: expected ${types.join(' or ')}, got ${show(value)}`);
        return evaluated;
      }
    }
    if (Array.isArray(schema.enum) && !schema.enum.some((e) => sameJson(e, value))) {
      errors.push(`${at}: ${show(value)} is not one of ${show(schema.enum)}`);
    }
    if ('const' in schema && !sameJson(schema.const, value)) {
      errors.push(`${at}: expected ${show(schema.const)}, got ${show(value)}`);
    }

    if (typeof value === 'string') {
      const length = [...value].length;
      if (typeof schema.minLength === 'number' && length < schema.minLength) {
        errors.push(`${at}: shorter than ${schema.minLength}`);
      }
      if (typeof schema.maxLength === 'number' && length > schema.maxLength) {
        errors.push(`${at}: longer than ${schema.maxLength}`);
      }
      if (typeof schema.pattern === 'string' && !new RegExp(schema.pattern, 'u').test(value)) {
        errors.push(`${at}: ${show(value)} does not match /${schema.pattern}/`);
      }
      if (schema.format === 'date-time' && (!DATE_TIME.test(value) || Number.isNaN(Date.parse(value)))) {
        errors.push(`${at}: ${show(value)} is not an RFC 3339 date-time`);
      }
    }

    if (typeof value === 'number') {
      if (typeof schema.minimum === 'number' && value < schema.minimum)
        errors.push(`${at}: below ${schema.minimum}`);
      if (typeof schema.maximum === 'number' && value > schema.maximum)
        errors.push(`${at}: above ${schema.maximum}`);
      if (typeof schema.exclusiveMinimum === 'number' && value <= schema.exclusiveMinimum) {
        errors.push(`${at}: not above ${schema.exclusiveMinimum}`);
      }
      if (typeof schema.exclusiveMaximum === 'number' && value >= schema.exclusiveMaximum) {
        errors.push(`${at}: not below ${schema.exclusiveMaximum}`);
      }
    }

    if (Array.isArray(value)) {
      const prefix = Array.isArray(schema.prefixItems) ? (schema.prefixItems as JsonSchema[]) : [];
      prefix.forEach((s, i) => {
        if (i < value.length) this.check(s, value[i], `${at}[${i}]`, errors);
      });
      if (schema.items !== undefined) {
        for (let i = prefix.length; i < value.length; i++) {
          this.check(schema.items as JsonSchema, value[i], `${at}[${i}]`, errors);
        }
      }
      if (typeof schema.minItems === 'number' && value.length < schema.minItems) {
        errors.push(`${at}: fewer than ${schema.minItems} items`);
      }
      if (typeof schema.maxItems === 'number' && value.length > schema.maxItems) {
        errors.push(`${at}: more than ${schema.maxItems} items`);
      }
      if (schema.uniqueItems === true && new Set(value.map((v) => JSON.stringify(v))).size !== value.length) {
        errors.push(`${at}: items are not unique`);
      }
    }

    if (isObject(value)) {
      const keys = Object.keys(value);
      for (const name of (schema.required as string[] | undefined) ?? []) {
        if (!Object.hasOwn(value, name)) errors.push(`${at}: missing required property "${name}"`);
      }
      const properties = isObject(schema.properties) ? schema.properties : {};
      for (const key of keys) {
        if (Object.hasOwn(properties, key)) {
          this.check(properties[key] as JsonSchema, value[key], `${at}.${key}`, errors);
          evaluated.add(key);
        } else if (schema.additionalProperties !== undefined) {
          if (schema.additionalProperties === false) {
            errors.push(`${at}: unexpected property "${key}"`);
          } else {
            this.check(schema.additionalProperties as JsonSchema, value[key], `${at}.${key}`, errors);
          }
          evaluated.add(key);
        }
        if (schema.propertyNames !== undefined) {
          this.check(schema.propertyNames as JsonSchema, key, `${at}{${key}}`, errors);
        }
      }
      if (typeof schema.minProperties === 'number' && keys.length < schema.minProperties) {
        errors.push(`${at}: fewer than ${schema.minProperties} properties`);
      }
      if (typeof schema.maxProperties === 'number' && keys.length > schema.maxProperties) {
        errors.push(`${at}: more than ${schema.maxProperties} properties`);
      }
    }

    if (Array.isArray(schema.allOf)) {
      for (const sub of schema.allOf as JsonSchema[]) merge(this.check(sub, value, at, errors));
    }
    if (Array.isArray(schema.anyOf) || Array.isArray(schema.oneOf)) {
      const branches = (schema.anyOf ?? schema.oneOf) as JsonSchema[];
      const outcomes = branches.map((sub) => {
        const branchErrors: string[] = [];
        const names = this.check(sub, value, at, branchErrors);
        return { ok: branchErrors.length === 0, names, branchErrors };
      });
      const passing = outcomes.filter((o) => o.ok);
      passing.forEach((o) => merge(o.names));
      if (passing.length === 0) {
        const closest = [...outcomes].sort((a, b) => a.branchErrors.length - b.branchErrors.length)[0];
        errors.push(`${at}: matches none of the alternatives (closest: ${closest.branchErrors.join('; ')})`);
      } else if (schema.oneOf && passing.length > 1) {
        errors.push(`${at}: matches ${passing.length} alternatives of oneOf`);
      }
    }
    if (schema.not !== undefined && this.validate(schema.not as JsonSchema, value, at).length === 0) {
      errors.push(`${at}: must not match ${show(schema.not)}`);
    }

    if (isObject(value) && schema.unevaluatedProperties !== undefined) {
      for (const key of Object.keys(value)) {
        if (evaluated.has(key)) continue;
        if (schema.unevaluatedProperties === false) errors.push(`${at}: unexpected property "${key}"`);
        else this.check(schema.unevaluatedProperties as JsonSchema, value[key], `${at}.${key}`, errors);
        evaluated.add(key);
      }
    }
    return evaluated;
  }
}

// ---------------------------------------------------------------------------------------------
// The target

export type ContractMode = 'env' | 'mock';
let mode: ContractMode = 'env';

/** an origin the backend under test allows (the mock: `CORS_ORIGINS`) */
const CROSS_ORIGIN = 'http://desk.example.test';

/** 'mock' forces a self-started mock API even when API_URL is set (the `npm test` run). */
export function setContractTarget(next: ContractMode): void {
  mode = next;
}

interface Target {
  baseUrl: string;
  external: boolean;
  close(): Promise<void>;
}

async function startTarget(): Promise<Target> {
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
type Who = 'reviewer' | 'supervisor' | 'supervisor2' | 'manager';

interface CallInput {
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

interface CallResult {
  status: number;
  headers: Headers;
  body: unknown;
  text: string;
}

const spec = loadOpenApi();
let target: Target;
const tokens: Partial<Record<Who, string>> = {};
const me: Partial<Record<Who, { id: string; role: string }>> = {};
const coverage = new Map<string, { valid: number[]; invalid: number[] }>();
const warnings: string[] = [];
let checks = 0;

function warn(message: string) {
  warnings.push(message);
  console.warn(`[contract] ${message}`);
}

function encodeQuery(query: Record<string, unknown> | undefined): string {
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

async function send(method: string, url: string, input: Omit<CallInput, 'kind'>): Promise<CallResult> {
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

function paramValue(param: JsonObject, raw: unknown): unknown {
  if (isObject(param.content)) return typeof raw === 'string' ? JSON.parse(raw) : raw;
  return raw;
}

/** A valid call must only use documented parameters, with documented values. */
function checkParameters(operation: OpenApiOperation, input: CallInput) {
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

async function call(operationId: string, input: CallInput): Promise<CallResult> {
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

function safeParse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return Symbol('not JSON');
  }
}

async function login(username: string, password: string): Promise<string> {
  const res = await send('post', `${target.baseUrl}/api/auth/login`, { body: { username, password } });
  if (res.status !== 200) throw new Error(`Cannot sign in as ${username}: ${res.status} ${res.text}`);
  return (res.body as { token: string }).token;
}

/** A prerequisite the suite could not find: fails on the mock, warns (and skips) elsewhere. */
function need<T>(value: T | undefined | null, what: string): value is T {
  if (value !== undefined && value !== null) return true;
  if (!target.external) expect.fail(`missing prerequisite: ${what}`);
  warn(`skipped: no ${what} on this backend`);
  return false;
}

type Refund = {
  id: string;
  version: number;
  status: string;
  assigneeId: string | null;
  refundableFen: number;
};
type ComplaintRecord = {
  id: string;
  refundId: string;
  version: number;
  status: string;
  level: number;
  updatedAt?: string;
  pendingResolution?: unknown;
};

async function findRefunds(
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

async function fresh(id: string, as: Who = 'supervisor'): Promise<Refund> {
  return (await call('getRefund', { as, id, kind: 'valid' })).body as Refund;
}

const LONG_ID = 'x'.repeat(65);
const NO_SUCH_ID = 'no-such-record-0';
const MESSAGE = 'Thank you for your patience; we have reviewed your request.';
const REASON = 'Contract test: decided on purpose.';

// ---------------------------------------------------------------------------------------------
// The suite

describe('the contract (mock-api/openapi.yaml)', () => {
  beforeAll(async () => {
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
    for (const who of Object.keys(tokens) as Who[]) {
      const res = await send('get', `${target.baseUrl}/api/auth/me`, { as: who });
      me[who] = res.body as { id: string; role: string };
      const role = who === 'supervisor2' ? 'supervisor' : who;
      expect(me[who]?.role, `the ${who} account must have the ${role} role`).toBe(role);
    }
  });

  afterAll(async () => {
    await target?.close();
    if (warnings.length > 0) console.warn(`[contract] ${warnings.length} warning(s)`);
  });

  describe('the document', () => {
    it('is OpenAPI 3.1 with unique operation ids, resolvable $refs and only supported schema keywords', () => {
      expect(String(spec.doc.openapi)).toMatch(/^3\.1\.\d+$/);
      expect(spec.byId.size).toBe(spec.operations.length);
      const walk = (node: Json, at: string) => {
        if (Array.isArray(node)) node.forEach((n, i) => walk(n, `${at}/${i}`));
        else if (isObject(node)) {
          if (typeof node.$ref === 'string')
            expect(() => spec.validator.resolveRef(node.$ref as string), at).not.toThrow();
          for (const [k, v] of Object.entries(node)) walk(v, `${at}/${k}`);
        }
      };
      walk(spec.doc, '#');
      for (const [name, schema] of Object.entries(
        (spec.doc.components as JsonObject).schemas as JsonObject,
      )) {
        expect(() => spec.validator.assertSupported(schema as JsonSchema, name)).not.toThrow();
      }
    });

    it('documents 401 on every secured operation, and every route lives under /api', () => {
      for (const o of spec.operations) {
        expect(o.path, o.operationId).toMatch(/^\/api\//);
        const responses = o.op.responses as JsonObject;
        if (o.secured) expect(responses['401'], `${o.operationId} documents 401`).toBeDefined();
        expect(o.op['x-permission'], `${o.operationId} names its permission`).toBeDefined();
        for (const [status, r] of Object.entries(responses)) {
          const response = spec.resolve(r) as JsonObject;
          if (Number(status) >= 400) {
            const schema = ((response.content as JsonObject)?.['application/json'] as JsonObject)
              ?.schema as JsonObject;
            expect(schema?.$ref, `${o.operationId} ${status} is an Error`).toBe('#/components/schemas/Error');
          }
        }
      }
    });

    it('has a validator that refuses what the document forbids', () => {
      const v = spec.validator;
      const ref = (name: string): JsonSchema => ({ $ref: `#/components/schemas/${name}` });
      const user = { id: 'u1', username: 'a', fullName: 'A', role: 'reviewer', active: true };
      expect(v.validate(ref('StaffUser'), user)).toEqual([]);
      expect(v.validate(ref('StaffUser'), { ...user, role: 'admin' })).not.toEqual([]);
      expect(v.validate(ref('StaffUser'), { ...user, active: 'yes' })).not.toEqual([]);
      const { fullName: _dropped, ...partial } = user;
      expect(v.validate(ref('StaffUser'), partial)).not.toEqual([]);
      expect(v.validate(ref('Error'), { message: 'x', errors: { a: 'b' } })).toEqual([]);
      expect(v.validate(ref('Error'), { errors: {} })).not.toEqual([]);
      expect(v.validate(ref('Error'), { message: 'x', errors: { a: 1 } })).not.toEqual([]);
      expect(v.validate(ref('DateTime'), '2026-11-25T12:00:00.000Z')).toEqual([]);
      for (const bad of ['2026-11-25', '2026-13-45T00:00:00Z', 'yesterday', 5]) {
        expect(v.validate(ref('DateTime'), bad), String(bad)).not.toEqual([]);
      }
      expect(v.validate(ref('NullableDateTime'), null)).toEqual([]);
      expect(
        v.validate(ref('RequestInfoBody'), {
          version: 1,
          missingItems: ['order_number'],
          customerMessage: 'm',
        }),
      ).toEqual([]);
      expect(
        v.validate(ref('RequestInfoBody'), {
          version: 1.5,
          missingItems: ['order_number'],
          customerMessage: 'm',
        }),
      ).not.toEqual([]);
      expect(v.validate(ref('ApproveBody'), { version: 1, amountFen: 0, customerMessage: 'm' })).not.toEqual(
        [],
      );
      const period = {
        submitted: 0,
        decided: { approved: 0, partially_approved: 0, rejected: 0, info_requested: 0 },
        approvalRate: null,
        latencyHours: { p50: null, p90: 1.5 },
        slaCompliance: 1,
        refundedFen: 0,
        partialShare: null,
        complaintsOpened: 0,
        escalationRate: null,
        complaintsResolved: 0,
        overturnRate: null,
        complaintResolutionHoursP50: null,
        byReason: { other: { decided: 0, approvalRate: null } },
      };
      const previous = (spec.resolve(ref('Metrics') as Json) as JsonObject).properties as JsonObject;
      expect(
        v.validate(previous.previous as JsonSchema, {
          ...period,
          from: '2026-01-01T00:00:00Z',
          to: '2026-01-02T00:00:00Z',
        }),
      ).toEqual([]);
      expect(
        v.validate(previous.previous as JsonSchema, {
          ...period,
          from: '2026-01-01T00:00:00Z',
          to: '2026-01-02T00:00:00Z',
          extra: 1,
        }),
      ).not.toEqual([]);
      expect(
        v.validate(previous.previous as JsonSchema, { ...period, from: '2026-01-01T00:00:00Z' }),
      ).not.toEqual([]);
      expect(
        v.validate(previous.previous as JsonSchema, {
          ...period,
          to: '2026-01-02T00:00:00Z',
          from: '2026-01-01T00:00:00Z',
          byReason: { nope: { decided: 0, approvalRate: null } },
        }),
      ).not.toEqual([]);
      expect(() => v.validate({ nullable: true } as JsonSchema, null)).toThrow(/not supported/);
    });

    it('states that staff records carry no password hash', () => {
      const user = (spec.resolve((spec.doc.components as JsonObject).schemas as JsonObject) as JsonObject)
        .StaffUser as JsonObject;
      expect(user.additionalProperties).toBe(false);
      expect(Object.keys(user.properties as JsonObject)).not.toContain('passwordHash');
      expect(
        spec.validator.validate(user, {
          id: 'u',
          username: 'a',
          fullName: 'A',
          role: 'reviewer',
          active: true,
          passwordHash: 'scrypt$',
        }),
      ).not.toEqual([]);
    });
  });

  describe('system and sign-in', () => {
    it('answers health without a token', async () => {
      const res = await call('getHealth', { kind: 'valid' });
      expect((res.body as { ok: boolean }).ok).toBe(true);
    });

    it('signs in, and refuses bad sign-ins with 400 / 401 / 422', async () => {
      const env = process.env;
      const username = env.CONTRACT_USERNAME ?? 'reviewer';
      const password = env.CONTRACT_PASSWORD ?? 'password';
      const ok = await call('login', { body: { username, password }, kind: 'valid' });
      expect((ok.body as { user: { username: string } }).user.username).toBe(username);
      const unknown = `contract-nobody-${Date.now()}`;
      await call('login', { body: { username: unknown, password: 'wrong' }, kind: 'invalid', expect: 401 });
      await call('login', { body: { username }, kind: 'invalid', schemaInvalid: true, expect: 422 });
      await call('login', {
        body: { username: '', password },
        kind: 'invalid',
        schemaInvalid: true,
        expect: 422,
      });
      await call('login', {
        body: { username, password, remember: true },
        kind: 'invalid',
        schemaInvalid: true,
        expect: 422,
      });
      await call('login', { rawBody: '["reviewer"]', kind: 'invalid', schemaInvalid: true, expect: 400 });
      await call('login', { rawBody: '{"username":', kind: 'invalid', expect: 400 });
    });

    it('locks one username out after five failed sign-ins (429 with Retry-After)', async () => {
      const username = `contract-lock-${Date.now()}`;
      for (let i = 0; i < 5; i++) {
        await call('login', { body: { username, password: `wrong-${i}` }, kind: 'invalid', expect: 401 });
      }
      const locked = await call('login', {
        body: { username, password: 'wrong' },
        kind: 'invalid',
        expect: 429,
      });
      expect(Number(locked.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(Number(locked.headers.get('retry-after'))).toBeLessThanOrEqual(60);
    });

    it('says who is signed in', async () => {
      const res = await call('getMe', { as: 'supervisor', kind: 'valid' });
      expect(res.body).toMatchObject({ role: 'supervisor' });
      await call('getMe', { as: null, kind: 'invalid', expect: 401 });
    });
  });

  describe('lists and records in the simple-rest dialect', () => {
    const LISTS = [
      {
        list: 'listRefunds',
        get: 'getRefund',
        sort: 'slaDueAt',
        filter: { status: ['pending', 'in_review'] },
      },
      { list: 'listComplaints', get: null, sort: 'dueAt', filter: { status: 'open' } },
      { list: 'listEvents', get: 'getEvent', sort: 'at', filter: { subject: 'refund' } },
      { list: 'listUsers', get: 'getUser', sort: 'fullName', filter: { role: 'reviewer', active: true } },
      { list: 'listCustomers', get: 'getCustomer', sort: 'name', filter: { accountStatus: 'normal' } },
      { list: 'listOrders', get: 'getOrder', sort: 'purchasedAt', filter: { paymentChannel: 'alipay' } },
      { list: 'listNotes', get: 'getNote', sort: 'at', filter: { at_gte: '2000-01-01T00:00:00.000Z' } },
    ] as const;

    for (const { list, get, sort, filter } of LISTS) {
      it(`${list}: pages, filters, sorts, and refuses malformed parameters with 400`, async () => {
        const page = await call(list, {
          as: 'reviewer',
          kind: 'valid',
          query: { sort: [sort, 'DESC'], range: [0, 9] },
        });
        const rows = page.body as { id: string }[];
        expect(rows.length).toBeLessThanOrEqual(10);
        const [, start, end, total] = /^\w+ (?:(\d+)-(\d+)|\*)\/(\d+)$/.exec(
          page.headers.get('content-range')!,
        )!;
        if (rows.length > 0) expect(Number(end) - Number(start) + 1).toBe(rows.length);
        else expect(Number(total)).toBe(0);

        // a big page validates many records against the schema at once
        await call(list, { as: 'supervisor', kind: 'valid', query: { range: [0, 999] } });
        await call(list, {
          as: 'supervisor',
          kind: 'valid',
          query: { sort: ['id', 'ASC'], range: [0, 4], filter },
        });
        await call(list, {
          as: 'supervisor',
          kind: 'valid',
          query: { filter: { q: 'zz-nothing-matches-this' } },
        });

        await call(list, {
          as: 'reviewer',
          kind: 'invalid',
          query: { sort: ['noSuchField', 'ASC'] },
          expect: 400,
        });
        await call(list, { as: 'reviewer', kind: 'invalid', query: { sort: [sort, 'UP'] }, expect: 400 });
        await call(list, { as: 'reviewer', kind: 'invalid', query: { range: [5, 1] }, expect: 400 });
        await call(list, { as: 'reviewer', kind: 'invalid', query: { range: 'not json' }, expect: 400 });
        await call(list, { as: 'reviewer', kind: 'invalid', query: { filter: [1] }, expect: 400 });
        await call(list, {
          as: 'reviewer',
          kind: 'invalid',
          query: { filter: { noSuchFilter: 1 } },
          expect: 400,
        });
        await call(list, { as: 'reviewer', kind: 'invalid', query: { _sort: 'id' }, expect: 400 });

        // a browser on another origin must be able to read Content-Range
        const cors = await call(list, {
          as: 'reviewer',
          kind: 'valid',
          query: { range: [0, 0] },
          headers: { origin: CROSS_ORIGIN },
        });
        expect(cors.headers.get('access-control-allow-origin')).toBe(CROSS_ORIGIN);
        expect(cors.headers.get('access-control-expose-headers') ?? '').toMatch(/content-range/i);

        if (get) {
          if (need(rows[0], `record of ${list}`)) {
            const one = await call(get, { as: 'reviewer', id: rows[0].id, kind: 'valid' });
            expect((one.body as { id: string }).id).toBe(rows[0].id);
          }
          await call(get, { as: 'reviewer', id: NO_SUCH_ID, kind: 'invalid', expect: 404 });
          await call(get, { as: 'reviewer', id: LONG_ID, kind: 'invalid', expect: [400, 404] });
        }
      });
    }

    it('answers an unknown route with a 404 Error', async () => {
      const res = await send('get', `${target.baseUrl}/api/no-such-route`, { as: 'reviewer' });
      expect(res.status).toBe(404);
      expect(spec.validator.validate({ $ref: '#/components/schemas/Error' }, res.body)).toEqual([]);
      checks++;
    });
  });

  // ------------------------------------------------------------------------------- refund workflow
  let p1: Refund | undefined; // claimed, information requested, replied, approved
  let p2: Refund | undefined; // rejected (then complained about)
  let p3: Refund | undefined; // reassigned
  let otherReviewerId: string | undefined;
  let managerId: string | undefined;

  describe('refund requests and their workflow', () => {
    beforeAll(async () => {
      const staff = (
        await send(
          'get',
          `${target.baseUrl}/api/users${encodeQuery({ range: [0, 999], filter: { active: true } })}`,
          { as: 'supervisor' },
        )
      ).body as { id: string; role: string }[];
      otherReviewerId = staff.find((u) => u.role === 'reviewer' && u.id !== me.reviewer?.id)?.id;
      managerId = staff.find((u) => u.role === 'manager')?.id;
      const candidates = await findRefunds(
        {
          status: 'pending',
          assigneeId: 'unassigned',
          outsideWindow: false,
          accountRestricted: false,
          refundableFen_gt: 0,
        },
        'reviewer',
        10,
      );
      [p1, p2, p3] = candidates;
    });

    it('claims and releases (claimRefund, releaseRefund), with 404 / 409 / 422 refusals', async () => {
      if (!need(p1, 'pending unassigned refund request')) return;
      // the workflow checks who (403), then the version and the status (409), then the body (422):
      // a body with the current version, in a status that allows the action, reaches its validation
      await call('claimRefund', {
        as: 'reviewer',
        id: p1.id,
        body: {},
        kind: 'invalid',
        schemaInvalid: true,
        expect: 422,
      });
      await call('claimRefund', {
        as: 'reviewer',
        id: p1.id,
        body: { version: 'one' },
        kind: 'invalid',
        schemaInvalid: true,
        expect: 422,
      });
      const unknown = await call('claimRefund', {
        as: 'reviewer',
        id: p1.id,
        body: { version: p1.version, status: 'approved' },
        kind: 'invalid',
        schemaInvalid: true,
        expect: 422,
      });
      expect((unknown.body as { errors?: Record<string, string> }).errors).toHaveProperty('status');
      const claimed = await call('claimRefund', {
        as: 'reviewer',
        id: p1.id,
        body: { version: p1.version },
        kind: 'valid',
      });
      expect(claimed.body).toMatchObject({ status: 'in_review', assigneeId: me.reviewer!.id });
      const stale = await call('claimRefund', {
        as: 'reviewer',
        id: p1.id,
        body: { version: p1.version },
        kind: 'invalid',
        expect: 409,
      });
      expect((stale.body as { current?: { id: string } }).current?.id).toBe(p1.id);
      await call('claimRefund', {
        as: 'reviewer',
        id: NO_SUCH_ID,
        body: { version: 1 },
        kind: 'invalid',
        expect: 404,
      });
      if (tokens.manager) {
        await call('claimRefund', {
          as: 'manager',
          id: p1.id,
          body: { version: 1 },
          kind: 'invalid',
          expect: 403,
        });
      }

      let current = claimed.body as Refund;
      const released = await call('releaseRefund', {
        as: 'reviewer',
        id: p1.id,
        body: { version: current.version },
        kind: 'valid',
      });
      expect(released.body).toMatchObject({ status: 'pending', assigneeId: null });
      await call('releaseRefund', {
        as: 'reviewer',
        id: p1.id,
        body: { version: -1 },
        kind: 'invalid',
        schemaInvalid: true,
        expect: 422,
      });
      await call('releaseRefund', {
        as: 'reviewer',
        id: p1.id,
        body: { version: (released.body as Refund).version },
        kind: 'invalid',
        expect: 409,
      });
      current = released.body as Refund;
      p1 = (
        await call('claimRefund', {
          as: 'reviewer',
          id: p1.id,
          body: { version: current.version },
          kind: 'valid',
        })
      ).body as Refund;
    });

    it('asks for information and records the reply (requestRefundInfo, recordCustomerReply)', async () => {
      if (!need(p1, 'claimed refund request')) return;
      await call('requestRefundInfo', {
        as: 'reviewer',
        id: p1.id,
        body: { version: p1.version, missingItems: [], customerMessage: MESSAGE },
        kind: 'invalid',
        schemaInvalid: true,
        expect: 422,
      });
      await call('requestRefundInfo', {
        as: 'reviewer',
        id: p1.id,
        body: {
          version: p1.version,
          missingItems: ['payment_proof', 'payment_proof'],
          customerMessage: MESSAGE,
        },
        kind: 'invalid',
        schemaInvalid: true,
        expect: 422,
      });
      const asked = await call('requestRefundInfo', {
        as: 'reviewer',
        id: p1.id,
        body: {
          version: p1.version,
          missingItems: ['payment_proof'],
          customerMessage: 'Please send a screenshot of the payment.',
          againstSuggestionReason: REASON,
        },
        kind: 'valid',
      });
      expect(asked.body).toMatchObject({ status: 'awaiting_info' });

      await call('recordCustomerReply', {
        as: 'reviewer',
        id: p1.id,
        body: { suppliedItems: 'payment_proof', message: 'Attached.' },
        kind: 'invalid',
        schemaInvalid: true,
        expect: 422,
      });
      const replied = await call('recordCustomerReply', {
        as: 'reviewer',
        id: p1.id,
        body: { suppliedItems: ['payment_proof'], message: 'Screenshot attached.' },
        kind: 'valid',
      });
      expect(replied.body).toMatchObject({ status: 'pending' });
      await call('recordCustomerReply', {
        as: 'reviewer',
        id: p1.id,
        body: { suppliedItems: [], message: 'Again.' },
        kind: 'invalid',
        expect: 409,
      });
      const again = replied.body as Refund;
      p1 = (
        await call('claimRefund', {
          as: 'reviewer',
          id: p1.id,
          body: { version: again.version },
          kind: 'valid',
        })
      ).body as Refund;
    });

    it('approves and rejects (approveRefund, rejectRefund)', async () => {
      if (!need(p1, 'claimed refund request')) return;
      await call('approveRefund', {
        as: 'reviewer',
        id: p1.id,
        body: { version: p1.version, customerMessage: '' },
        kind: 'invalid',
        schemaInvalid: true,
        expect: 422,
      });
      await call('approveRefund', {
        as: 'reviewer',
        id: p1.id,
        body: { version: p1.version, amountFen: -100, customerMessage: MESSAGE },
        kind: 'invalid',
        schemaInvalid: true,
        expect: 422,
      });
      await call('approveRefund', {
        as: 'reviewer',
        id: p1.id,
        body: {
          version: p1.version,
          amountFen: p1.refundableFen + 1,
          customerMessage: MESSAGE,
          againstSuggestionReason: REASON,
        },
        kind: 'invalid',
        expect: 422,
      });
      const approved = await call('approveRefund', {
        as: 'reviewer',
        id: p1.id,
        body: { version: p1.version, customerMessage: MESSAGE, againstSuggestionReason: REASON },
        kind: 'valid',
      });
      expect(['approved', 'partially_approved', 'awaiting_second_approval']).toContain(
        (approved.body as Refund).status,
      );
      p1 = approved.body as Refund;

      if (!need(p2, 'second pending refund request')) return;
      const claimed = (
        await call('claimRefund', { as: 'reviewer', id: p2.id, body: { version: p2.version }, kind: 'valid' })
      ).body as Refund;
      await call('rejectRefund', {
        as: 'reviewer',
        id: p2.id,
        body: { version: claimed.version, reasonCode: 'because', customerMessage: MESSAGE },
        kind: 'invalid',
        schemaInvalid: true,
        expect: 422,
      });
      await call('rejectRefund', {
        as: 'reviewer',
        id: p2.id,
        body: { version: claimed.version + 7, reasonCode: 'other', customerMessage: MESSAGE },
        kind: 'invalid',
        expect: 409,
      });
      const rejected = await call('rejectRefund', {
        as: 'reviewer',
        id: p2.id,
        body: {
          version: claimed.version,
          reasonCode: 'other',
          customerMessage: 'We cannot refund this purchase; please contact us with details.',
          note: 'contract test',
          againstSuggestionReason: REASON,
        },
        kind: 'valid',
      });
      expect(rejected.body).toMatchObject({ status: 'rejected' });
      p2 = rejected.body as Refund;
    });

    it('gives a second approval (secondApproveRefund)', async () => {
      let waiting = (await findRefunds({ status: 'awaiting_second_approval' }, 'supervisor', 20)).find(
        (r) => (r as Refund & { firstApproverId: string | null }).firstApproverId !== me.supervisor!.id,
      );
      if (!waiting) {
        // make one: tipping requests and approvals above 500 yuan need a second approval
        const approvable = {
          status: 'pending',
          assigneeId: 'unassigned',
          outsideWindow: false,
          accountRestricted: false,
        };
        const [tip] = [
          ...(await findRefunds({ ...approvable, tipping: true, refundableFen_gt: 0 })),
          ...(await findRefunds({ ...approvable, refundableFen_gt: 50_000 })),
        ];
        if (!need(tip, 'tipping or large refund request to approve')) return;
        const claimed = (
          await call('claimRefund', {
            as: 'reviewer',
            id: tip.id,
            body: { version: tip.version },
            kind: 'valid',
          })
        ).body as Refund;
        waiting = (
          await call('approveRefund', {
            as: 'reviewer',
            id: tip.id,
            body: { version: claimed.version, customerMessage: MESSAGE, againstSuggestionReason: REASON },
            kind: 'valid',
          })
        ).body as Refund;
      }
      if (!need(waiting, 'request awaiting a second approval')) return;
      expect(waiting.status).toBe('awaiting_second_approval');
      await call('secondApproveRefund', {
        as: 'supervisor',
        id: waiting.id,
        body: { version: waiting.version, decision: 'maybe' },
        kind: 'invalid',
        schemaInvalid: true,
        expect: 422,
      });
      await call('secondApproveRefund', {
        as: 'reviewer',
        id: waiting.id,
        body: { version: waiting.version, decision: 'confirm' },
        kind: 'invalid',
        expect: 403,
      });
      const confirmed = await call('secondApproveRefund', {
        as: 'supervisor',
        id: waiting.id,
        body: { version: waiting.version, decision: 'confirm', note: 'Checked the tipping history.' },
        kind: 'valid',
      });
      expect(['approved', 'partially_approved']).toContain((confirmed.body as Refund).status);
    });

    it('overrides a policy block (overrideRefundPolicy)', async () => {
      const blocked = (
        await findRefunds(
          { status: 'pending', assigneeId: 'unassigned', outsideWindow: true },
          'supervisor',
          50,
        )
      ).find((r) => (r as Refund & { overrideBy: string | null }).overrideBy === null);
      if (!need(blocked, 'pending request outside the refund window')) return;
      const claimed = (
        await call('claimRefund', {
          as: 'supervisor',
          id: blocked.id,
          body: { version: blocked.version },
          kind: 'valid',
        })
      ).body as Refund;
      await call('overrideRefundPolicy', {
        as: 'supervisor',
        id: blocked.id,
        body: { version: claimed.version, note: '' },
        kind: 'invalid',
        schemaInvalid: true,
        expect: 422,
      });
      await call('overrideRefundPolicy', {
        as: 'reviewer',
        id: blocked.id,
        body: { version: claimed.version, note: 'Not mine to override.' },
        kind: 'invalid',
        expect: 403,
      });
      const overridden = await call('overrideRefundPolicy', {
        as: 'supervisor',
        id: blocked.id,
        body: { version: claimed.version, note: 'The customer was in hospital during the window.' },
        kind: 'valid',
      });
      expect((overridden.body as { overrideBy: string }).overrideBy).toBe(me.supervisor!.id);
      await call('releaseRefund', {
        as: 'supervisor',
        id: blocked.id,
        body: { version: (overridden.body as Refund).version },
        kind: 'valid',
      });
    });

    it('reassigns one and many (reassignRefund, bulkReassignRefunds)', async () => {
      if (!need(p3, 'third pending refund request') || !need(otherReviewerId, 'second reviewer')) return;
      await call('reassignRefund', {
        as: 'supervisor',
        id: p3.id,
        body: { version: p3.version },
        kind: 'invalid',
        schemaInvalid: true,
        expect: 422,
      });
      await call('reassignRefund', {
        as: 'reviewer',
        id: p3.id,
        body: { version: p3.version, assigneeId: otherReviewerId },
        kind: 'invalid',
        expect: 403,
      });
      if (managerId) {
        await call('reassignRefund', {
          as: 'supervisor',
          id: p3.id,
          body: { version: p3.version, assigneeId: managerId },
          kind: 'invalid',
          expect: 422,
        });
      }
      const moved = await call('reassignRefund', {
        as: 'supervisor',
        id: p3.id,
        body: { version: p3.version, assigneeId: otherReviewerId },
        kind: 'valid',
      });
      expect((moved.body as Refund).assigneeId).toBe(otherReviewerId);
      p3 = moved.body as Refund;

      const bulk = await call('bulkReassignRefunds', {
        as: 'supervisor',
        body: {
          items: [
            { id: p3.id, version: p3.version + 100 },
            { id: NO_SUCH_ID, version: 1 },
          ],
          assigneeId: me.reviewer!.id,
        },
        kind: 'valid',
      });
      expect(bulk.body).toMatchObject({ succeeded: 0, failed: 2 });
      expect((bulk.body as { results: { status: number }[] }).results.map((r) => r.status)).toEqual([
        409, 404,
      ]);
      const done = await call('bulkReassignRefunds', {
        as: 'supervisor',
        body: { items: [{ id: p3.id, version: p3.version }], assigneeId: me.reviewer!.id },
        kind: 'valid',
      });
      expect(done.body).toMatchObject({ succeeded: 1, failed: 0 });
      await call('bulkReassignRefunds', {
        as: 'supervisor',
        body: { items: [], assigneeId: me.reviewer!.id },
        kind: 'invalid',
        schemaInvalid: true,
        expect: 422,
      });
      await call('bulkReassignRefunds', {
        as: 'reviewer',
        body: { items: [{ id: p3.id, version: 1 }], assigneeId: me.reviewer!.id },
        kind: 'invalid',
        expect: 403,
      });
    });

    it('rejects in bulk (bulkRejectRefunds)', async () => {
      const res = await call('bulkRejectRefunds', {
        as: 'reviewer',
        body: { items: [{ id: NO_SUCH_ID, version: 1 }], reasonCode: 'duplicate', customerMessage: MESSAGE },
        kind: 'valid',
      });
      expect(res.body).toMatchObject({ succeeded: 0, failed: 1 });
      await call('bulkRejectRefunds', {
        as: 'reviewer',
        body: { items: [{ id: NO_SUCH_ID, version: 1 }], customerMessage: MESSAGE },
        kind: 'invalid',
        schemaInvalid: true,
        expect: 422,
      });
      await call('bulkRejectRefunds', {
        as: 'reviewer',
        body: {
          items: [{ id: NO_SUCH_ID, version: 1, status: 'x' }],
          reasonCode: 'other',
          customerMessage: MESSAGE,
        },
        kind: 'invalid',
        schemaInvalid: true,
        expect: 422,
      });
      if (tokens.manager) {
        await call('bulkRejectRefunds', {
          as: 'manager',
          body: { items: [{ id: NO_SUCH_ID, version: 1 }], reasonCode: 'other', customerMessage: MESSAGE },
          kind: 'invalid',
          expect: 403,
        });
      }
    });

    it('claims the next request (claimNextRefund)', async () => {
      await call('claimNextRefund', {
        as: 'reviewer',
        body: { any: 1 },
        kind: 'invalid',
        schemaInvalid: true,
        expect: 422,
      });
      if (tokens.manager) await call('claimNextRefund', { as: 'manager', kind: 'invalid', expect: 403 });
      const next = await call('claimNextRefund', { as: 'reviewer', kind: 'valid', expect: [200, 204] });
      if (next.status === 200)
        expect(next.body).toMatchObject({ status: 'in_review', assigneeId: me.reviewer!.id });
    });

    it("shows the policy and the customer's refund profile (getRefundPolicy, getRefundProfile)", async () => {
      if (!need(p1, 'refund request')) return;
      const res = await call('getRefundProfile', { as: 'reviewer', id: p1.id, kind: 'valid' });
      expect(res.body).toHaveProperty('customerId');
      await call('getRefundProfile', { as: 'reviewer', id: NO_SUCH_ID, kind: 'invalid', expect: 404 });
      for (const r of await findRefunds({}, 'manager' in tokens ? 'manager' : 'supervisor', 25)) {
        const policy = await call('getRefundPolicy', { as: 'reviewer', id: r.id, kind: 'valid' });
        expect((policy.body as { refundableFen: number }).refundableFen).toBe(r.refundableFen);
      }
      await call('getRefundPolicy', { as: 'reviewer', id: NO_SUCH_ID, kind: 'invalid', expect: 404 });
    });

    it('adds internal notes that change no version (addRefundNote, listNotes, getNote)', async () => {
      if (!need(p1, 'refund request')) return;
      const current = await fresh(p1.id);
      const added = await call('addRefundNote', {
        as: 'reviewer',
        id: p1.id,
        body: { text: 'Contract test note.' },
        kind: 'valid',
        expect: 201,
      });
      const note = added.body as { id: string; refundId: string; authorId: string; text: string };
      expect(note).toMatchObject({ refundId: p1.id, authorId: me.reviewer!.id, text: 'Contract test note.' });
      // a colleague's note too; neither touches the request
      await call('addRefundNote', {
        as: 'supervisor',
        id: p1.id,
        body: { text: 'Second contract test note.' },
        kind: 'valid',
        expect: 201,
      });
      expect(await fresh(p1.id)).toEqual(current);
      const listed = await call('listNotes', {
        as: 'reviewer',
        kind: 'valid',
        query: { filter: { refundId: p1.id }, sort: ['at', 'ASC'], range: [0, 99] },
      });
      const texts = (listed.body as { text: string }[]).map((n) => n.text);
      expect(texts.slice(-2)).toEqual(['Contract test note.', 'Second contract test note.']);
      const one = await call('getNote', {
        as: 'manager' in tokens ? 'manager' : 'reviewer',
        id: note.id,
        kind: 'valid',
      });
      expect(one.body).toEqual(note);

      // a blank text is refused by the rule (texts are trimmed), the others by the schema itself
      for (const body of [{}, { text: '   ' }, { text: 42 }, { text: 'x', version: current.version }]) {
        const refused = await call('addRefundNote', {
          as: 'reviewer',
          id: p1.id,
          body,
          kind: 'invalid',
          schemaInvalid: typeof body.text !== 'string' || body.text.trim() !== '',
          expect: 422,
        });
        expect(refused.body).toMatchObject({ code: 'invalid_note' });
      }
      await call('addRefundNote', {
        as: 'reviewer',
        id: NO_SUCH_ID,
        body: { text: 'x' },
        kind: 'invalid',
        expect: 404,
      });
      await call('addRefundNote', {
        as: 'reviewer',
        id: p1.id,
        rawBody: '[]',
        kind: 'invalid',
        schemaInvalid: true,
        expect: [400, 422],
      });
      expect(await fresh(p1.id)).toEqual(current);
    });

    it('has no plain write on a request (updateRefund, replaceRefund: 405)', async () => {
      if (!need(p1, 'refund request')) return;
      const current = await fresh(p1.id);
      for (const operationId of ['updateRefund', 'replaceRefund']) {
        for (const body of [
          { internalNote: 'overwrite' },
          { internalNote: 'overwrite', version: current.version },
          { ...current, status: 'refunded' },
        ]) {
          const res = await call(operationId, {
            as: 'supervisor',
            id: p1.id,
            body,
            kind: 'invalid',
            expect: 405,
          });
          expect(res.body).toMatchObject({ code: 'refund_read_only' });
        }
      }
      expect(await fresh(p1.id)).toEqual(current);
    });

    it('never creates or deletes refund requests (createRefund, deleteRefund: 405)', async () => {
      if (!need(p1, 'refund request')) return;
      await call('deleteRefund', { as: 'supervisor', id: p1.id, kind: 'invalid', expect: 405 });
      await call('createRefund', { as: 'supervisor', body: { orderId: 'o1' }, kind: 'invalid', expect: 405 });
      expect((await fresh(p1.id)).id).toBe(p1.id);
    });
  });

  // ------------------------------------------------------------------------------------ complaints
  describe('complaints', () => {
    let complaint: ComplaintRecord | undefined;

    const act = async (operationId: string, body: Record<string, unknown>, as: Who = 'supervisor') => {
      const res = await call(operationId, {
        as,
        id: complaint!.id,
        body: { version: complaint!.version, ...body },
        kind: 'valid',
      });
      complaint = res.body as ComplaintRecord;
      return complaint;
    };

    it('opens a complaint (createComplaint) and refuses a second one on the same request', async () => {
      if (!need(p2, 'rejected refund request')) return;
      const body = {
        refundId: p2.id,
        channel: 'phone',
        category: 'disputes_rejection',
        description: 'The customer disputes the rejection.',
      };
      await call('createComplaint', {
        as: 'supervisor',
        body: { ...body, channel: 'fax' },
        kind: 'invalid',
        schemaInvalid: true,
        expect: 422,
      });
      await call('createComplaint', {
        as: 'supervisor',
        body: {},
        kind: 'invalid',
        schemaInvalid: true,
        expect: 422,
      });
      await call('createComplaint', {
        as: 'supervisor',
        body: { ...body, refundId: NO_SUCH_ID },
        kind: 'invalid',
        expect: 422,
      });
      if (p3) {
        await call('createComplaint', {
          as: 'supervisor',
          body: { ...body, refundId: p3.id },
          kind: 'invalid',
          expect: 422,
        });
      }
      if (tokens.manager)
        await call('createComplaint', { as: 'manager', body, kind: 'invalid', expect: 403 });
      const created = await call('createComplaint', { as: 'supervisor', body, kind: 'valid', expect: 201 });
      complaint = created.body as ComplaintRecord;
      expect(created.body).toMatchObject({ refundId: p2.id, status: 'open', level: 1 });
      const twice = await call('createComplaint', { as: 'supervisor', body, kind: 'invalid', expect: 409 });
      expect((twice.body as { existingComplaintId?: string }).existingComplaintId).toBe(complaint.id);

      // reviewers log complaints too (about a request they decided)
      if (p1) {
        await call('createComplaint', {
          as: 'reviewer',
          body: {
            refundId: p1.id,
            channel: 'online_chat',
            category: 'other',
            description: 'Asked about the payout.',
          },
          kind: 'valid',
          expect: 201,
        });
      }
    });

    it('reads complaints (listComplaints, getComplaint)', async () => {
      if (!need(complaint, 'complaint')) return;
      await call('getComplaint', { as: 'supervisor', id: complaint.id, kind: 'valid' });
      await call('getComplaint', { as: 'reviewer', id: complaint.id, kind: 'valid' });
      await call('getComplaint', { as: 'supervisor', id: NO_SUCH_ID, kind: 'invalid', expect: 404 });
      await call('listComplaints', { as: 'reviewer', kind: 'valid', query: { range: [0, 999] } });
      await call('listComplaints', {
        as: 'supervisor',
        kind: 'valid',
        query: { range: [0, 999], filter: { assigneeId: 'unassigned' } },
      });
    });

    it('works a complaint through every action', async () => {
      if (!need(complaint, 'complaint')) return;
      const id = complaint.id;
      const supervisorId = me.supervisor!.id;
      await call('assignComplaint', {
        as: 'supervisor',
        id,
        body: { version: complaint.version },
        kind: 'invalid',
        schemaInvalid: true,
        expect: 422,
      });
      await call('assignComplaint', {
        as: 'supervisor',
        id,
        body: { version: complaint.version, assigneeId: me.reviewer!.id },
        kind: 'invalid',
        expect: 422,
      });
      await call('assignComplaint', {
        as: 'reviewer',
        id,
        body: { version: complaint.version, assigneeId: supervisorId },
        kind: 'invalid',
        expect: 403,
      });
      await call('assignComplaint', {
        as: 'supervisor',
        id: NO_SUCH_ID,
        body: { version: 1, assigneeId: supervisorId },
        kind: 'invalid',
        expect: 404,
      });
      await call('assignComplaint', {
        as: 'supervisor',
        id,
        body: { version: complaint.version + 5, assigneeId: supervisorId },
        kind: 'invalid',
        expect: 409,
      });
      expect(await act('assignComplaint', { assigneeId: supervisorId })).toMatchObject({
        status: 'investigating',
      });

      await call('addComplaintNote', {
        as: 'supervisor',
        id,
        body: { version: complaint.version, text: '' },
        kind: 'invalid',
        schemaInvalid: true,
        expect: 422,
      });
      // a note needs no version and changes none: a colleague's, or one with a stale version, neither
      const beforeNotes = complaint!;
      for (const [as, body] of [
        [tokens.supervisor2 ? 'supervisor2' : 'supervisor', { text: 'Called the payment provider.' }],
        ['supervisor', { version: beforeNotes.version + 3, text: 'The provider confirms the payout.' }],
      ] as const) {
        const noted = await call('addComplaintNote', { as, id, body, kind: 'valid' });
        expect(noted.body).toMatchObject({ version: beforeNotes.version, updatedAt: beforeNotes.updatedAt });
      }

      await call('logComplaintContact', {
        as: 'supervisor',
        id,
        body: { version: complaint.version, text: 'x', awaitingReply: 'yes' },
        kind: 'invalid',
        schemaInvalid: true,
        expect: 422,
      });
      expect(
        await act('logComplaintContact', {
          text: 'Asked the customer for the receipt.',
          awaitingReply: true,
        }),
      ).toMatchObject({
        status: 'awaiting_customer',
      });

      await call('escalateComplaint', {
        as: 'supervisor',
        id,
        body: { version: complaint.version },
        kind: 'invalid',
        schemaInvalid: true,
        expect: 422,
      });
      expect(
        await act('escalateComplaint', { reason: 'The customer threatens a regulator referral.' }),
      ).toMatchObject({ level: 2 });
      await call('escalateComplaint', {
        as: 'supervisor',
        id,
        body: { version: complaint.version, reason: 'again' },
        kind: 'invalid',
        expect: 409,
      });

      await call('resolveComplaint', {
        as: 'supervisor',
        id,
        body: {
          version: complaint.version,
          outcome: 'goodwill',
          customerMessage: MESSAGE,
          goodwillCoins: 99_999,
        },
        kind: 'invalid',
        schemaInvalid: true,
        expect: 422,
      });
      await call('resolveComplaint', {
        as: 'supervisor',
        id,
        body: { version: complaint.version, outcome: 'goodwill', customerMessage: MESSAGE },
        kind: 'invalid',
        expect: 422,
      });
      let resolved = await act('resolveComplaint', {
        outcome: 'goodwill',
        customerMessage: 'We are sorry; 100 coins are on their way.',
        goodwillCoins: 100,
      });
      if (resolved.pendingResolution && tokens.supervisor2) {
        // four eyes (a tipping order): another supervisor confirms
        resolved = await act('secondApproveComplaint', { decision: 'confirm' }, 'supervisor2');
      }
      expect(resolved).toMatchObject({ status: 'resolved' });

      await call('closeComplaint', {
        as: 'supervisor',
        id,
        body: { note: 'done' },
        kind: 'invalid',
        schemaInvalid: true,
        expect: 422,
      });
      expect(await act('closeComplaint', { note: 'Customer confirmed.' })).toMatchObject({
        status: 'closed',
      });

      await call('reopenComplaint', {
        as: 'supervisor',
        id,
        body: { version: 'latest' },
        kind: 'invalid',
        schemaInvalid: true,
        expect: 422,
      });
      await call('reopenComplaint', {
        as: 'reviewer',
        id,
        body: { version: complaint.version },
        kind: 'invalid',
        expect: 403,
      });
      expect(await act('reopenComplaint', { note: 'The coins did not arrive.' })).toMatchObject({
        status: 'escalated',
      });
      await call('closeComplaint', {
        as: 'supervisor',
        id,
        body: { version: complaint.version },
        kind: 'invalid',
        expect: 409,
      });
    });

    it('a goodwill credit on a tipping order waits for another supervisor (secondApproveComplaint)', async () => {
      const allowanceOf = async (id: string) =>
        (await call('getComplaintGoodwillAllowance', { as: 'supervisor', id, kind: 'valid' })).body as {
          leftCoins: number;
        };
      await call('getComplaintGoodwillAllowance', {
        as: 'supervisor',
        id: NO_SUCH_ID,
        kind: 'invalid',
        expect: 404,
      });
      if (tokens.manager) {
        await call('getComplaintGoodwillAllowance', {
          as: 'manager',
          id: complaint?.id ?? NO_SUCH_ID,
          kind: 'invalid',
          expect: 403,
        });
      }
      if (!tokens.supervisor2) return;
      const complaints = (
        await call('listComplaints', { as: 'supervisor', kind: 'valid', query: { range: [0, 999] } })
      ).body as ComplaintRecord[];
      const taken = new Set(complaints.map((c) => c.refundId));
      const tipped = (await findRefunds({ tipping: true, status: 'refunded' }, 'supervisor', 50)).find(
        (r) => !taken.has(r.id),
      );
      if (!need(tipped, 'refunded tipping request without a complaint')) return;
      const opened = await call('createComplaint', {
        as: 'supervisor2',
        body: { refundId: tipped.id, channel: 'phone', category: 'other', description: 'Wants goodwill.' },
        kind: 'valid',
        expect: 201,
      });
      complaint = opened.body as ComplaintRecord;
      await act('assignComplaint', { assigneeId: me.supervisor2!.id }, 'supervisor2');
      expect((await allowanceOf(complaint.id)).leftCoins).toBeGreaterThan(0);
      const pending = await act(
        'resolveComplaint',
        { outcome: 'goodwill', customerMessage: MESSAGE, goodwillCoins: 10 },
        'supervisor2',
      );
      expect(pending).toMatchObject({ status: 'investigating', resolution: null });
      expect(pending.pendingResolution).toMatchObject({ outcome: 'goodwill', reasons: ['tipping'] });
      const id = complaint.id;
      const body = { version: complaint.version, decision: 'confirm' };
      // the one who resolved it cannot approve it; a reviewer has no such right; a broken body is a 422
      const self = await call('secondApproveComplaint', {
        as: 'supervisor2',
        id,
        body,
        kind: 'invalid',
        expect: 403,
      });
      expect(self.body).toMatchObject({ code: 'second_approver_must_differ' });
      await call('secondApproveComplaint', { as: 'reviewer', id, body, kind: 'invalid', expect: 403 });
      await call('secondApproveComplaint', {
        as: 'supervisor',
        id,
        body: { ...body, decision: 'yes' },
        kind: 'invalid',
        schemaInvalid: true,
        expect: 422,
      });
      const confirmed = await act('secondApproveComplaint', { decision: 'confirm' }, 'supervisor');
      expect(confirmed).toMatchObject({
        status: 'resolved',
        pendingResolution: null,
        resolution: { goodwillCoins: 10, by: me.supervisor2!.id, secondApproverId: me.supervisor!.id },
      });
      await call('secondApproveComplaint', {
        as: 'supervisor',
        id,
        body: { version: confirmed.version, decision: 'confirm' },
        kind: 'invalid',
        expect: 409,
      });
    });

    it('never edits or deletes complaints directly (405)', async () => {
      const id = complaint?.id ?? NO_SUCH_ID;
      for (const operationId of [
        'putComplaintsCollection',
        'patchComplaintsCollection',
        'deleteComplaintsCollection',
      ]) {
        await call(operationId, { as: 'supervisor', body: {}, kind: 'invalid', expect: 405 });
      }
      for (const operationId of ['postComplaint', 'putComplaint', 'patchComplaint', 'deleteComplaint']) {
        await call(operationId, { as: 'supervisor', id, body: {}, kind: 'invalid', expect: 405 });
      }
    });
  });

  // --------------------------------------------------------------------------------------- metrics
  describe('metrics', () => {
    const day = (offsetDays: number) =>
      new Date(Date.now() + offsetDays * 86_400_000).toISOString().slice(0, 10);

    it('answers the dashboard figures (getMetrics) and refuses malformed queries', async () => {
      const mine = await call('getMetrics', {
        as: 'reviewer',
        kind: 'valid',
        query: { from: day(-30), to: day(1) },
      });
      expect((mine.body as { filters: { reviewerId?: string } }).filters.reviewerId).toBe(me.reviewer!.id);
      await call('getMetrics', {
        as: 'supervisor',
        kind: 'valid',
        query: {
          from: `${day(-60)}T00:00:00Z`,
          to: `${day(-1)}T16:00:00Z`,
          granularity: 'week',
          tz: 'Asia/Shanghai',
          paymentChannel: ['alipay', 'wechat_pay'],
          reasonCategory: ['other'],
          submissionChannel: ['app'],
        },
      });
      if (tokens.manager) {
        await call('getMetrics', {
          as: 'manager',
          kind: 'valid',
          query: { from: day(-7), to: day(0), reviewerId: me.reviewer!.id },
        });
      }
      await call('getMetrics', { as: 'reviewer', kind: 'invalid', query: { to: day(0) }, expect: 400 });
      await call('getMetrics', {
        as: 'reviewer',
        kind: 'invalid',
        query: { from: '2026-02-30', to: day(0) },
        expect: 400,
      });
      await call('getMetrics', {
        as: 'reviewer',
        kind: 'invalid',
        query: { from: day(0), to: day(-1) },
        expect: 400,
      });
      await call('getMetrics', {
        as: 'reviewer',
        kind: 'invalid',
        query: { from: day(-1), to: day(0), granularity: 'hour' },
        expect: 400,
      });
      await call('getMetrics', {
        as: 'reviewer',
        kind: 'invalid',
        query: { from: day(-1), to: day(0), page: '1' },
        expect: 400,
      });
      await call('getMetrics', {
        as: 'reviewer',
        kind: 'invalid',
        query: { from: day(-1), to: day(0), reviewerId: me.supervisor!.id },
        expect: 403,
      });
    });
  });

  // ------------------------------------------------------------------------ read-only and tokens
  describe('read-only resources and tokens', () => {
    it('refuses writes on read-only resources with 405', async () => {
      const readOnly = spec.operations.filter(
        (o) =>
          o.op['x-permission'] === 'none' &&
          (o.op.responses as JsonObject)['405'] !== undefined &&
          !/Complaint|Refund/.test(o.operationId),
      );
      expect(readOnly.length).toBe(40);
      for (const o of readOnly) {
        await call(o.operationId, {
          as: 'supervisor',
          id: NO_SUCH_ID,
          body: {},
          kind: 'invalid',
          expect: 405,
        });
      }
    });

    it('refuses every secured operation without a valid token (401)', async () => {
      const tampered = tokens.reviewer!.replace(
        /(.{10})(.)/,
        (_m, head: string, c: string) => head + (c === 'A' ? 'B' : 'A'),
      );
      for (const o of spec.operations.filter((op) => op.secured)) {
        const id = p1?.id ?? NO_SUCH_ID;
        const body = ['get', 'delete'].includes(o.method) ? undefined : {};
        for (const authorization of [
          undefined,
          'Bearer',
          'Bearer not-a-token',
          `Bearer ${tampered}`,
          `Basic ${tokens.reviewer}`,
        ]) {
          const res = await call(o.operationId, {
            as: null,
            authorization,
            id,
            body,
            kind: 'invalid',
            expect: 401,
          });
          expect(typeof (res.body as { message: string }).message).toBe('string');
        }
      }
    });

    it('refuses bodies over 100 KB (413) and bodies that are not UTF-8 JSON (415)', async () => {
      // a page on another site can send text/plain or a form without a preflight: never parsed
      for (const type of [
        'text/plain',
        'application/x-www-form-urlencoded',
        'multipart/form-data; boundary=x',
      ]) {
        await call('login', {
          rawBody: JSON.stringify({ username: 'reviewer', password: 'password' }),
          headers: { 'content-type': type },
          kind: 'invalid',
          expect: 415,
        });
      }
      const big = JSON.stringify({ version: 1, note: 'x'.repeat(110_000) });
      await call('claimRefund', {
        as: 'reviewer',
        id: p1?.id ?? NO_SUCH_ID,
        rawBody: big,
        kind: 'invalid',
        expect: 413,
      });
      await call('login', {
        rawBody: JSON.stringify({ username: 'x'.repeat(110_000), password: 'p' }),
        kind: 'invalid',
        expect: 413,
      });
      await call('createComplaint', {
        as: 'supervisor',
        rawBody: '{"refundId":"r1"}',
        headers: { 'content-type': 'application/json; charset=latin1' },
        kind: 'invalid',
        expect: 415,
      });
    });
  });

  describe('coverage', () => {
    it('called every operation with valid and invalid inputs', () => {
      const missing: string[] = [];
      for (const o of spec.operations) {
        const seen = coverage.get(o.operationId);
        const responses = Object.keys(o.op.responses as JsonObject);
        const hasSuccess = responses.some((s) => s.startsWith('2'));
        if (!seen) missing.push(`${o.operationId}: never called`);
        else {
          if (hasSuccess && !seen.valid.some((s) => s >= 200 && s < 300))
            missing.push(`${o.operationId}: no 2xx`);
          if (o.secured && seen.invalid.length === 0) missing.push(`${o.operationId}: no invalid call`);
        }
      }
      if (target.external) missing.forEach(warn);
      else expect(missing).toEqual([]);
      console.info(`[contract] ${checks} calls checked against ${spec.operations.length} operations`);
    });
  });
});
