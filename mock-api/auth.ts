// Sign-in passwords and signed tokens. Passwords are scrypt hashes; tokens are
// HMAC-SHA256 signed with a secret generated on first start and kept beside (never inside) the data.
import crypto from 'node:crypto';
import fs from 'node:fs';
import type { Role, StaffUser } from '../src/domain/model';

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

  /** The claims of a well-signed, unexpired token, or why not. */
  verify(token: string, nowMs: number): { ok: true; claims: TokenClaims } | { ok: false; reason: string } {
    const [payload, mac, extra] = token.split('.');
    if (!payload || !mac || extra !== undefined) return { ok: false, reason: 'Malformed token.' };
    const expected = Buffer.from(this.mac(payload));
    const given = Buffer.from(mac);
    if (expected.length !== given.length || !crypto.timingSafeEqual(expected, given)) {
      return { ok: false, reason: 'Invalid token signature.' };
    }
    let claims: TokenClaims;
    try {
      claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as TokenClaims;
    } catch {
      return { ok: false, reason: 'Malformed token.' };
    }
    if (typeof claims.exp !== 'number' || claims.exp <= nowMs) {
      return { ok: false, reason: 'Your session has expired. Please sign in again.' };
    }
    return { ok: true, claims };
  }

  private mac(payload: string): string {
    return crypto.createHmac('sha256', this.secret).update(payload).digest('base64url');
  }
}

export function publicUser(user: StaffUser): Omit<StaffUser, 'passwordHash'> {
  const { passwordHash: _hidden, ...rest } = user;
  return rest;
}
