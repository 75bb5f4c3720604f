// @vitest-environment jsdom
// Issue 17 item 6 in the browser's components against the real API: the app bar's bell says my
// unread count (badge and accessible name) and lists my notifications newest first, each in the
// UI's language (zh-CN, en); following one marks it read and "mark all read" empties the count;
// a notification the live stream brings appears at once, once.
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Complaint, RefundRequest, StaffUser } from '../../src/domain/model';
import type { StaffNotification } from '../../src/domain/notifications';
import { SECOND_APPROVAL_TARGET_MS } from '../../src/domain/notifications';
import { HOUR_MS } from '../../src/domain/sla';
import { NotificationBell, notificationText } from '../../src/layout/NotificationBell';
import { createAuthProvider } from '../../src/providers/authProvider';
import { createDataProvider } from '../../src/providers/dataProvider';
import { createI18nProvider } from '../../src/providers/i18nProvider';
import { getToken, saveSession } from '../../src/providers/session';
import { LiveStream } from '../../src/providers/stream';
import { listQuery, startTestApi, type TestApi } from '../mock-api/harness';
import { renderWithAdmin } from './fixtures';

type Who = 'supervisor' | 'supervisor2' | 'reviewer2';
let api: TestApi;
const token = {} as Record<Who, string>;
const user = {} as Record<Who, StaffUser>;
const streams: LiveStream[] = [];

beforeAll(async () => {
  api = await startTestApi({ count: 300, seed: 31 });
  for (const who of ['supervisor', 'supervisor2', 'reviewer2'] as const) {
    token[who] = await api.login(who);
    user[who] = (await api.call('GET', '/api/auth/me', { token: token[who] })).body as StaffUser;
  }
  // second approvals now wait past their target: the timers tell the supervisors
  const moved = await api.call('POST', '/api/test/advance-clock', {
    token: token.supervisor,
    body: { ms: SECOND_APPROVAL_TARGET_MS + HOUR_MS },
  });
  expect(moved.status, moved.text).toBe(200);
}, 120_000);
afterAll(() => {
  for (const s of streams) s.stop();
  return api?.close();
});

async function bellOf(who: Who): Promise<{ rows: StaffNotification[]; unread: number }> {
  const res = await api.call('GET', `/api/notifications${listQuery({ range: [0, 99] })}`, {
    token: token[who],
  });
  expect(res.status, res.text).toBe(200);
  return { rows: res.body as StaffNotification[], unread: Number(res.headers.get('x-unread-count')) };
}

function renderBell(who: Who, locale: 'en' | 'zh-CN', stream?: LiveStream) {
  saveSession({ token: token[who], user: user[who] });
  renderWithAdmin(<NotificationBell stream={stream} />, {
    dataProvider: createDataProvider(`${api.url}/api`),
    authProvider: createAuthProvider(),
    locale,
    now: null,
  });
}

/** The bell by its accessible name (hidden from the accessibility tree while its list is open). */
const bellButton = (name: string) => screen.findByRole('button', { name, hidden: true }, { timeout: 10_000 });
const label = {
  en: (n: number) => (n === 0 ? 'Notifications' : `Notifications, ${n} unread`),
  'zh-CN': (n: number) => (n === 0 ? '通知' : `通知，${n} 条未读`),
};

describe('the bell', () => {
  it('says my unread count and lists mine newest first in Chinese; following one marks it read', async () => {
    const before = await bellOf('supervisor');
    expect(before.unread).toBeGreaterThan(0);
    renderBell('supervisor', 'zh-CN');
    const button = await bellButton(label['zh-CN'](before.unread));
    expect(within(button).getByText(String(before.unread))).toBeInTheDocument();
    fireEvent.click(button);
    const items = await screen.findAllByTestId('notification-item');
    expect(items).toHaveLength(before.rows.length);
    const zh = createI18nProvider('zh-CN');
    const newest = before.rows[0]!;
    expect(items[0]).toHaveTextContent(notificationText(zh.translate, 'zh-CN', newest));
    expect(items[0]).toHaveTextContent(/^退款申请 .+ 等待二次审批已超过目标时间（时限 .+）未读 · /);
    expect(items[0]).toHaveAttribute('href', newest.link);

    fireEvent.click(items[0]!);
    await bellButton(label['zh-CN'](before.unread - 1));
    await waitFor(async () => expect((await bellOf('supervisor')).unread).toBe(before.unread - 1));
    const read = (await bellOf('supervisor')).rows.find((n) => n.id === newest.id);
    expect(read?.readAt).not.toBeNull();
  }, 60_000);

  it('in English, "mark all read" leaves nothing unread', async () => {
    const before = await bellOf('supervisor2');
    expect(before.unread).toBeGreaterThan(0);
    renderBell('supervisor2', 'en');
    fireEvent.click(await bellButton(label.en(before.unread)));
    const items = await screen.findAllByTestId('notification-item');
    expect(items[0]).toHaveTextContent(
      /^Request .+ has waited for a second approval past its target \(due .+\)Unread · /,
    );
    fireEvent.click(screen.getByRole('button', { name: 'Mark all read' }));
    await bellButton('Notifications');
    expect(screen.queryByText(/^Unread · /)).toBeNull();
    expect((await bellOf('supervisor2')).unread).toBe(0);
  }, 60_000);

  it('shows a notification the live stream brings at once, once', async () => {
    const stream = new LiveStream(() => `${api.url}/api/stream`, getToken);
    streams.push(stream);
    const before = await bellOf('reviewer2');
    renderBell('reviewer2', 'en', stream);
    await bellButton(label.en(before.unread));
    const ready = new Promise<void>((resolve) => {
      const off = stream.subscribe((m) => m.kind === 'ready' && (off(), resolve()));
    });
    stream.start();
    await ready;

    // a complaint about one of reviewer2's rejections tells them in the complaint's own transaction
    const res = await api.call(
      'GET',
      `/api/refunds${listQuery({ range: [0, 999], filter: { status: 'rejected' }, sort: ['id', 'ASC'] })}`,
      { token: token.supervisor },
    );
    let complaint: Complaint | undefined;
    for (const r of (res.body as RefundRequest[]).filter((x) => x.decision?.by === user.reviewer2.id)) {
      const opened = await api.call('POST', '/api/complaints', {
        token: token.supervisor,
        body: { refundId: r.id, channel: 'phone', category: 'disputes_rejection', description: '客户来电。' },
      });
      if (opened.status === 201) {
        complaint = opened.body as Complaint;
        break;
      }
    }
    expect(complaint).toBeDefined();
    fireEvent.click(await bellButton(label.en(before.unread + 1)));
    const told = await screen.findAllByText(
      `A complaint was opened about your decision on request ${complaint!.orderNumber}`,
    );
    expect(told).toHaveLength(1);
  }, 60_000);
});
