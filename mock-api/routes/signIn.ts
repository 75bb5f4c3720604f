// POST /api/auth/login. The throttle (src/domain/signInThrottle.ts) takes the attempt's slot
// before the password is checked, per username and per client address; the check itself runs
// off the event loop in a bounded queue (passwordChecks.ts).
import type { Express, Request, Response } from 'express';
import net from 'node:net';
import type { SignInOutcome, SignInRefusal } from '../../src/domain/signInThrottle';
import { publicUser } from '../auth';
import type { RefusalCode } from '../../src/domain/refusal';
import { refuse, route } from '../http';
import { BUSY_RETRY_MS } from '../passwordChecks';
import type { ApiContext } from '../appContext';

// checked for unknown users too, so timing does not reveal which usernames exist
const DUMMY_HASH = 'scrypt$16384$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA';

const REFUSALS: Record<SignInRefusal, { status: number; code: RefusalCode }> = {
  user_locked: { status: 429, code: 'sign_in_locked' },
  address_locked: { status: 429, code: 'sign_in_address_locked' },
  address_busy: { status: 429, code: 'sign_in_too_many_at_once' },
  // a flood of distinct usernames or addresses filled what the throttle may remember
  throttle_full: { status: 503, code: 'sign_in_busy' },
};

/**
 * The client's address as the throttle counts it. `req.ip` is the socket's peer unless the
 * server was told to trust a proxy (ServerOptions.trustProxy), when Express reads
 * X-Forwarded-For. One client has one key however its address is spelled: an IPv4-mapped IPv6
 * address in any spelling (`::ffff:192.0.2.1`, `::ffff:c000:201`, zeros written out) is the
 * IPv4 one, and an IPv6 client usually holds a whole /64, so that is one address here.
 */
function throttleAddress(req: Request): string {
  const raw = (req.ip ?? req.socket.remoteAddress ?? 'unknown').split('%')[0]!;
  if (net.isIPv4(raw)) return raw;
  if (!net.isIPv6(raw)) return raw;
  const groups = expandIPv6(raw);
  if (groups.slice(0, 5).every((g) => g === 0) && groups[5] === 0xffff) {
    return [groups[6]! >> 8, groups[6]! & 255, groups[7]! >> 8, groups[7]! & 255].join('.');
  }
  return `${groups
    .slice(0, 4)
    .map((g) => g.toString(16))
    .join(':')}::/64`;
}

/** The eight 16-bit groups of a valid IPv6 address (a dotted IPv4 tail is two of them). */
function expandIPv6(address: string): number[] {
  const dotted = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(address);
  const hex = dotted
    ? address.slice(0, dotted.index) +
      `${((+dotted[1]! << 8) | +dotted[2]!).toString(16)}:${((+dotted[3]! << 8) | +dotted[4]!).toString(16)}`
    : address;
  const [head = '', tail] = hex.split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const missing = tail === undefined ? 0 : 8 - left.length - right.length;
  return [...left, ...Array<string>(missing).fill('0'), ...right].map((part) => parseInt(part || '0', 16));
}

/** Sets Retry-After and returns the wait in whole seconds (at least one). */
function retryAfter(res: Response, ms: number): number {
  const seconds = Math.max(1, Math.ceil(ms / 1000));
  res.setHeader('Retry-After', String(seconds));
  return seconds;
}

export function registerSignInRoute(app: Express, ctx: ApiContext): void {
  app.post(
    '/api/auth/login',
    route(async (req, res) => {
      const body = req.body as unknown;
      if (typeof body !== 'object' || body === null || Array.isArray(body)) {
        throw refuse(400, 'sign_in_body');
      }
      const { username, password, ...rest } = body as Record<string, unknown>;
      if (Object.keys(rest).length > 0)
        throw refuse(422, 'sign_in_unknown_field', { field: Object.keys(rest)[0] });
      if (typeof username !== 'string' || typeof password !== 'string' || !username || !password) {
        throw refuse(422, 'sign_in_fields_required');
      }
      if (username.length > 100 || password.length > 200) throw refuse(401, 'wrong_credentials');

      const decision = ctx.throttle.begin(username, throttleAddress(req), ctx.clock.now());
      if (!decision.allowed) {
        const { status, code } = REFUSALS[decision.refusal];
        const seconds = retryAfter(res, decision.retryAfterMs);
        // "wait a moment" names no time; Retry-After still does
        throw refuse(status, code, decision.refusal === 'address_busy' ? {} : { seconds });
      }
      // the slot is given back whatever happens, or a crash would hold it until restart
      let outcome: SignInOutcome = 'not_checked';
      try {
        const user = await ctx.desk.activeUserByUsername(username);
        const check = ctx.passwordChecks.check(password, user?.passwordHash ?? DUMMY_HASH);
        if (!check) {
          outcome = 'busy';
          const seconds = retryAfter(res, BUSY_RETRY_MS);
          throw refuse(503, 'sign_in_busy', { seconds });
        }
        const matches = await check;
        outcome = matches && user ? 'success' : 'failure';
        if (!user || outcome === 'failure') throw refuse(401, 'wrong_credentials');
        res.json({ token: ctx.signer.sign(user, Date.now()), user: publicUser(user) });
      } finally {
        ctx.throttle.settle(decision.ticket, outcome, ctx.clock.now());
      }
    }),
  );
}
