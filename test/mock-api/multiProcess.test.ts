// Part 9 item 5: several API processes on one database (SQLite file or PostgreSQL). Both work
// correctly with no in-process copy of the data: a request is claimed once, ids are never handed
// out twice, one process reads what the other wrote, and a second start that fails (its port in
// use) touches nothing, so nothing the running process confirmed is lost.
import { afterAll, describe, expect, it } from 'vitest';
import type { AuditEvent, RefundNote, RefundRequest } from '../../src/domain/model';
import {
  cleanUpChildren,
  client,
  kill,
  seededDatabase,
  startChild,
  tryStartChild,
} from '../support/apiProcesses';
import { apiClient, listQuery, openRouting } from './harness';

afterAll(cleanUpChildren);

const REVIEWERS = ['reviewer', 'reviewer2', 'reviewer3', 'reviewer4'];
/** the seed below has more claimable requests than the eight loops take */
const CLAIMS_EACH = 5;

describe('two API processes on one database', () => {
  it("never let one reviewer's parallel claim-next calls, split over both, pass their cap", async () => {
    const database = await seededDatabase(1500, 53);
    const [a, b] = await Promise.all([startChild(database), startChild(database)]);
    const admin = apiClient(a.url);
    const adminToken = await admin.login('admin');
    const created = await admin.call('POST', '/api/users', {
      token: adminToken,
      body: { username: 'capped', fullName: 'Capped', role: 'reviewer', password: 'long enough pass' },
    });
    const user = created.body as { id: string; version: number };
    const routed = await admin.call('POST', `/api/users/${user.id}/routing`, {
      token: adminToken,
      body: { version: user.version, languages: ['zh-CN', 'en'], skills: ['senior'], claimCap: 3 },
    });
    expect(routed.status).toBe(200);
    const apis = [apiClient(a.url), apiClient(b.url)];
    const tokens = await Promise.all(apis.map((api) => api.login('capped', 'long enough pass')));
    const replies = await Promise.all(
      Array.from({ length: 16 }, (_, n) =>
        apis[n % 2].call('POST', '/api/refunds/claim-next', { token: tokens[n % 2] }),
      ),
    );
    const statuses = replies.map((r) => r.status).sort();
    expect(statuses).toEqual([...Array<number>(3).fill(200), ...Array<number>(13).fill(409)]);
    for (const r of replies.filter((x) => x.status === 409)) {
      expect(r.body).toMatchObject({ code: 'claim_cap_reached', params: { held: 3, cap: 3 } });
    }
    const held = await admin.call(
      'GET',
      `/api/refunds${listQuery({ range: [0, 99], filter: { assigneeId: user.id } })}`,
      { token: await admin.login('supervisor') },
    );
    expect(held.body).toHaveLength(3);
    await Promise.all([kill(a), kill(b)]);
  });

  it('never give one request to two reviewers nor one id to two records, and read each other’s writes', async () => {
    const database = await seededDatabase(1500, 51);
    const [a, b] = await Promise.all([startChild(database), startChild(database)]);
    const apis = [client(a.url), client(b.url)];
    // this is about claims and ids across processes; the cap's own storm is below
    await openRouting(apiClient(a.url), REVIEWERS);
    const claims: { by: string; record: RefundRequest; via: number }[] = [];
    const loops: Promise<void>[] = [];
    for (const [via, api] of apis.entries()) {
      for (const name of REVIEWERS) {
        const token = await api.login(name);
        loops.push(
          (async () => {
            for (let i = 0; i < CLAIMS_EACH; i++) {
              const res = await api.call('POST', '/api/refunds/claim-next', token);
              if (res.status === 204) return;
              expect(res.status).toBe(200);
              claims.push({ by: name, record: res.body as RefundRequest, via });
            }
          })(),
        );
      }
    }
    await Promise.all(loops);
    expect(claims.length).toBe(2 * REVIEWERS.length * CLAIMS_EACH);
    const claimedIds = claims.map((c) => c.record.id);
    expect(new Set(claimedIds).size).toBe(claimedIds.length);

    // each process sees every claim, whichever process made it
    const supervisors = await Promise.all(apis.map((api) => api.login('supervisor')));
    for (const claim of claims.slice(0, 12)) {
      for (const [k, api] of apis.entries()) {
        const res = await api.call('GET', `/api/refunds/${claim.record.id}`, supervisors[k]);
        expect(res.body, claim.record.id).toEqual(claim.record);
      }
    }

    // notes written through both processes at once: distinct ids, each with its own audit event
    const target = claims[0].record.id;
    const written = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        apis[i % 2].call('POST', `/api/refunds/${target}/notes`, supervisors[i % 2], { text: `both ${i}` }),
      ),
    );
    for (const res of written) expect(res.status).toBe(201);
    const noteIds = written.map((res) => (res.body as RefundNote).id);
    expect(new Set(noteIds).size).toBe(noteIds.length);
    const events = await apis[1].call(
      'GET',
      `/api/events${listQuery({ range: [0, 999], filter: { refundId: target }, sort: ['at', 'ASC'] })}`,
      supervisors[1],
    );
    const audited = (events.body as AuditEvent[]).filter((e) => e.action === 'note_added');
    expect(audited.map((e) => e.details?.noteId).sort()).toEqual([...noteIds].sort());
    const eventIds = (events.body as AuditEvent[]).map((e) => e.id);
    expect(new Set(eventIds).size).toBe(eventIds.length);

    // both stop; a restart has every claim as it was confirmed
    await Promise.all([kill(a), kill(b)]);
    const c = await startChild(database);
    const again = client(c.url);
    const token = await again.login('supervisor');
    for (const claim of claims) {
      const res = await again.call('GET', `/api/refunds/${claim.record.id}`, token);
      expect(res.body, claim.record.id).toEqual(claim.record);
    }
    await kill(c);
  }, 120_000);

  it('a second start that fails (port in use) leaves the running process’s confirmed writes alone', async () => {
    const database = await seededDatabase(200, 52);
    const first = await startChild(database);
    const api = client(first.url);
    const token = await api.login('supervisor');
    const note = async (text: string) => {
      const res = await api.call('POST', '/api/refunds/r3/notes', token, { text });
      expect(res.status).toBe(201);
      return res.body as RefundNote;
    };
    const before = [await note('before the second start'), await note('still before')];
    const port = Number(new URL(first.url).port);
    const second = await tryStartChild(database, port);
    expect('url' in second).toBe(false);
    expect((second as { output: string }).output).toContain('EADDRINUSE');
    const after = [await note('after the failed start')];
    await kill(first);

    const restarted = await startChild(database);
    const again = client(restarted.url);
    const token2 = await again.login('supervisor');
    for (const n of [...before, ...after]) {
      const res = await again.call('GET', `/api/notes/${n.id}`, token2);
      expect(res.body, n.text).toEqual(n);
    }
    await kill(restarted);
  }, 60_000);
});
