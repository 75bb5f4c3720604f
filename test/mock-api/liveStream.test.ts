// Live updates (GET /api/stream, /api/presence) over real HTTP, on the run's engine: a change made
// through one API process reaches a stream on another process on the same database, a reconnect
// with Last-Event-ID is replayed (or told to reset when too far behind), a reviewer receives only
// what they may read, and "who is viewing" is shared through the database with its TTL.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../mock-api/server';
import type { Complaint, RefundRequest } from '../../src/domain/model';
import {
  apiClient,
  listQuery,
  openRouting,
  startSecondApi,
  startTestApi,
  type ApiClient,
  type TestApi,
} from './harness';
import { openStream, type OpenStream, type StreamEvent } from './liveKit';

let api: TestApi;
let second: RunningServer;
let other: ApiClient;
const streams: OpenStream[] = [];

beforeAll(async () => {
  api = await startTestApi({ count: 200, seed: 23, withComplaints: true });
  // the stream is the subject, not routing: any reviewer may claim any request here
  await openRouting(api, ['reviewer', 'reviewer2', 'reviewer3', 'reviewer4']);
  // a second API process on the same database: its own connection, its own feed
  second = await startSecondApi(api);
  other = apiClient(`http://127.0.0.1:${second.port}`);
});

afterAll(async () => {
  for (const s of streams) s.close();
  await second?.close();
  await api?.close();
});

async function stream(url: string, username: string, lastEventId?: string) {
  const s = await openStream(url, await api.login(username), lastEventId);
  streams.push(s);
  return s;
}

async function claimable(): Promise<RefundRequest> {
  const rows = await api.get<RefundRequest[]>(
    `/api/refunds${listQuery({ range: [0, 0], filter: { status: 'pending', assigneeId: 'unassigned' }, sort: ['id', 'DESC'] })}`,
  );
  return rows[0];
}

async function claim(username: string): Promise<RefundRequest> {
  const request = await claimable();
  const res = await api.call('POST', `/api/refunds/${request.id}/claim`, {
    token: await api.login(username),
    body: { version: request.version },
  });
  expect(res.status, res.text).toBe(200);
  return res.body as RefundRequest;
}

const isReady = (e: StreamEvent) => e.event === 'ready';

