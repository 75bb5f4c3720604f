// Part 7 item 1, on the database (part 9): the mock API as a real child process, killed with
// SIGKILL in the middle of a burst of writes, then restarted on the same database. Every write that
// was acknowledged (2xx) must survive with its audit event; each record's versions and events must
// still add up; the database must pass its integrity check. Runs on SQLite and, in the PostgreSQL
// run, on PostgreSQL (vitest.postgres.config.ts).
import BetterSqlite3 from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import type { AuditEvent, RefundNote, RefundRequest } from '../../src/domain/model';
import {
  cleanUpChildren,
  client,
  kill,
  seededDatabase,
  startChild,
  type Reply,
} from '../support/apiProcesses';
import { listQuery } from './harness';

afterAll(cleanUpChildren);

/** SQLite's own check of every page and index, on a read-only connection (nothing is changed). */
export function integrityCheck(file: string): string[] {
  const db = new BetterSqlite3(file, { readonly: true, fileMustExist: true });
  try {
    return (db.pragma('integrity_check') as { integrity_check: string }[]).map((r) => r.integrity_check);
  } finally {
    db.close();
  }
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

describe('a crash in the middle of a burst of writes', () => {
  it('keeps every acknowledged write and its audit event; the database passes its integrity check', async () => {
    const database = await seededDatabase(2500, 41);
    const { snapshot } = database;
    const baseVersion = new Map(snapshot.refunds.map((r) => [r.id, r.version]));
    const baseEvents = new Map<string, number>();
    for (const e of snapshot.events) {
      // notes step no version: counted apart below
      if (e.action !== 'note_added') baseEvents.set(e.refundId, (baseEvents.get(e.refundId) ?? 0) + 1);
    }
    const noteTargets = snapshot.refunds.filter((r) => r.status === 'rejected').map((r) => r.id);

    const first = await startChild(database);
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

    // the database as the crash left it (SQLite: the file and its write-ahead log) is whole
    if (database.target.engine === 'sqlite') expect(integrityCheck(database.target.file)).toEqual(['ok']);

    // restart on the same database
    const second = await startChild(database);
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

    await kill(second);
  }, 60_000);
});
