// The sign-in throttle's rule: slots taken before the password check, per username and per
// client address, with a sliding window and a lock.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  SIGN_IN_LIMITS,
  SignInThrottle,
  type SignInDecision,
  type SignInOutcome,
} from '../../src/domain/signInThrottle';

const t0 = 1_000_000;

function attempt(
  throttle: SignInThrottle,
  username: string,
  outcome: SignInOutcome,
  nowMs: number,
  address = `addr-${username}-${nowMs}`,
): SignInDecision {
  const decision = throttle.begin(username, address, nowMs);
  if (decision.allowed) throttle.settle(decision.ticket, outcome, nowMs);
  return decision;
}

describe('per username', () => {
  it('counts failures within a sliding minute and locks for exactly a minute', () => {
    const throttle = new SignInThrottle();
    for (let i = 0; i < 4; i++) attempt(throttle, 'a', 'failure', t0 + i * 10_000);
    expect(throttle.userLockedFor('a', t0 + 40_000)).toBe(0);
    attempt(throttle, 'a', 'failure', t0 + 40_000); // the fifth within a minute
    expect(throttle.userLockedFor('a', t0 + 40_000)).toBe(60_000);
    expect(throttle.userLockedFor('a', t0 + 99_999)).toBe(1);
    expect(throttle.userLockedFor('a', t0 + 100_000)).toBe(0);
    expect(throttle.userLockedFor('b', t0 + 40_000)).toBe(0);
    expect(throttle.begin('a', 'elsewhere', t0 + 99_999)).toEqual({
      allowed: false,
      refusal: 'user_locked',
      retryAfterMs: 1,
    });
    expect(throttle.begin('a', 'elsewhere', t0 + 100_000).allowed).toBe(true);
  });

  it('never locks for failures spread over more than a minute', () => {
    const throttle = new SignInThrottle();
    for (let i = 0; i < 10; i++) {
      expect(attempt(throttle, 'c', 'failure', t0 + i * 16_000).allowed, `attempt ${i + 1}`).toBe(true);
      expect(throttle.userLockedFor('c', t0 + i * 16_000), `failure ${i + 1}`).toBe(0);
    }
  });

  it('forgets the failures after a success', () => {
    const throttle = new SignInThrottle();
    for (let i = 0; i < 4; i++) attempt(throttle, 'd', 'failure', t0);
    attempt(throttle, 'd', 'success', t0);
    attempt(throttle, 'd', 'failure', t0 + 1);
    expect(throttle.userLockedFor('d', t0 + 1)).toBe(0);
  });

  it('gives a burst of attempts in flight no more than five slots, whatever their addresses', () => {
    const throttle = new SignInThrottle();
    const decisions = Array.from({ length: 50 }, (_, i) => throttle.begin('e', `10.0.0.${i}`, t0));
    const allowed = decisions.filter((d) => d.allowed);
    expect(allowed).toHaveLength(5);
    expect(decisions.slice(5).every((d) => !d.allowed && d.refusal === 'user_locked')).toBe(true);
    // all five fail: locked for the minute from then
    for (const d of allowed) if (d.allowed) throttle.settle(d.ticket, 'failure', t0 + 50);
    expect(throttle.userLockedFor('e', t0 + 50)).toBe(60_000);
    // settling a ticket twice frees nothing more
    if (allowed[0]?.allowed) throttle.settle(allowed[0].ticket, 'success', t0 + 60);
    expect(throttle.userLockedFor('e', t0 + 60)).toBe(59_990);
  });

  it('lets the right password among the first five in flight sign in, and frees an unchecked slot', () => {
    const throttle = new SignInThrottle();
    const first = Array.from({ length: 5 }, (_, i) => throttle.begin('f', `a${i}`, t0));
    expect(throttle.begin('f', 'a5', t0).allowed).toBe(false);
    first.forEach((d, i) => {
      if (d.allowed) throttle.settle(d.ticket, i === 2 ? 'success' : i === 4 ? 'not_checked' : 'failure', t0);
    });
    expect(throttle.userLockedFor('f', t0)).toBe(0);
    expect(throttle.begin('f', 'a6', t0).allowed).toBe(true);
  });

  it('never lets more checks through in a window than the limit, in any interleaving (property)', () => {
    const step = fc.record({
      kind: fc.constantFrom('begin', 'settle'),
      outcome: fc.constantFrom<SignInOutcome>('failure', 'failure', 'not_checked'),
      dt: fc.integer({ min: 0, max: 5_000 }),
      address: fc.integer({ min: 0, max: 40 }),
    });
    fc.assert(
      fc.property(fc.array(step, { maxLength: 300 }), (steps) => {
        const throttle = new SignInThrottle();
        const open: Extract<SignInDecision, { allowed: true }>['ticket'][] = [];
        const checkedAt: number[] = [];
        let now = t0;
        for (const s of steps) {
          now += s.dt;
          if (s.kind === 'begin') {
            const d = throttle.begin('victim', `10.0.0.${s.address}`, now);
            if (d.allowed) open.push(d.ticket);
          } else {
            const ticket = open.shift();
            if (!ticket) continue;
            throttle.settle(ticket, s.outcome, now);
            if (s.outcome === 'failure') checkedAt.push(ticket.startedAt);
          }
          // failed checks started within any one window never exceed the limit
          const recent = checkedAt.filter((t) => now - t < SIGN_IN_LIMITS.perUser.windowMs).length;
          expect(recent + open.length).toBeLessThanOrEqual(SIGN_IN_LIMITS.perUser.maxFailures);
        }
      }),
    );
  });
});

