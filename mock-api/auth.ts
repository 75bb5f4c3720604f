// Sign-in passwords and signed tokens. Passwords are scrypt hashes; tokens are HMAC-SHA256
// signed with a secret generated on first start and kept outside the data and outside the
// project's served files (tokenSecret.ts says where).
import crypto from 'node:crypto';
import fs from 'node:fs';
import { z } from 'zod';
import { ROLES, type Role, type StaffUser } from '../src/domain/model';

const SCRYPT_KEYLEN = 32;
// N=2^14 keeps a sign-in around 30–50 ms on a small machine while staying a real work factor
const SCRYPT_PARAMS = { N: 16_384, r: 8, p: 1 } as const;

export function hashPassword(password: string, salt = crypto.randomBytes(16)): string {
  const hash = crypto.scryptSync(password, salt, SCRYPT_KEYLEN, SCRYPT_PARAMS);
  return `scrypt$${SCRYPT_PARAMS.N}$${salt.toString('base64url')}$${hash.toString('base64url')}`;
}

interface StoredHash {
  salt: Buffer;
  expected: Buffer;
  params: crypto.ScryptOptions;
}

function parseStoredHash(stored: string | undefined): StoredHash | null {
  if (!stored) return null;
  const [scheme, n, saltText, hashText] = stored.split('$');
  if (scheme !== 'scrypt' || !saltText || !hashText) return null;
  const expected = Buffer.from(hashText, 'base64url');
  return { salt: Buffer.from(saltText, 'base64url'), expected, params: { ...SCRYPT_PARAMS, N: Number(n) } };
}

export function verifyPassword(password: string, stored: string | undefined): boolean {
  const hash = parseStoredHash(stored);
  if (!hash) return false;
  const actual = crypto.scryptSync(password, hash.salt, hash.expected.length, hash.params);
  return crypto.timingSafeEqual(hash.expected, actual);
}

/** `verifyPassword` on libuv's threadpool, so the event loop keeps serving while scrypt runs. */
export function verifyPasswordOffLoop(password: string, stored: string | undefined): Promise<boolean> {
  const hash = parseStoredHash(stored);
  if (!hash) return Promise.resolve(false);
  return new Promise((resolve) => {
    crypto.scrypt(password, hash.salt, hash.expected.length, hash.params, (error, actual) => {
      resolve(!error && crypto.timingSafeEqual(hash.expected, actual));
    });
  });
}

export const TOKEN_TTL_MS = 12 * 3_600_000;

export interface TokenClaims {
  sub: string;
  role: Role;
  iat: number;
  exp: number;
}

// A signature proves who wrote a payload, not what is in it: the claims are checked for shape too,
// so a well-signed token of any other JSON value is a 401 like any other bad token.
const tokenClaimsSchema = z
  .object({
    sub: z.string().min(1).max(64),
    role: z.enum(ROLES),
    iat: z.number().int().nonnegative(),
    exp: z.number().int().nonnegative(),
  })
  .refine((claims) => claims.iat <= claims.exp);

export type TokenVerdict = { ok: true; claims: TokenClaims } | { ok: false; reason: string };

/** Why a token is refused: the English reason of a verdict, and its refusal code. */
const TOKEN_REFUSALS = {
  token_malformed: 'Malformed token.',
  token_signature: 'Invalid token signature.',
  session_expired: 'Your session has expired. Please sign in again.',
} as const;

export function tokenRefusalCode(verdict: { reason: string }): keyof typeof TOKEN_REFUSALS {
  const found = Object.entries(TOKEN_REFUSALS).find(([, reason]) => reason === verdict.reason);
  return (found?.[0] as keyof typeof TOKEN_REFUSALS | undefined) ?? 'token_malformed';
}

const MALFORMED = { ok: false, reason: TOKEN_REFUSALS.token_malformed } as const;

export class TokenSigner {
  constructor(private readonly secret: Buffer) {}

  /**
   * Reads the secret file, creating it (mode 600) on first start. A missing, empty or short secret
   * (say, a crash between creating and writing it) is replaced: a weak key would let anyone sign.
   */
  static fromFile(file: string): TokenSigner {
    const existing = fs.existsSync(file)
      ? Buffer.from(fs.readFileSync(file, 'utf8').trim(), 'base64url')
      : null;
    if (existing && existing.length >= 32) return new TokenSigner(existing);
    const secret = crypto.randomBytes(32);
    const tmp = `${file}.tmp-${process.pid}`;
    fs.writeFileSync(tmp, secret.toString('base64url'), { mode: 0o600 });
    fs.renameSync(tmp, file);
    return new TokenSigner(secret);
  }

  sign(user: Pick<StaffUser, 'id' | 'role'>, nowMs: number, ttlMs = TOKEN_TTL_MS): string {
    const claims: TokenClaims = { sub: user.id, role: user.role, iat: nowMs, exp: nowMs + ttlMs };
    const payload = Buffer.from(JSON.stringify(claims)).toString('base64url');
    return `${payload}.${this.mac(payload)}`;
  }

  /** The claims of a well-signed, well-formed, unexpired token, or why not. */
  verify(token: string, nowMs: number): TokenVerdict {
    const [payload, mac, extra] = token.split('.');
    if (!payload || !mac || extra !== undefined) return MALFORMED;
    const expected = Buffer.from(this.mac(payload));
    const given = Buffer.from(mac);
    if (expected.length !== given.length || !crypto.timingSafeEqual(expected, given)) {
      return { ok: false, reason: TOKEN_REFUSALS.token_signature };
    }
    let decoded: unknown;
    try {
      decoded = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
    } catch {
      return MALFORMED;
    }
    const parsed = tokenClaimsSchema.safeParse(decoded);
    if (!parsed.success) return MALFORMED;
    if (parsed.data.exp <= nowMs) {
      return { ok: false, reason: TOKEN_REFUSALS.session_expired };
    }
    return { ok: true, claims: parsed.data };
  }

  private mac(payload: string): string {
    return crypto.createHmac('sha256', this.secret).update(payload).digest('base64url');
  }
}

export function publicUser(user: StaffUser): Omit<StaffUser, 'passwordHash'> {
  const { passwordHash: _hidden, ...rest } = user;
  // an account no administrator has changed yet is at version 1 (009_staff_admin)
  return { ...rest, version: user.version ?? 1 };
}

/** `hashPassword` on libuv's threadpool (an administrator sets a new account's password). */
export function hashPasswordOffLoop(password: string): Promise<string> {
  const salt = crypto.randomBytes(16);
  return new Promise((resolve, reject) => {
    crypto.scrypt(password, salt, SCRYPT_KEYLEN, SCRYPT_PARAMS, (error, hash) => {
      if (error) reject(error);
      else {
        resolve(`scrypt$${SCRYPT_PARAMS.N}$${salt.toString('base64url')}$${hash.toString('base64url')}`);
      }
    });
  });
}
