// The contract suite (test/contract/contract.test.ts registers the parts in order), this part:
// live updates — the change stream (opened, its headers and first event read, then closed: the
// body never ends), who is viewing a record, and the bell's notifications.
import { describe, expect, it } from 'vitest';
import { call, coverage, picked, target, tokens } from '../contractClient';

type Viewers = { viewers: { userId: string }[] };

export function describeLive(): void {
  describe('live updates', () => {
    it('opens the change stream (getStream) and refuses it without a token', async () => {
      const abort = new AbortController();
      const res = await fetch(`${target.baseUrl}/api/stream`, {
        headers: { authorization: `Bearer ${tokens.supervisor!}` },
        signal: abort.signal,
      });
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type') ?? '').toMatch(/^text\/event-stream/);
      const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
      let text = '';
      while (!/event: (ready|reset)/.test(text)) {
        const { value, done } = await reader.read();
        if (done) break;
        text += value;
      }
      abort.abort();
      expect(text).toMatch(/event: ready/);
      const record = coverage.get('getStream') ?? { valid: [], invalid: [] };
      record.valid.push(res.status);
      coverage.set('getStream', record);
      await call('getStream', { as: null, kind: 'invalid', expect: 401 });
    });

    it('keeps who is viewing a request (postPresence, getPresence)', async () => {
      const id = picked.p1?.id;
      expect(id, 'a request picked by the earlier parts').toBeDefined();
      const beat = await call('postPresence', {
        as: 'reviewer',
        kind: 'valid',
        body: { resource: 'refunds', id },
      });
      expect((beat.body as Viewers).viewers.length).toBeGreaterThan(0);
      const listed = await call('getPresence', {
        as: 'supervisor',
        kind: 'valid',
        query: { resource: 'refunds', id },
      });
      expect((listed.body as Viewers).viewers.length).toBeGreaterThan(0);
      await call('postPresence', {
        as: 'reviewer',
        kind: 'valid',
        body: { resource: 'refunds', id, leaving: true },
      });
      await call('postPresence', {
        as: 'reviewer',
        kind: 'invalid',
        body: { resource: 'orders', id },
        schemaInvalid: true,
        expect: 422,
      });
      await call('postPresence', {
        as: null,
        kind: 'invalid',
        body: { resource: 'refunds', id },
        expect: 401,
      });
      await call('getPresence', {
        as: 'reviewer',
        kind: 'invalid',
        query: { resource: 'refunds', id: 'r999999999' },
        expect: 404,
      });
    });

    it('lists my notifications and marks them read (listNotifications, readNotification, readAllNotifications)', async () => {
      const list = await call('listNotifications', {
        as: 'supervisor',
        kind: 'valid',
        query: { range: [0, 24], sort: ['createdAt', 'DESC'], filter: { unread: true } },
      });
      expect(list.headers.get('x-unread-count')).toMatch(/^\d+$/);
      await call('listNotifications', {
        as: 'supervisor',
        kind: 'invalid',
        query: { filter: { nope: 1 } },
        expect: 400,
      });
      await call('listNotifications', { as: null, kind: 'invalid', expect: 401 });
      const first = (list.body as { id: string }[])[0];
      if (first) await call('readNotification', { as: 'supervisor', kind: 'valid', id: first.id });
      // another's notification is no more found than an unknown one
      await call('readNotification', {
        as: 'reviewer',
        kind: 'invalid',
        id: first?.id ?? 'nt0',
        expect: 404,
      });
      await call('readAllNotifications', { as: 'supervisor', kind: 'valid' });
      await call('readAllNotifications', { as: null, kind: 'invalid', expect: 401 });
    });
  });
}
