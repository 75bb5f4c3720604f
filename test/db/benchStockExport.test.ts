// The bench's baseline (bench/stock.ts): the seeded requests exported from each engine to stock
// json-server's db.json come back field for field, and stock json-server 0.17 answers the list
// pages of the bench's mix, translated to its dialect (mix.ts toStockQuery), as the same question:
// the total and rows a plain filter over the requests gives. Its PATCH is written to the file.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { listMix, toStockQuery, type ListPage } from '../../bench/mix';
import { exportRefundsForStock, fileWritten, startStockJsonServer } from '../../bench/stock';
import { BenchClient } from '../../bench/lib/http';
import type { DatabaseTarget } from '../../mock-api/db/connect';
import { generateSeed } from '../../mock-api/seed/index';
import { writeSnapshot } from '../../mock-api/seed/writer';
import { compareIds } from '../../mock-api/simpleRest';
import type { RefundRequest } from '../../src/domain/model';
import { useBothEngines } from '../support/databases';

const NOW_MS = Date.parse('2026-11-25T12:00:00.000Z');
const snapshot = await generateSeed({ count: 150, seed: 5, nowMs: NOW_MS, withComplaints: true });
const byId = (a: { id: string }, b: { id: string }) => compareIds(a.id, b.id);
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'refund-desk-stock-export-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** Stock json-server's filter semantics, plainly: the value as text, any-of, inclusive bounds. */
function matches(record: RefundRequest, filter: ListPage['filter']): boolean {
  return Object.entries(filter).every(([key, wanted]) => {
    const bound = /^(.*)_(gte|lte)$/.exec(key);
    const value = (record as unknown as Record<string, unknown>)[bound ? bound[1] : key];
    if (value === null || value === undefined) return false;
    if (bound) return bound[2] === 'gte' ? String(wanted) <= String(value) : String(wanted) >= String(value);
    return (Array.isArray(wanted) ? wanted : [wanted]).some((one) => String(one) === String(value));
  });
}

describe('the export for stock json-server', () => {
  const dbs = useBothEngines('bench_stock_export');

  it.each(['sqlite', 'postgres'] as const)(
    'holds every request of %s as the API serves it',
    async (engine) => {
      // written as `npm run seed` writes it
      await writeSnapshot(dbs.handles[engine].db, snapshot);
      const target: DatabaseTarget =
        engine === 'sqlite' ? { engine, file: dbs.sqliteFile } : { engine, url: dbs.postgresUrl };
      const file = path.join(dir, engine, 'db.json');
      const exported = await exportRefundsForStock(target, file);

      const written = JSON.parse(fs.readFileSync(file, 'utf8')) as { refunds: RefundRequest[] };
      expect(Object.keys(written)).toEqual(['refunds']);
      expect(exported).toMatchObject({ refunds: snapshot.refunds.length, bytes: fs.statSync(file).size });
      expect([...written.refunds].sort(byId)).toEqual([...snapshot.refunds].sort(byId));
    },
  );

  it('is answered by stock json-server as the same list pages, and takes its PATCH', async () => {
    const file = path.join(dir, 'sqlite', 'db.json');
    const stock = await startStockJsonServer(file);
    const client = new BenchClient(stock.url, 2);
    try {
      const reviewers = ['u2', 'u3'];
      const mix = listMix(NOW_MS, (i) => reviewers[i % reviewers.length], true);
      let nonEmpty = 0;
      for (let i = 0; i < 12; i++) {
        const page = mix.query(i);
        const reply = await client.request('GET', `/refunds${toStockQuery(page)}`);
        expect(reply.status, mix.label(i)).toBe(200);
        const rows = JSON.parse(reply.text) as RefundRequest[];
        const expected = snapshot.refunds.filter((r) => matches(r, page.filter));
        expect(Number(reply.headers['x-total-count']), mix.label(i)).toBe(expected.length);
        const size = Math.max(0, Math.min(page.range[1] + 1, expected.length) - page.range[0]);
        expect(rows, mix.label(i)).toHaveLength(size);
        for (const row of rows) expect(matches(row, page.filter), `${mix.label(i)}: ${row.id}`).toBe(true);
        if (rows.length > 0) nonEmpty++;
      }
      // the pages asked for something: not all of them vacuously empty
      expect(nonEmpty).toBeGreaterThan(3);

      const target = snapshot.refunds.find((r) => r.status === 'pending')!;
      const before = fs.statSync(file).mtimeMs;
      const patch = await client.request('PATCH', `/refunds/${target.id}`, {
        body: { status: 'in_review', version: target.version + 1 },
      });
      expect(patch.status).toBe(200);
      // it answers first and writes the file after (lowdb's asynchronous adapter)
      expect(await fileWritten(file, before)).toBe(true);
      const saved = JSON.parse(fs.readFileSync(file, 'utf8')) as { refunds: RefundRequest[] };
      expect(saved.refunds.find((r) => r.id === target.id)).toMatchObject({
        status: 'in_review',
        version: target.version + 1,
      });
    } finally {
      client.close();
      await stock.stop();
    }
  });

  it('refuses a page stock json-server has no words for, rather than asking another question', () => {
    const page = (filter: ListPage['filter']): ListPage => ({
      filter,
      sort: ['slaDueAt', 'ASC'],
      range: [0, 24],
    });
    expect(() => toStockQuery(page({ slaState: ['breached'] }))).toThrow(/slaState/);
    expect(() => toStockQuery(page({ submittedAt_lt: '2026-11-01T00:00:00.000Z' }))).toThrow(
      /submittedAt_lt/,
    );
    expect(() => toStockQuery(page({ assigneeId: 'unassigned' }))).toThrow(/unassigned/);
    expect(toStockQuery(page({ status: ['pending', 'in_review'], tipping: true }))).toBe(
      '?status=pending&status=in_review&tipping=true&_sort=slaDueAt&_order=asc&_start=0&_end=25',
    );
  });
});
