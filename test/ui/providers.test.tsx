// @vitest-environment jsdom
// The providers: sign-in and session, error handling, access rules, the HTTP client, the "me"
// filter alias, the browser-language default; and the display formats of src/i18n/format.ts.
import { HttpError } from 'react-admin';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  formatDateTime,
  formatDuration,
  formatFen,
  formatRelative,
  fenToYuanInput,
  yuanToFen,
} from '../../src/i18n/format';
import { LoginError, createAuthProvider } from '../../src/providers/authProvider';
import { resolveFilterAliases } from '../../src/providers/dataProvider';
import { httpClient } from '../../src/providers/http';
import { browserLocale } from '../../src/providers/i18nProvider';
import { getSession, saveSession, tokenExpiry } from '../../src/providers/session';
import { endOfLocalDay, startOfLocalDay } from '../../src/refunds/RefundFilters';
import { refundsToCsv } from '../../src/refunds/exporter';
import { makeRefund } from './fixtures';

const user = { id: 'u1', username: 'reviewer', fullName: 'Li Na', role: 'reviewer' as const };

function jsonResponse(status: number, body: unknown, headers: Record<string, string> = {}) {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json', ...headers },
  });
}

function tokenWithExp(exp: number) {
  const payload = btoa(JSON.stringify({ sub: 'u1', role: 'reviewer', iat: 0, exp }))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');
  return `${payload}.signature`;
}

afterEach(() => {
  vi.unstubAllGlobals();
  localStorage.clear();
});

describe('authProvider', () => {
  it('signs in with POST /api/auth/login and keeps the token and user', async () => {
    const fetchMock = vi.fn(async () => jsonResponse(200, { token: 'tok', user }));
    vi.stubGlobal('fetch', fetchMock);
    await createAuthProvider().login({ username: ' reviewer ', password: 'password' });
    expect(fetchMock).toHaveBeenCalledWith(
      '/api/auth/login',
      expect.objectContaining({
        method: 'POST',
        body: JSON.stringify({ username: 'reviewer', password: 'password' }),
      }),
    );
    expect(getSession()).toEqual({ token: 'tok', user });
  });

  it('turns a 401 into a translated message and a 429 into one with the wait', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => jsonResponse(401, { message: 'Wrong username or password.' })),
    );
    await expect(createAuthProvider().login({ username: 'x', password: 'y' })).rejects.toMatchObject({
      message: 'auth.errors.wrong_credentials',
    });
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => jsonResponse(429, { message: 'Too many' }, { 'Retry-After': '42' })),
    );
    const error = await createAuthProvider()
      .login({ username: 'x', password: 'y' })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LoginError);
    expect(error).toMatchObject({ message: 'auth.errors.too_many_attempts', messageArgs: { seconds: 42 } });
    expect(getSession()).toBeNull();
  });

  it.each([
    [429, 'sign_in_locked', 'auth.errors.too_many_attempts'],
    [429, 'sign_in_address_locked', 'auth.errors.address_locked'],
    [429, 'sign_in_too_many_at_once', 'auth.errors.too_many_at_once'],
    [429, 'constructor', 'auth.errors.too_many_attempts'],
    [503, 'sign_in_busy', 'auth.errors.busy'],
  ])('turns a %i with code %s into %s with the wait', async (status, code, key) => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => jsonResponse(status, { message: 'Refused', code }, { 'Retry-After': '7' })),
    );
    const error = await createAuthProvider()
      .login({ username: 'x', password: 'y' })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LoginError);
    expect(error).toMatchObject({ message: key, messageArgs: { seconds: 7 } });
  });

  it('keeps any other 503 (a write not made durable) as the server said it', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => jsonResponse(503, { message: 'Not saved.' })),
    );
    const error = await createAuthProvider()
      .login({ username: 'x', password: 'y' })
      .catch((e: unknown) => e);
    expect(error).not.toBeInstanceOf(LoginError);
    expect(error).toMatchObject({ message: 'Not saved.', status: 503 });
  });

  it('checkAuth needs a session with an unexpired token', async () => {
    const now = Date.parse('2026-03-10T12:00:00Z');
    const auth = createAuthProvider(() => now);
    await expect(auth.checkAuth({})).rejects.toBeInstanceOf(Error);
    saveSession({ token: tokenWithExp(now + 60_000), user });
    await expect(auth.checkAuth({})).resolves.toBeUndefined();
    saveSession({ token: tokenWithExp(now - 1), user });
    await expect(auth.checkAuth({})).rejects.toBeInstanceOf(Error);
    expect(getSession()).toBeNull();
    expect(tokenExpiry('not-a-token')).toBeNull();
  });

  it('checkError signs out on 401 and stays on 403', async () => {
    const auth = createAuthProvider();
    saveSession({ token: 'tok', user });
    await expect(auth.checkError(new HttpError('Forbidden', 403))).resolves.toBeUndefined();
    expect(getSession()).not.toBeNull();
    await expect(auth.checkError(new HttpError('Expired', 401))).rejects.toBeInstanceOf(Error);
    expect(getSession()).toBeNull();
  });

  it('gives the identity, the role as permissions, and canAccess from the permission table', async () => {
    const auth = createAuthProvider();
    saveSession({ token: 'tok', user });
    await expect(auth.getIdentity!()).resolves.toMatchObject({ id: 'u1', fullName: 'Li Na' });
    await expect(auth.getPermissions!({})).resolves.toBe('reviewer');
    const can = (resource: string, action: string) =>
      auth.canAccess!({ resource, action, signal: new AbortController().signal } as never);
    await expect(can('refunds', 'list')).resolves.toBe(true);
    await expect(can('refunds', 'second_approval')).resolves.toBe(false);
    await expect(can('complaints', 'resolve')).resolves.toBe(false);
    await auth.logout({});
    await expect(can('refunds', 'list')).resolves.toBe(false);
  });
});

