// Part 7 item 1: the mock API as a real child process, killed with SIGKILL in the middle of a burst
// of writes, then restarted on the same database. Every write that was acknowledged (2xx) must
// survive with its audit event; each record's versions and events must still add up; the files
// must parse; and a torn last journal line must be dropped without losing the lines before it.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { seedDatabase } from '../../mock-api/seed';
import type { AuditEvent, RefundNote, RefundRequest } from '../../src/domain/model';
import { listQuery } from './harness';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const TSX = path.join(ROOT, 'node_modules', '.bin', 'tsx');

const dirs: string[] = [];
const children = new Set<ChildProcess>();

afterAll(() => {
  for (const child of children) killGroup(child);
  for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
});

function tempDb(count: number, seed: number) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'refund-desk-durability-'));
  dirs.push(dir);
  const dbFile = path.join(dir, 'db.json');
  const snapshot = seedDatabase(dbFile, { count, seed, nowMs: Date.now() });
  return { dbFile, snapshot };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

interface Child {
  process: ChildProcess;
  url: string;
  exited: Promise<void>;
  output: () => string;
}

/** `tsx mock-api/server.ts` in its own process group, so SIGKILL reaches tsx's node child too. */
async function startChild(dbFile: string): Promise<Child> {
  // the free port can be taken by another test's server before the child binds it: try another
  for (let attempt = 1; ; attempt++) {
    const started = await tryStartChild(dbFile);
    if ('url' in started) return started;
    if (!started.output.includes('EADDRINUSE') || attempt === 3) {
      throw new Error(`the server exited while starting: ${started.output}`);
    }
  }
}

