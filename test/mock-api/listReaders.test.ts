// The list reads off the event loop (listReaders.ts): on a large SQLite file (any size here) a worker
// thread with its own read-only connection answers them, and a list asked after a write was confirmed (2xx) shows that
// write, count included; the workers end with the server. On PostgreSQL the API's pool reads them.
import os from 'node:os';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../mock-api/db/schema';
import { ListReaders } from '../../mock-api/listReaders';
import type { RefundRequest } from '../../src/domain/model';
import { listQuery, startTestApi, type TestApi } from './harness';

describe('list reads', () => {
  let api: TestApi;
  let token: string;
  let reviewerId: string;
  beforeAll(async () => {
    api = await startTestApi({ count: 300, listWorkersFromBytes: 0 });
    token = await api.login('reviewer');
    const me = await api.call('GET', '/api/auth/me', { token });
    reviewerId = (me.body as { id: string }).id;
  });
  afterAll(async () => {
    await api?.close();
  });

  const ownQueue = async () => {
    const res = await api.call(
      'GET',
      `/api/refunds${listQuery({ filter: { assigneeId: reviewerId }, sort: ['id', 'ASC'], range: [0, 999] })}`,
      { token },
    );
    expect(res.status).toBe(200);
    const rows = res.body as RefundRequest[];
    const total = Number(/\/(\d+)$/.exec(res.headers.get('content-range') ?? '')?.[1]);
    return { ids: rows.map((r) => r.id), total };
  };

  it('shows each confirmed claim and release in the next list and its count', async () => {
    const pending = await api.call(
      'GET',
      `/api/refunds${listQuery({ filter: { status: 'pending', assigneeId: 'unassigned' }, sort: ['id', 'ASC'], range: [0, 5] })}`,
      { token },
    );
    const picked = pending.body as RefundRequest[];
    expect(picked.length).toBe(6);
    const before = await ownQueue();
    for (const [k, request] of picked.entries()) {
      const claimed = await api.call('POST', `/api/refunds/${request.id}/claim`, {
        token,
        body: { version: request.version },
      });
      expect(claimed.status).toBe(200);
      const afterClaim = await ownQueue();
      expect(afterClaim.ids).toContain(request.id);
      expect(afterClaim.total).toBe(before.total + 1 + Math.ceil(k / 2));
      if (k % 2 === 1) {
        const released = await api.call('POST', `/api/refunds/${request.id}/release`, {
          token,
          body: { version: (claimed.body as RefundRequest).version },
        });
        expect(released.status).toBe(200);
        const afterRelease = await ownQueue();
        expect(afterRelease.ids).not.toContain(request.id);
        expect(afterRelease.total).toBe(afterClaim.total - 1);
      }
    }
    const readers = api.server.ctx.listReaders;
    if (api.database.engine === 'sqlite') {
      // served by a worker thread, started once
      expect(readers.threads).toHaveLength(1);
      expect(readers.stats).toEqual([{ started: 1, retired: 0 }]);
    } else expect(readers.threads).toHaveLength(0);
  });

  it('refuses a bad filter as before, with its code', async () => {
    const res = await api.call('GET', `/api/refunds${listQuery({ filter: { paidFen_gte: 2.5 } })}`, {
      token,
    });
    expect(res.status).toBe(400);
    expect((res.body as { code: string }).code).toBeTruthy();
  });
});

describe('the list workers', () => {
  it('are not started for a database too small for a list to hold the loop long', async () => {
    const api = await startTestApi({ count: 30 });
    try {
      const token = await api.login('supervisor');
      expect((await api.call('GET', '/api/refunds', { token })).status).toBe(200);
      expect(api.server.ctx.listReaders.threads).toHaveLength(0);
      expect(api.server.ctx.listReaders.stats).toEqual([]);
    } finally {
      await api.close();
    }
  });

  it('end with the server, and refuse lists after it', async () => {
    const api = await startTestApi({ count: 30, listWorkersFromBytes: 0 });
    const token = await api.login('supervisor');
    expect((await api.call('GET', '/api/refunds', { token })).status).toBe(200);
    const readers = api.server.ctx.listReaders;
    const threads = readers.threads;
    const exits = threads.map((t) => new Promise<number>((resolve) => t.once('exit', resolve)));
    await api.close();
    await Promise.all(exits);
    expect(readers.threads).toHaveLength(0);
    const user = { id: 'u-supervisor', role: 'supervisor' as const, username: 'supervisor' };
    const question = {
      resource: 'refunds' as const,
      query: { sort: ['id', 'ASC'] as ['id', 'ASC'], range: [0, 9] as [number, number], filter: {} },
      nowMs: Date.now(),
      viewer: user,
    };
    if (api.database.engine === 'sqlite') await expect(readers.read(question)).rejects.toThrow(/closed/);
  });

  it('answer a worker that cannot open the database with its reason', async () => {
    const missing = {
      engine: 'sqlite' as const,
      file: path.join(os.tmpdir(), `refund-desk-missing-${process.pid}`, 'none.sqlite'),
    };
    const own = new Kysely<Database>({
      dialect: new SqliteDialect({ database: new BetterSqlite3(':memory:') }),
    });
    const readers = new ListReaders(missing, own, { fromBytes: 0 });
    try {
      const user = { id: 'u-supervisor', role: 'supervisor' as const, username: 'supervisor' };
      await expect(
        readers.read({
          resource: 'refunds',
          query: { sort: ['id', 'ASC'], range: [0, 9], filter: {} },
          nowMs: Date.now(),
          viewer: user,
        }),
      ).rejects.toThrow(/list worker failed: .*cannot open database/i);
    } finally {
      await readers.close();
      await own.destroy();
    }
  });
});
