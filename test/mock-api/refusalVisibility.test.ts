// A refusal never names a record its reader could not open (issue 13, item 8). A reviewer who may
// not read a complaint (it is about a request someone else decided) calls every operation of
// openapi.yaml with that complaint's id, its request's id and bodies that reach the refusals; the
// complaint's id is in no answer, body or header. Those who may read it are told which it is.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import YAML from 'yaml';
import type { Complaint, RefundRequest } from '../../src/domain/model';
import { listQuery, startTestApi, type TestApi } from './harness';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
type Reply = Awaited<ReturnType<TestApi['call']>>;

let api: TestApi;
const token: Record<string, string> = {};
let refund: RefundRequest;
let complaint: Complaint;

beforeAll(async () => {
  api = await startTestApi({ count: 600, seed: 31 });
  for (const name of ['reviewer', 'reviewer2', 'supervisor', 'manager']) token[name] = await api.login(name);
  // a rejected request that reviewer2 (u2) decided and the reviewer (u1) never held
  const res = await api.call(
    'GET',
    `/api/refunds${listQuery({ range: [0, 999], filter: { status: 'rejected', refundableFen_gte: 200 } })}`,
    { token: token.supervisor },
  );
  refund = (res.body as RefundRequest[]).find((r) => r.decision?.by === 'u2' && r.assigneeId !== 'u1')!;
  expect(refund, 'a rejected request decided by reviewer2').toBeDefined();
  const opened = await api.call('POST', '/api/complaints', {
    token: token.supervisor,
    body: { refundId: refund.id, channel: 'phone', category: 'disputes_rejection', description: '不服驳回' },
  });
  expect(opened.status, opened.text).toBe(201);
  complaint = opened.body as Complaint;
});
afterAll(() => api.close());

/** The complaint's id as a whole word ("cp12" must not match inside "cp123"). */
const mentions = (reply: Reply, id: string): string[] => {
  const word = new RegExp(`(^|[^A-Za-z0-9_-])${id}($|[^A-Za-z0-9_-])`);
  const found: string[] = [];
  if (word.test(reply.text)) found.push(`body: ${reply.text.slice(0, 300)}`);
  reply.headers.forEach((value, name) => {
    if (word.test(value)) found.push(`header ${name}: ${value}`);
  });
  return found;
};

const secondComplaint = () => ({
  refundId: refund.id,
  channel: 'in_app',
  category: 'other',
  description: 'again',
});

describe('a second complaint on a request', () => {
  it('is refused to a reviewer who may not read the open one without naming it', async () => {
    expect((await api.call('GET', `/api/complaints/${complaint.id}`, { token: token.reviewer })).status).toBe(
      404,
    );
    const res = await api.call('POST', '/api/complaints', { token: token.reviewer, body: secondComplaint() });
    expect(res.status, res.text).toBe(409);
    expect(res.body).toEqual({
      message: 'A complaint about this request is already open; a supervisor handles it.',
      code: 'complaint_already_open_hidden',
    });
    expect(mentions(res, complaint.id)).toEqual([]);
  });

  it('names it to those who may read it: the reviewer who decided the request, a supervisor', async () => {
    for (const who of ['reviewer2', 'supervisor']) {
      expect((await api.call('GET', `/api/complaints/${complaint.id}`, { token: token[who] })).status).toBe(
        200,
      );
      const res = await api.call('POST', '/api/complaints', { token: token[who], body: secondComplaint() });
      expect(res.status, res.text).toBe(409);
      expect(res.body).toMatchObject({ existingComplaintId: complaint.id });
      expect((res.body as { message: string }).message).toContain(complaint.id);
    }
  });
});

