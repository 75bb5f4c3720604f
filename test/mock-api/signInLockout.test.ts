// The sign-in throttle over real HTTP (src/domain/signInThrottle.ts): five failures within a minute
// lock one username out (429) and nobody else, until the server clock has moved on.
import { describe, expect, it, vi } from 'vitest';
import { request, withAccessControlApi } from './accessControlKit';

withAccessControlApi();

describe('the sign-in throttle', () => {
  const signIn = (username: string, password: string) =>
    request('POST', '/api/auth/login', undefined, { username, password });

  it('locks one user out after five failures within a minute (429), and nobody else', async () => {
    for (let i = 0; i < 5; i++) expect((await signIn('reviewer3', `wrong-${i}`)).status).toBe(401);
    const locked = await signIn('reviewer3', 'password');
    expect(locked.status).toBe(429);
    expect(locked.json).toEqual({
      message: expect.stringMatching(/Too many failed sign-ins/),
      code: 'sign_in_locked',
      params: { seconds: expect.any(Number) },
    });
    const retryAfter = Number(locked.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(50);
    expect(retryAfter).toBeLessThanOrEqual(60);
    // other users sign in as usual, and four failures are not yet a lock
    expect((await signIn('reviewer2', 'password')).status).toBe(200);
    for (let i = 0; i < 4; i++) expect((await signIn('supervisor2', 'nope')).status).toBe(401);
    expect((await signIn('supervisor2', 'password')).status).toBe(200);
    // a lock on one username does not lock a look-alike
    expect((await signIn('Reviewer3', 'password')).status).toBe(401);
  });

  it('unlocks after the minute (the server clock moved on)', async () => {
    const now = Date.now();
    vi.useFakeTimers({ toFake: ['Date'] });
    try {
      vi.setSystemTime(now + 30_000);
      expect((await signIn('reviewer3', 'password')).status).toBe(429);
      vi.setSystemTime(now + 61_000);
      expect((await signIn('reviewer3', 'password')).status).toBe(200);
    } finally {
      vi.useRealTimers();
    }
  });
});