describe('GET /api/stream', () => {
  it('refuses without a token, and an admin', async () => {
    const res = await fetch(`${api.url}/api/stream`);
    expect(res.status).toBe(401);
    expect(((await res.json()) as { code: string }).code).toBe('sign_in_required');
    const admin = await openStream(api.url, await api.login('admin'));
    expect(admin.status).toBe(403);
  });

  it('delivers a change made through another process by another user, with who made it', async () => {
    const watching = await stream(other.url, 'supervisor');
    expect(watching.status).toBe(200);
    expect(watching.contentType).toMatch(/^text\/event-stream/);
    await watching.waitFor(isReady);
    const claimed = await claim('reviewer');
    const seen = await watching.waitFor(
      (e) => e.event === 'refund.changed' && (e.data as { id: string }).id === claimed.id,
      3_000,
    );
    expect(seen.data).toMatchObject({
      id: claimed.id,
      version: claimed.version,
      status: claimed.status,
      assigneeId: claimed.assigneeId,
      action: 'claim',
      actorName: '李娜 Li Na',
    });
    expect(Number(seen.id)).toBeGreaterThan(0);
  });

  it('replays what a reconnect missed after its Last-Event-ID, then says it is ready', async () => {
    const first = await stream(api.url, 'supervisor');
    const ready = await first.waitFor(isReady);
    first.close();
    const a = await claim('reviewer2');
    const b = await claim('reviewer3');
    const again = await stream(other.url, 'supervisor', ready.id);
    const back = await again.waitFor(isReady);
    const replayed = again.events
      .filter((e) => e.event === 'refund.changed')
      .map((e) => (e.data as { id: string }).id);
    expect(replayed).toEqual([a.id, b.id]);
    expect(Number(back.id)).toBeGreaterThan(Number(ready.id));
  });

  it('sends reset when the Last-Event-ID is too old, not a stream id, or ahead of the database', async () => {
    for (const id of ['0', 'e12', '999999999']) {
      const s = await stream(api.url, 'supervisor', id);
      const reset = await s.waitFor((e) => e.event === 'reset' || e.event === 'ready');
      expect(reset.event, id).toBe('reset');
      s.close();
    }
  });

  it('gives a reviewer no change to a complaint they may not read', async () => {
    const supervisorToken = await api.login('supervisor');
    const all = await api.get<Complaint[]>(`/api/complaints${listQuery({ range: [0, 199] })}`);
    const mine = new Set(
      (await api.get<Complaint[]>(`/api/complaints${listQuery({ range: [0, 199] })}`, 'reviewer')).map(
        (c) => c.id,
      ),
    );
    const hidden = all.find((c) => !mine.has(c.id));
    expect(hidden).toBeDefined();
    const reviewer = await stream(api.url, 'reviewer');
    const supervisor = await stream(other.url, 'supervisor');
    await Promise.all([reviewer.waitFor(isReady), supervisor.waitFor(isReady)]);
    const noted = await api.call('POST', `/api/complaints/${hidden!.id}/note`, {
      token: supervisorToken,
      body: { text: 'live check' },
    });
    expect(noted.status, noted.text).toBe(200);
    const complaintChange = (e: StreamEvent) =>
      e.event === 'complaint.changed' && (e.data as { id: string }).id === hidden!.id;
    await supervisor.waitFor(complaintChange);
    // a later change the reviewer may read arrives, and the complaint's never did
    const later = await claim('reviewer4');
    await reviewer.waitFor((e) => (e.data as { id?: string }).id === later.id);
    expect(reviewer.events.some(complaintChange)).toBe(false);
  });

  it('sends a heartbeat comment', async () => {
    // the interval is long; the connected comment proves the stream is written at once
    const res = await fetch(`${api.url}/api/stream`, {
      headers: { authorization: `Bearer ${await api.login('manager')}` },
    });
    const reader = res.body!.getReader();
    const { value } = await reader.read();
    expect(new TextDecoder().decode(value)).toContain(': connected');
    await reader.cancel();
  });
});

describe('/api/presence', () => {
  it('lists who is viewing through any process, drops a viewer after the TTL, and hides unreadable records', async () => {
    const request = await claimable();
    const post = async (client: ApiClient, username: string, body: unknown) =>
      client.call('POST', '/api/presence', { token: await api.login(username), body });
    expect((await post(api, 'reviewer', { resource: 'refunds', id: request.id })).status).toBe(200);
    const both = await post(other, 'supervisor', { resource: 'refunds', id: request.id });
    expect(both.status).toBe(200);
    const names = (both.body as { viewers: { fullName: string }[] }).viewers.map((v) => v.fullName);
    expect(names.sort()).toEqual(['李娜 Li Na', '陈静 Chen Jing'].sort());
    const left = await post(api, 'reviewer', { resource: 'refunds', id: request.id, leaving: true });
    expect((left.body as { viewers: unknown[] }).viewers).toHaveLength(1);

    await api.call('POST', '/api/test/advance-clock', {
      token: await api.login('supervisor'),
      body: { ms: 31_000 },
    });
    const listed = await api.call('GET', `/api/presence?resource=refunds&id=${request.id}`, {
      token: await api.login('manager'),
    });
    expect(listed.status).toBe(200);
    expect((listed.body as { viewers: unknown[] }).viewers).toEqual([]);

    // a complaint's viewers, the same way
    const complaint = (await api.get<Complaint[]>(`/api/complaints${listQuery({ range: [0, 0] })}`))[0];
    await post(api, 'manager', { resource: 'complaints', id: complaint.id });
    const onComplaint = await api.call('GET', `/api/presence?resource=complaints&id=${complaint.id}`, {
      token: await api.login('supervisor'),
    });
    expect((onComplaint.body as { viewers: { fullName: string }[] }).viewers.map((v) => v.fullName)).toEqual([
      '张伟 Zhang Wei',
    ]);

    const bad = await post(api, 'reviewer', { resource: 'orders', id: 'o1' });
    expect(bad.status).toBe(422);
    expect((bad.body as { code: string }).code).toBe('presence_body');
    const missing = await post(api, 'reviewer', { resource: 'refunds', id: 'r999999' });
    expect(missing.status).toBe(404);
  });
});