describe('the metrics', () => {
  it('count for a reviewer only the complaints they may read, as their list does', async () => {
    const from = new Date(Date.now() - 390 * 86_400_000).toISOString();
    const to = new Date(Date.now() + 86_400_000).toISOString();
    const opened = async (who: string) => {
      const metrics = await api.call('GET', `/api/metrics?from=${from}&to=${to}`, { token: token[who] });
      expect(metrics.status, metrics.text.slice(0, 200)).toBe(200);
      const listed = await api.call(
        'GET',
        `/api/complaints${listQuery({ range: [0, 0], filter: { openedAt_gte: from, openedAt_lt: to } })}`,
        { token: token[who] },
      );
      const total = Number(/\/(\d+)$/.exec(listed.headers.get('content-range') ?? '')?.[1]);
      return {
        counted: (metrics.body as { totals: { complaintsOpened: number } }).totals.complaintsOpened,
        total,
      };
    };
    // a manager's question about the reviewer first: its answer must not be reused for the reviewer
    const managerView = await api.call('GET', `/api/metrics?from=${from}&to=${to}&reviewerId=u1`, {
      token: token.manager,
    });
    expect(managerView.status).toBe(200);
    const mine = await opened('reviewer');
    const all = await opened('supervisor');
    expect(mine.counted).toBe(mine.total);
    expect(all.counted).toBe(all.total);
    expect(all.total).toBeGreaterThan(mine.total);
  });
});

describe('every operation, called by a reviewer who may not read the complaint', () => {
  it('never names the complaint, in the body or a header, nor answers differently than for no complaint', async () => {
    const doc = YAML.parse(fs.readFileSync(path.join(root, 'mock-api/openapi.yaml'), 'utf8')) as {
      paths: Record<string, Record<string, unknown>>;
    };
    const ids = { complaint: complaint.id, refund: refund.id };
    const NO_SUCH = 'cp999999';
    // filters and bodies that point at the complaint or its request
    const filters = [
      {},
      { id: ids.complaint },
      { refundId: ids.refund },
      { complaintId: ids.complaint },
      { q: ids.complaint },
    ];
    const bodies = [
      undefined,
      { version: refund.version },
      { version: complaint.version, refundId: ids.refund },
      { ...secondComplaint(), version: 1 },
      { complaintId: ids.complaint, refundId: ids.refund, version: refund.version, note: 'x' },
    ];
    const leaks: string[] = [];
    let calls = 0;
    const send = (method: string, route: string, body: unknown) =>
      api.call(method, route, { token: token.reviewer, body });
    for (const [template, operations] of Object.entries(doc.paths)) {
      if (template.startsWith('/api/auth') || template.startsWith('/api/test')) continue;
      // the event stream never ends: what a reviewer receives on it is liveStream.test.ts's check
      if (template === '/api/stream') continue;
      for (const method of Object.keys(operations).filter((m) => m !== 'parameters')) {
        const targets = template.includes('{id}')
          ? [ids.complaint, ids.refund].map((id) => template.replace('{id}', id))
          : [template];
        for (const target of targets) {
          const routes =
            method === 'get' && /^\/api\/(refunds|complaints|events|users|customers|orders)$/.test(template)
              ? filters.map((filter) => `${target}${listQuery({ range: [0, 999], filter })}`)
              : template === '/api/metrics'
                ? [`${target}?from=2020-01-01&to=2021-01-01`]
                : [target];
          for (const route of routes) {
            for (const body of method === 'get' || method === 'delete' ? [undefined] : bodies) {
              const verb = method.toUpperCase();
              const reply = await send(verb, route, body);
              calls++;
              const request = `${verb} ${route} ${JSON.stringify(body)}`;
              const asked =
                request.includes(ids.complaint) || decodeURIComponent(route).includes(ids.complaint);
              if (!asked) {
                for (const leak of mentions(reply, ids.complaint))
                  leaks.push(`${request} → ${reply.status} ${leak}`);
                continue;
              }
              // the caller sent the id: the answer may echo it, but must be the answer for no such complaint
              const swap = (text: string, from: string, to: string) => text.split(from).join(to);
              const twinRoute = swap(decodeURIComponent(route), ids.complaint, NO_SUCH);
              const twinBody =
                body === undefined
                  ? undefined
                  : JSON.parse(swap(JSON.stringify(body), ids.complaint, NO_SUCH));
              const twin = await send(verb, encodeURI(twinRoute).replace(/#/g, '%23'), twinBody);
              calls++;
              const seen = `${reply.status} ${swap(reply.text, ids.complaint, '<id>')}`;
              const none = `${twin.status} ${swap(twin.text, NO_SUCH, '<id>')}`;
              if (seen !== none)
                leaks.push(`${request} → ${seen.slice(0, 300)} (no such complaint: ${none.slice(0, 300)})`);
            }
          }
        }
      }
    }
    expect(calls).toBeGreaterThan(100);
    expect(leaks).toEqual([]);
  });
});
