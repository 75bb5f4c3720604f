// The contract suite (test/contract/contract.test.ts registers the parts in order), this part:
// the document itself.
import { describe, expect, it } from 'vitest';
import { isObject, type Json, type JsonObject, type JsonSchema } from '../openApi';
import { spec } from '../contractClient';

export function describeDocument(): void {
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
      expect(v.validate(ref('StaffUser'), { ...user, role: 'admin' })).toEqual([]);
      expect(v.validate(ref('StaffUser'), { ...user, role: 'root' })).not.toEqual([]);
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
}
