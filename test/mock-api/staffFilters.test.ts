// A reviewer cannot count a colleague's work through list filters (issue 13, item 9): every filter
// that selects by a staff member obeys the rule the metrics obey (maySelectByStaff in
// src/domain/permissions.ts). A reviewer naming another staff member is refused (403
// other_staff_figures), naming themselves or nobody works; supervisors and managers name anyone.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { READ_RESOURCES } from '../../mock-api/resources';
import { listQuery, startTestApi, type TestApi } from './harness';

let api: TestApi;
const token: Record<string, string> = {};
const from = new Date(Date.now() - 60 * 86_400_000).toISOString();
const to = new Date(Date.now() + 86_400_000).toISOString();

beforeAll(async () => {
  api = await startTestApi({ count: 400, seed: 41 });
  for (const name of ['reviewer', 'reviewer2', 'supervisor', 'manager']) token[name] = await api.login(name);
});
afterAll(() => api.close());

/** Every filter that can select by a staff member: resource, filter with that member's id in it. */
const STAFF_FILTERS: [string, string, (id: string) => Record<string, unknown>][] = [
  ['refunds', 'assigneeId', (id) => ({ assigneeId: id })],
  ['refunds', 'assigneeId', (id) => ({ assigneeId: ['unassigned', id] })],
  ['refunds', 'firstApproverId', (id) => ({ firstApproverId: id })],
  ['refunds', 'decided', (id) => ({ decided: { from, to, reviewerId: id } })],
  ['refunds', 'decided', (id) => ({ decided: { from, to, outcome: 'approved', reviewerId: id } })],
  ['complaints', 'assigneeId', (id) => ({ assigneeId: id })],
  ['events', 'actorId', (id) => ({ actorId: id, action: ['approve', 'reject', 'request_info'] })],
  ['events', 'actorId', (id) => ({ actorId: [id], at_gte: from })],
  ['notes', 'authorId', (id) => ({ authorId: id })],
  ['notes', 'authorId', (id) => ({ authorId: [id], at_gte: from })],
];

const list = (who: string, resource: string, filter: Record<string, unknown>) =>
  api.call('GET', `/api/${resource}${listQuery({ range: [0, 0], filter })}`, { token: token[who] });
const total = (res: { headers: Headers }) =>
  Number(/\/(\d+)$/.exec(res.headers.get('content-range') ?? '')?.[1]);

describe('list filters by a staff member', () => {
  it.each(STAFF_FILTERS)(
    '%s %s: a reviewer naming a colleague is refused',
    async (resource, name, filter) => {
      for (const other of ['u2', 'u3', 'u4']) {
        const res = await list('reviewer', resource, filter(other));
        expect(res.status, res.text).toBe(403);
        expect(res.body).toEqual({
          message: `A reviewer may read only their own figures: leave out "${name}" or give your own id.`,
          code: 'other_staff_figures',
          params: { parameter: name },
        });
        expect(res.headers.get('content-range')).toBeNull();
      }
    },
  );

  it.each(STAFF_FILTERS)(
    '%s %s: the reviewer naming themselves is answered',
    async (resource, _name, filter) => {
      const res = await list('reviewer', resource, filter('u1'));
      expect(res.status, res.text).toBe(200);
    },
  );

  it.each(STAFF_FILTERS)('%s %s: supervisors and managers name anyone', async (resource, _name, filter) => {
    for (const who of ['supervisor', 'manager']) {
      const res = await list(who, resource, filter('u2'));
      expect(res.status, res.text).toBe(200);
    }
  });

  it('"decided" without a reviewer counts a reviewer’s own decisions, as their metrics do', async () => {
    const mine = await list('reviewer', 'refunds', { decided: { from, to, reviewerId: 'u1' } });
    const unnamed = await list('reviewer', 'refunds', { decided: { from, to } });
    const team = await list('supervisor', 'refunds', { decided: { from, to } });
    expect(total(mine)).toBeGreaterThan(0);
    expect(total(unnamed)).toBe(total(mine));
    expect(total(team)).toBeGreaterThan(total(mine));
    const metrics = await api.call('GET', `/api/metrics?from=${from}&to=${to}`, { token: token.reviewer });
    expect(metrics.status).toBe(200);
    const decided = (metrics.body as { reviewers: { reviewerId: string; requestsDecided: number }[] })
      .reviewers;
    expect(decided.map((r) => r.reviewerId)).toEqual(['u1']);
    expect(decided[0].requestsDecided).toBe(total(mine));
  });

  it('the metrics refuse a colleague with the same answer', async () => {
    const res = await api.call('GET', `/api/metrics?from=${from}&to=${to}&reviewerId=u2`, {
      token: token.reviewer,
    });
    expect(res.status).toBe(403);
    expect(res.body).toEqual({
      message: 'A reviewer may read only their own figures: leave out "reviewerId" or give your own id.',
      code: 'other_staff_figures',
      params: { parameter: 'reviewerId' },
    });
  });

  it('covers every field that names a staff member on every resource', () => {
    // a new staff-reference field must be declared a staff filter (or this list must say why not)
    const staffish =
      /^(assignee|firstApprover|approver|actor|author|reviewer|decidedBy|override|updated|opened)(Id|By)$/;
    for (const [resource, spec] of Object.entries(READ_RESOURCES)) {
      const declared = Object.keys(spec.staffFilters ?? {});
      for (const field of Object.keys(spec.fields).filter((f) => staffish.test(f))) {
        expect(declared, `${resource}.${field}`).toContain(field);
      }
      for (const [key, staffIds] of Object.entries(spec.staffFilters ?? {})) {
        expect(staffIds(key === 'decided' ? { reviewerId: 'u9' } : 'u9'), `${resource}.${key}`).toEqual([
          'u9',
        ]);
      }
    }
    expect(Object.keys(READ_RESOURCES.refunds.staffFilters ?? {}).sort()).toEqual([
      'assigneeId',
      'decided',
      'firstApproverId',
    ]);
  });
});