async function tryStartChild(dbFile: string): Promise<Child | { output: string }> {
  const port = await freePort();
  const child = spawn(TSX, ['mock-api/server.ts'], {
    cwd: ROOT,
    env: { ...process.env, DB_FILE: dbFile, API_PORT: String(port), SWEEP_INTERVAL_MS: '3600000' },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  children.add(child);
  let output = '';
  child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 20_000;
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) {
      await exited;
      children.delete(child);
      return { output };
    }
    try {
      const res = await fetch(`${url}/api/health`);
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`the server did not start: ${output}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  return { process: child, url, exited, output: () => output };
}

function killGroup(child: ChildProcess) {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  try {
    process.kill(-child.pid, 'SIGKILL');
  } catch {
    // already gone
  }
}

async function kill(child: Child) {
  killGroup(child.process);
  await child.exited;
  children.delete(child.process);
}

type Reply = { status: number; body: unknown };

function client(url: string) {
  const call = async (method: string, route: string, token?: string, body?: unknown): Promise<Reply> => {
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (token) headers.authorization = `Bearer ${token}`;
    const res = await fetch(url + route, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(10_000),
    });
    const text = await res.text();
    return { status: res.status, body: text ? (JSON.parse(text) as unknown) : undefined };
  };
  const login = async (username: string) => {
    const res = await call('POST', '/api/auth/login', undefined, { username, password: 'password' });
    if (res.status !== 200) throw new Error(`login ${username}: ${res.status}`);
    return (res.body as { token: string }).token;
  };
  return { call, login };
}

/** An acknowledged write: what the server answered, and the audit action it must have written. */
interface Ack {
  id: string;
  action: string;
  record: RefundRequest;
}

async function allEvents(call: ReturnType<typeof client>['call'], token: string, refundId: string) {
  const res = await call(
    'GET',
    `/api/events${listQuery({ range: [0, 999], filter: { refundId }, sort: ['at', 'ASC'] })}`,
    token,
  );
  expect(res.status).toBe(200);
  return res.body as AuditEvent[];
}

async function notesOf(call: ReturnType<typeof client>['call'], token: string, refundId: string) {
  const res = await call(
    'GET',
    `/api/notes${listQuery({ range: [0, 999], filter: { refundId }, sort: ['at', 'ASC'] })}`,
    token,
  );
  expect(res.status).toBe(200);
  return res.body as RefundNote[];
}

describe('a crash in the middle of a burst of writes', () => {
  it('keeps every acknowledged write and its audit event; the files parse', async () => {
    const { dbFile, snapshot } = tempDb(2500, 41);
    const baseVersion = new Map(snapshot.refunds.map((r) => [r.id, r.version]));
    const baseEvents = new Map<string, number>();
    for (const e of snapshot.events) {
      // notes step no version: counted apart below
      if (e.action !== 'note_added') baseEvents.set(e.refundId, (baseEvents.get(e.refundId) ?? 0) + 1);
    }
    const noteTargets = snapshot.refunds.filter((r) => r.status === 'rejected').map((r) => r.id);

    const first = await startChild(dbFile);
    const api = client(first.url);
    const reviewers = ['reviewer', 'reviewer2', 'reviewer3', 'reviewer4'];
    const tokens = new Map<string, string>();
    for (const name of [...reviewers, 'supervisor']) tokens.set(name, await api.login(name));

    const acks: Ack[] = [];
    const noteAcks: RefundNote[] = [];
    const PLANNED = 500;
    const KILL_AFTER = 250;
    let sent = 0;
    let killing: Promise<void> | null = null;
    const acknowledged = () => acks.length + noteAcks.length;
    const acknowledge = (action: string, res: Reply) => {
      if (res.status < 200 || res.status > 299) return;
      const record = res.body as RefundRequest;
      acks.push({ id: record.id, action, record });
      if (acknowledged() >= KILL_AFTER && !killing) killing = kill(first);
    };
    const acknowledgeNote = (res: Reply) => {
      if (res.status !== 201) return;
      noteAcks.push(res.body as RefundNote);
      if (acknowledged() >= KILL_AFTER && !killing) killing = kill(first);
    };

    // a reviewer: claim the next request, then decide it (approve, reject or ask for information)
    const reviewerLoop = async (name: string) => {
      const token = tokens.get(name)!;
      for (let i = 0; sent < PLANNED; i++) {
        sent++;
        const claimed = await api.call('POST', '/api/refunds/claim-next', token);
        acknowledge('claim', claimed);
        if (claimed.status !== 200) return;
        const r = claimed.body as RefundRequest;
        const decision = ['approve', 'reject', 'request-info'][i % 3];
        const body =
          decision === 'approve'
            ? { version: r.version, customerMessage: 'Approved.', againstSuggestionReason: 'Burst test.' }
            : decision === 'reject'
              ? {
                  version: r.version,
                  reasonCode: 'suspected_fraud',
                  customerMessage: 'Rejected.',
                  againstSuggestionReason: 'Burst test.',
                }
              : {
                  version: r.version,
                  missingItems: ['payment_proof'],
                  customerMessage: 'Send the receipt.',
                  againstSuggestionReason: 'Burst test.',
                };
        sent++;
        let res = await api.call('POST', `/api/refunds/${r.id}/${decision}`, token, body);
        if (res.status === 422 && decision === 'approve') {
          // blocked by the policy or nothing refundable: reject instead
          sent++;
          res = await api.call('POST', `/api/refunds/${r.id}/reject`, token, {
            version: r.version,
            reasonCode: 'outside_window',
            customerMessage: 'Rejected.',
            againstSuggestionReason: 'Burst test.',
          });
          acknowledge('reject', res);
        } else {
          acknowledge(decision === 'request-info' ? 'request_info' : decision, res);
        }
      }
    };
    // a supervisor writing internal notes on decided requests
    const noteLoop = async () => {
      const token = tokens.get('supervisor')!;
      for (let i = 0; sent < PLANNED; i++) {
        sent++;
        const id = noteTargets[i % noteTargets.length];
        acknowledgeNote(await api.call('POST', `/api/refunds/${id}/notes`, token, { text: `burst ${i}` }));
      }
    };
    const stopOnCrash = (loop: Promise<void>) => loop.catch(() => undefined);
    await Promise.all([...reviewers.map((n) => stopOnCrash(reviewerLoop(n))), stopOnCrash(noteLoop())]);
    if (!killing) killing = kill(first);
    await killing;
    expect(acknowledged()).toBeGreaterThanOrEqual(KILL_AFTER);
    expect(acknowledged()).toBeLessThan(PLANNED);

    // the files as the crash left them: a snapshot that parses, a journal of whole lines (but maybe the last)
    expect(() => JSON.parse(fs.readFileSync(dbFile, 'utf8'))).not.toThrow();
    const lines = fs.readFileSync(`${dbFile}.journal`, 'utf8').split('\n');
    const whole = lines.slice(0, -1);
    for (const line of whole) expect(() => JSON.parse(line)).not.toThrow();
    expect(whole.length).toBeGreaterThanOrEqual(acknowledged());

    // restart on the same database
    const second = await startChild(dbFile);
    const again = client(second.url);
    const token = await again.login('supervisor');
    const touched = [...new Set(acks.map((a) => a.id))];
    const finals = new Map<string, RefundRequest>();
    const events = new Map<string, AuditEvent[]>();
    for (const id of touched) {
      const res = await again.call('GET', `/api/refunds/${id}`, token);
      expect(res.status).toBe(200);
      finals.set(id, res.body as RefundRequest);
      events.set(id, await allEvents(again.call, token, id));
    }

    for (const ack of acks) {
      const label = `${ack.action} on ${ack.id} at version ${ack.record.version}`;
      const final = finals.get(ack.id)!;
      expect(final.version, label).toBeGreaterThanOrEqual(ack.record.version);
      // its audit event: same request, same action, same instant as the acknowledged record
      const event = events.get(ack.id)!.find((e) => e.action === ack.action && e.at === ack.record.updatedAt);
      expect(event, label).toBeDefined();
    }
    for (const id of touched) {
      const final = finals.get(id)!;
      const mine = acks.filter((a) => a.id === id);
      const last = mine.reduce((a, b) => (b.record.version > a.record.version ? b : a));
      if (final.version === last.record.version) {
        for (const key of ['status', 'assigneeId', 'approvedFen', 'decision', 'updatedAt'] as const) {
          expect(final[key], `${id}.${key}`).toEqual(last.record[key]);
        }
      }
      // gap-free: every version step since the seed has exactly one audit event, and none is missing
      // (notes are audited too but step no version)
      const notesAdded = events.get(id)!.filter((e) => e.action === 'note_added').length;
      const added = events.get(id)!.length - (baseEvents.get(id) ?? 0) - notesAdded;
      expect(added, id).toBe(final.version - baseVersion.get(id)!);
      expect(added, id).toBeGreaterThanOrEqual(mine.length);
    }

    // every acknowledged note is there, with its audit event
    for (const note of noteAcks) {
      const res = await again.call('GET', `/api/notes/${note.id}`, token);
      expect(res.body, note.id).toEqual(note);
    }
    const noteEvents = new Map<string, AuditEvent[]>();
    for (const refundId of new Set(noteAcks.map((n) => n.refundId))) {
      noteEvents.set(refundId, await allEvents(again.call, token, refundId));
    }
    for (const note of noteAcks) {
      const audited = noteEvents.get(note.refundId)!.filter((e) => e.details?.noteId === note.id);
      expect(audited, note.id).toHaveLength(1);
    }

    // start-up folded the journal into a fresh snapshot that parses and holds the same data
    const compacted = JSON.parse(fs.readFileSync(dbFile, 'utf8')) as { refunds: RefundRequest[] };
    const onDisk = new Map(compacted.refunds.map((r) => [r.id, r]));
    for (const id of touched) expect(onDisk.get(id), id).toEqual(finals.get(id));
    expect(fs.readFileSync(`${dbFile}.journal`, 'utf8')).toBe('');
    await kill(second);
  }, 60_000);
});

describe('a torn last journal line', () => {
  it('is dropped on restart; the lines before it are kept', async () => {
    const { dbFile } = tempDb(300, 43);
    const first = await startChild(dbFile);
    const api = client(first.url);
    const token = await api.login('supervisor');
    const ids = ['r1', 'r2', 'r3', 'r4', 'r5'];
    const written = new Map<string, RefundRequest>();
    // the seed's own notes on these requests (a few have some)
    const seeded = new Map<string, string[]>();
    for (const id of [...ids, 'r6'])
      seeded.set(
        id,
        (await notesOf(api.call, token, id)).map((n) => n.text),
      );
    for (const id of ids) {
      written.set(id, (await api.call('GET', `/api/refunds/${id}`, token)).body as RefundRequest);
      const res = await api.call('POST', `/api/refunds/${id}/notes`, token, { text: `kept ${id}` });
      expect(res.status).toBe(201);
    }
    await kill(first);

    const journal = `${dbFile}.journal`;
    const lines = fs.readFileSync(journal, 'utf8').split('\n').filter(Boolean);
    expect(lines).toHaveLength(ids.length);
    // the crash: a write of one more change (r6's note) cut off halfway, with no newline
    const last = JSON.parse(lines[lines.length - 1]) as { changes: { c: string; v: { id: string } }[] };
    const torn = JSON.stringify({
      ...last,
      changes: last.changes.map((ch) =>
        ch.c === 'notes' ? { c: 'notes', v: { ...ch.v, id: 'n999999', refundId: 'r6', text: 'TORN' } } : ch,
      ),
    });
    fs.appendFileSync(journal, torn.slice(0, Math.floor(torn.length / 2)));

    const second = await startChild(dbFile);
    const again = client(second.url);
    const token2 = await again.login('supervisor');
    for (const id of ids) {
      const res = await again.call('GET', `/api/refunds/${id}`, token2);
      expect(res.body, id).toEqual(written.get(id));
      const texts = [...seeded.get(id)!, `kept ${id}`];
      expect(
        (await notesOf(again.call, token2, id)).map((n) => n.text),
        id,
      ).toEqual(texts);
      const added = (await allEvents(again.call, token2, id)).filter((e) => e.action === 'note_added');
      expect(
        added.map((e) => e.note),
        id,
      ).toEqual(texts);
    }
    expect((await notesOf(again.call, token2, 'r6')).map((n) => n.text)).toEqual(seeded.get('r6'));
    // folded into the snapshot; the journal starts empty and takes new writes
    expect(fs.readFileSync(journal, 'utf8')).toBe('');
    expect(() => JSON.parse(fs.readFileSync(dbFile, 'utf8'))).not.toThrow();
    const after = await again.call('POST', '/api/refunds/r6/notes', token2, { text: 'after restart' });
    expect(after.status).toBe(201);
    await kill(second);

    // and that write survives the next crash too
    const third = await startChild(dbFile);
    const token3 = await client(third.url).login('supervisor');
    const r6again = await notesOf(client(third.url).call, token3, 'r6');
    expect(r6again.map((n) => n.text)).toEqual([...seeded.get('r6')!, 'after restart']);
    await kill(third);
  }, 60_000);
});