describe('per client address', () => {
  it('locks an address for a minute after 20 failures within a minute, whatever the usernames', () => {
    const throttle = new SignInThrottle();
    for (let i = 0; i < 20; i++) {
      expect(attempt(throttle, `user-${i}`, 'failure', t0 + i * 1_000, '203.0.113.9').allowed).toBe(true);
    }
    expect(throttle.addressLockedFor('203.0.113.9', t0 + 19_000)).toBe(60_000);
    expect(throttle.begin('someone', '203.0.113.9', t0 + 20_000)).toEqual({
      allowed: false,
      refusal: 'address_locked',
      retryAfterMs: 59_000,
    });
    expect(throttle.begin('someone', '203.0.113.10', t0 + 20_000).allowed).toBe(true);
    expect(throttle.begin('someone', '203.0.113.9', t0 + 79_000).allowed).toBe(true);
  });

  it('does not forgive an address its failures when one of its sign-ins succeeds', () => {
    const throttle = new SignInThrottle();
    for (let i = 0; i < 19; i++) attempt(throttle, `user-${i}`, 'failure', t0, '198.51.100.1');
    attempt(throttle, 'mine', 'success', t0, '198.51.100.1');
    attempt(throttle, 'user-x', 'failure', t0, '198.51.100.1');
    expect(throttle.addressLockedFor('198.51.100.1', t0)).toBe(60_000);
  });

  it('counts a sign-in refused as busy against the address, never against the username', () => {
    const throttle = new SignInThrottle();
    for (let i = 0; i < 20; i++) attempt(throttle, 'reviewer', 'busy', t0 + i, '203.0.113.50');
    expect(throttle.addressLockedFor('203.0.113.50', t0 + 19)).toBe(60_000);
    expect(throttle.userLockedFor('reviewer', t0 + 20)).toBe(0);
    expect(throttle.begin('reviewer', '203.0.113.51', t0 + 20).allowed).toBe(true);
  });

  it('lets successful sign-ins through without counting them', () => {
    const throttle = new SignInThrottle();
    for (let i = 0; i < 500; i++) {
      expect(attempt(throttle, `user-${i % 7}`, 'success', t0 + i, '127.0.0.1').allowed).toBe(true);
    }
  });

  it('allows four sign-ins in flight per address, then asks the fifth to retry in a second', () => {
    const throttle = new SignInThrottle();
    const inFlight = Array.from({ length: 4 }, (_, i) => throttle.begin(`u${i}`, '192.0.2.1', t0));
    expect(inFlight.every((d) => d.allowed)).toBe(true);
    expect(throttle.begin('u4', '192.0.2.1', t0)).toEqual({
      allowed: false,
      refusal: 'address_busy',
      retryAfterMs: 1_000,
    });
    expect(throttle.begin('u4', '192.0.2.2', t0).allowed).toBe(true);
    if (inFlight[0]?.allowed) throttle.settle(inFlight[0].ticket, 'success', t0 + 40);
    expect(throttle.begin('u4', '192.0.2.1', t0 + 40).allowed).toBe(true);
  });
});

describe('memory', () => {
  it('forgets idle usernames, so a stream of random ones cannot grow it without bound', () => {
    const throttle = new SignInThrottle();
    for (let i = 0; i < 100_000; i++) {
      attempt(
        throttle,
        `random-${i}`,
        'failure',
        t0 + i * 10,
        `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`,
      );
    }
    // one failure each, 10 ms apart: only the last minute's (6,000 users and their addresses) are live
    expect(throttle.trackedKeys).toBeLessThanOrEqual(4 * 10_000);
  });

  it('remembers no more than its bound however many distinct usernames and addresses arrive at once', () => {
    const limits = { ...SIGN_IN_LIMITS, maxTrackedKeys: 500 };
    const throttle = new SignInThrottle(limits);
    for (let i = 0; i < 20; i++) attempt(throttle, 'reviewer', 'failure', t0, `198.51.100.${i}`);
    const refusals = new Map<string, number>();
    // all within one window, each from its own address: nothing goes idle
    for (let i = 0; i < 20_000; i++) {
      const decision = attempt(throttle, `random-${i}`, 'failure', t0 + i, `2001:db8:${i.toString(16)}::/64`);
      if (!decision.allowed) refusals.set(decision.refusal, (refusals.get(decision.refusal) ?? 0) + 1);
    }
    expect(throttle.trackedKeys).toBeLessThanOrEqual(2 * 500);
    expect([...refusals.keys()]).toEqual(['throttle_full']);
    // a full throttle forgets nobody's failures: the locked user stays locked
    expect(throttle.begin('reviewer', '192.0.2.200', t0 + 20_000)).toMatchObject({ refusal: 'user_locked' });
    expect(throttle.begin('someone-new', '192.0.2.200', t0 + 20_000)).toMatchObject({
      refusal: 'throttle_full',
    });
    // once the flood's entries go idle there is room again
    const later = t0 + 20_000 + limits.perAddress.windowMs + limits.perAddress.lockMs;
    expect(throttle.begin('someone-new', '192.0.2.200', later).allowed).toBe(true);
  });
});
