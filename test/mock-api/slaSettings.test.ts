// Issue 17 item 1 over real HTTP, on SQLite and (vitest.postgres.config.ts) PostgreSQL: the SLA
// calendar and targets are read by everyone, changed by admins only (validated, versioned, every
// save kept with who made it), and a request submitted after a change is due in that calendar's
// working time: Friday 17:00 in Shanghai with a 9-working-hour target is due on Monday 17:00.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RefundRequest } from '../../src/domain/model';
import { DEFAULT_SLA_SETTINGS, type SlaSettings } from '../../src/domain/slaSettings';
import { startTestApi, type TestApi } from './harness';
import { freshKey, intakeFor, platformCall, platformKey, requestsIn } from './platformKit';

type Who = 'admin' | 'reviewer' | 'supervisor';
type Stored = SlaSettings & { version: number; updatedBy: string | null };
let api: TestApi;
const token = {} as Record<Who, string>;
const userId = {} as Record<Who, string>;

beforeAll(async () => {
  api = await startTestApi({ count: 300, seed: 21 });
  await api.signInStaff(['admin', 'reviewer', 'supervisor'] as const, { token, userId });
});
afterAll(() => api.close());

const office: [string, string][] = [['09:00', '18:00']];
const shanghaiOffice: SlaSettings = {
  timeZone: 'Asia/Shanghai',
  hours: { mon: office, tue: office, wed: office, thu: office, fri: office, sat: [], sun: [] },
  holidays: ['2027-01-01'],
  targets: { firstReviewHours: 9, secondApprovalHours: 4, complaintHours: 18, bySegment: [] },
};

const put = (who: Who, body: unknown, lang = 'en') =>
  api.call('PUT', '/api/settings/sla', { token: token[who], body, headers: { 'accept-language': lang } });

describe('GET/PUT /api/settings/sla', () => {
  it('starts at the 24 × 7 defaults, readable by every role', async () => {
    const res = await api.call('GET', '/api/settings/sla', { token: token.reviewer });
    expect(res.status, res.text).toBe(200);
    const {
      version,
      updatedAt: _at,
      updatedBy: _by,
      ...settings
    } = res.body as Stored & { updatedAt: string };
    expect(version).toBe(0);
    expect(settings).toEqual(DEFAULT_SLA_SETTINGS);
  });

  it('refuses a change from anyone but an admin', async () => {
    const res = await put('supervisor', { ...shanghaiOffice, version: 0 });
    expect(res.status).toBe(403);
    expect(res.body).toMatchObject({ code: 'role_may_not' });
  });

  it('refuses a calendar that cannot be right, field by field, in the caller’s language', async () => {
    const bad = {
      ...shanghaiOffice,
      timeZone: 'Mars/Olympus',
      hours: {
        ...shanghaiOffice.hours,
        mon: [
          ['09:00', '12:00'],
          ['11:00', '18:00'],
        ],
      },
      holidays: ['2026-02-30'],
      version: 0,
    };
    const en = await put('admin', bad);
    expect(en.status).toBe(422);
    const fields = (en.body as { fieldErrors: Record<string, { code: string }> }).fieldErrors;
    expect(fields.timeZone?.code).toBe('sla_time_zone_unknown');
    expect(fields['hours.mon']?.code).toBe('sla_spans_overlap');
    expect(fields['holidays.0']?.code).toBe('sla_holiday_invalid');
    const zh = await put('admin', bad, 'zh-CN');
    expect(zh.status).toBe(422);
    expect((zh.body as { message: string }).message).toMatch(/时区/);
    const none = await put('admin', {
      ...shanghaiOffice,
      hours: { mon: [], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [] },
      version: 0,
    });
    expect(none.status).toBe(422);
    expect(JSON.stringify(none.body)).toContain('sla_no_working_time');
    const after = await api.call('GET', '/api/settings/sla', { token: token.admin });
    expect((after.body as Stored).version).toBe(0);
  });

  it('saves over the version read, refuses a stale one, and keeps every save with who made it', async () => {
    const saved = await put('admin', { ...shanghaiOffice, version: 0 });
    expect(saved.status, saved.text).toBe(200);
    expect(saved.body).toMatchObject({ ...shanghaiOffice, version: 1, updatedBy: userId.admin });
    const stale = await put('admin', { ...shanghaiOffice, holidays: [], version: 0 }, 'zh-CN');
    expect(stale.status).toBe(409);
    expect(stale.body).toMatchObject({ code: 'sla_settings_changed', params: { version: 1 } });
    expect((stale.body as { message: string }).message).toMatch(/SLA 设置/);
    const changes = await api.call('GET', '/api/settings/sla/changes', { token: token.admin });
    expect(changes.status).toBe(200);
    expect(changes.body).toEqual([
      expect.objectContaining({ version: 1, settings: shanghaiOffice, changedBy: userId.admin }),
    ]);
    const byReviewer = await api.call('GET', '/api/settings/sla/changes', { token: token.reviewer });
    expect(byReviewer.status).toBe(403);
  });

  it('counts a new request’s due time in the saved calendar: Friday 17:00 + 9 working hours is Monday 17:00', async () => {
    // move the API's clock to the next Friday 17:00 in Shanghai (09:00 UTC)
    const health = await api.call('GET', '/api/health');
    const now = Date.parse((health.body as { now: string }).now);
    let friday = Date.UTC(
      new Date(now).getUTCFullYear(),
      new Date(now).getUTCMonth(),
      new Date(now).getUTCDate(),
      9,
    );
    while (new Date(friday).getUTCDay() !== 5 || friday <= now) friday += 86_400_000;
    const moved = await api.call('POST', '/api/test/advance-clock', {
      token: token.supervisor,
      body: { ms: friday - now },
    });
    expect(moved.status, moved.text).toBe(200);

    const rejected = await requestsIn(api, 'rejected');
    const open = new Set(
      [...(await requestsIn(api, 'pending')), ...(await requestsIn(api, 'in_review'))].map((r) => r.orderId),
    );
    const order = rejected.find((r) => !open.has(r.orderId) && r.refundableFen > 0)!;
    const post = platformCall(api, (await platformKey(api)).key);
    const made = await post('POST', '/refund-requests', intakeFor(order), { 'idempotency-key': freshKey() });
    expect(made.status, made.text).toBe(201);
    const id = (made.body as { id: string }).id;
    const stored = await api.call('GET', `/api/refunds/${id}`, { token: token.supervisor });
    const request = stored.body as RefundRequest;
    expect(request.submittedAt.slice(0, 13)).toBe(new Date(friday).toISOString().slice(0, 13));
    const monday = new Date(Date.parse(request.submittedAt) + 3 * 86_400_000).toISOString();
    expect(request.slaDueAt).toBe(monday);
    expect(new Date(request.slaDueAt).getUTCDay()).toBe(1);
  });
});
