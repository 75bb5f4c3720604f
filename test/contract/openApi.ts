// The OpenAPI document the contract suite checks against (mock-api/openapi.yaml), loaded with its
// $refs resolved, and a small JSON Schema validator for the keywords it uses.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import YAML from 'yaml';

// ---------------------------------------------------------------------------------------------
// The document

const here = path.dirname(fileURLToPath(import.meta.url));
export const OPENAPI_FILE = path.resolve(here, '../../mock-api/openapi.yaml');

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonSchema = boolean | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

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

export const APPLIED = new Set([
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
export const ANNOTATIONS = new Set([
  'description',
  'title',
  'default',
  'examples',
  'deprecated',
  'readOnly',
  'writeOnly',
]);
export const FORMATS = new Set(['date-time']);
export const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function typeMatches(type: string, value: unknown): boolean {
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

export function sameJson(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

export function show(value: unknown): string {
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
