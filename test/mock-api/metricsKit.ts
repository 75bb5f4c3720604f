// What the metrics tests share: every record of a resource as the API serves it, page by page.
import { expect } from 'vitest';
import { listQuery, type TestApi } from './harness';

export async function fetchAll<T>(api: TestApi, resource: string, token: string): Promise<T[]> {
  const rows: T[] = [];
  for (let start = 0; ; start += 1000) {
    const res = await api.call('GET', `/api/${resource}${listQuery({ range: [start, start + 999] })}`, {
      token,
    });
    expect(res.status, resource).toBe(200);
    const page = res.body as T[];
    rows.push(...page);
    const total = Number(res.headers.get('content-range')!.split('/')[1]);
    if (rows.length >= total || page.length === 0) return rows;
  }
}