describe('httpClient', () => {
  it('adds the bearer token and rejects with the server message and status', async () => {
    saveSession({ token: 'tok', user });
    const fetchMock = vi.fn(async (_url: string, _init?: RequestInit) =>
      jsonResponse(403, { message: 'A reviewer may not override refunds.' }),
    );
    vi.stubGlobal('fetch', fetchMock);
    const error = await httpClient('/api/refunds/r1').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HttpError);
    expect(error).toMatchObject({ status: 403, message: 'A reviewer may not override refunds.' });
    const headers = fetchMock.mock.calls[0][1]?.headers as Headers;
    expect(headers.get('Authorization')).toBe('Bearer tok');
  });

  it('resolves paths relative to the API base', async () => {
    const fetchMock = vi.fn(async (_url: string) => jsonResponse(200, []));
    vi.stubGlobal('fetch', fetchMock);
    await httpClient('refunds');
    expect(fetchMock.mock.calls[0][0]).toBe('/api/refunds');
  });
});

describe('filters', () => {
  it('"me" stands for the signed-in user', () => {
    expect(resolveFilterAliases({ assigneeId: 'me', status: 'pending' }, 'u7')).toEqual({
      assigneeId: 'u7',
      status: 'pending',
    });
    expect(resolveFilterAliases({ assigneeId: ['me', 'unassigned'] }, 'u7')).toEqual({
      assigneeId: ['u7', 'unassigned'],
    });
    expect(resolveFilterAliases({ q: 'x' }, 'u7')).toEqual({ q: 'x' });
  });

  it('date filters cover whole local days; money filters are typed in yuan and sent in fen', () => {
    expect(new Date(startOfLocalDay('2026-03-05')!).getDate()).toBe(5);
    expect(new Date(endOfLocalDay('2026-03-05')!).getHours()).toBe(23);
    expect(endOfLocalDay('')).toBeNull();
    expect(yuanToFen(12.5)).toBe(1250);
    expect(yuanToFen('0.1')).toBe(10);
    expect(yuanToFen('')).toBeNull();
    expect(fenToYuanInput(1250)).toBe('12.5');
    expect(fenToYuanInput(null)).toBe('');
  });
});

describe('locale', () => {
  it('follows the browser: any zh-* is Chinese, the rest English', () => {
    expect(browserLocale('zh-CN')).toBe('zh-CN');
    expect(browserLocale('zh-TW')).toBe('zh-CN');
    expect(browserLocale('en-GB')).toBe('en');
    expect(browserLocale('fr')).toBe('en');
    expect(browserLocale(undefined)).toBe('en');
  });
});

describe('format', () => {
  it('formats fen as yuan with the ¥ sign', () => {
    expect(formatFen(123_450, 'en')).toBe('¥1,234.50');
    expect(formatFen(123_450, 'zh-CN')).toBe('¥1,234.50');
    expect(formatFen(0, 'en')).toBe('¥0.00');
    expect(formatFen(1, 'en')).toBe('¥0.01');
  });

  it('formats durations in the two largest units', () => {
    const min = 60_000;
    expect(formatDuration(135 * min, 'en')).toBe('2 h 15 min');
    expect(formatDuration(135 * min, 'zh-CN')).toBe('2 小时 15 分');
    expect(formatDuration(-(27 * 60 * min), 'en')).toBe('1 d 3 h');
    expect(formatDuration(27 * 60 * min, 'zh-CN')).toBe('1 天 3 小时');
    expect(formatDuration(4 * min + 5_000, 'en', { seconds: true })).toBe('4 min 5 s');
    expect(formatDuration(30_000, 'en')).toBe('0 min');
  });

  it('formats date-times and relative times per locale', () => {
    const iso = '2026-03-05T07:04:00.000Z';
    expect(formatDateTime(iso, 'en', 'UTC')).toBe('Mar 5, 2026, 7:04 AM');
    expect(formatDateTime(iso, 'zh-CN', 'Asia/Shanghai')).toBe('2026年3月5日 15:04');
    const now = Date.parse(iso) + 3 * 3_600_000;
    expect(formatRelative(iso, now, 'en')).toBe('3 hours ago');
    expect(formatRelative(iso, now, 'zh-CN')).toBe('3小时前');
    expect(formatRelative(iso, Date.parse(iso) + 10_000, 'en')).toBe('now');
  });
});

describe('CSV export', () => {
  it('writes the scalar columns and quotes what needs it', () => {
    const csv = refundsToCsv([makeRefund({ id: 'r1', customerName: 'Tan, "Casey"', paidFen: 19_800 })]);
    const [header, row] = csv.split('\r\n');
    expect(header.split(',').slice(0, 5)).toEqual([
      'id',
      'orderNumber',
      'customerId',
      'customerName',
      'paidFen',
    ]);
    expect(row).toContain('"Tan, ""Casey"""');
    expect(row).toContain(',19800,');
    expect(csv).not.toContain('[object Object]');
  });
});
