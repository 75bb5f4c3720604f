// The wallet's one door into the desk: every call the wallet backend and the simulator make to the
// desk's API (sign-in, platform clients, webhook endpoints, the platform routes) and the shapes
// they answer, in this file only, so that a change of name or shape on the desk's side is one edit.
import type { ComplaintCategory, InfoItem, Locale, ReasonCategory } from '../../src/domain/model';
import type { PlatformRefundView } from '../../src/wallet/walletTypes';

export type { CoinHold, PlatformRefundView } from '../../src/wallet/walletTypes';

/** A webhook's body (issue 16 item 6). */
export interface WebhookEvent {
  id: string;
  type: string;
  createdAt: string;
  data: { refundRequest?: PlatformRefundView; [key: string]: unknown };
}

export const SIGNATURE_HEADER = 'Refund-Desk-Signature';
export const WEBHOOK_EVENTS_ALL = ['*'] as const;

export interface IntakeBody {
  orderNumber: string;
  customerId: string;
  purchasedAt?: string;
  reasonCategory: ReasonCategory;
  description: string;
  providedItems?: InfoItem[];
  evidence?: string[];
  locale?: Locale;
}

export interface ReplyBody {
  suppliedItems: InfoItem[];
  message: string;
  evidence?: string[];
}

/** What a resubmission may change of the rejected request (the rest is carried over by the desk). */
export interface ResubmissionBody {
  description?: string;
  providedItems?: InfoItem[];
  evidence?: string[];
}

export interface ComplaintBody {
  category: ComplaintCategory;
  description: string;
}

/** The customer's rating of the decision (once per request; the desk checks the score). */
export interface RatingBody {
  score: number;
  comment?: string;
}

export interface RatingAnswer {
  refundId: string;
  score: number;
  comment: string | null;
  ratedAt: string;
}

/** A refusal of the desk's, kept whole (status, code, message in the asked language, field errors). */
export class DeskApiError extends Error {
  constructor(
    readonly status: number,
    readonly body: { message?: string; code?: string; [key: string]: unknown },
  ) {
    super(body.message ?? `desk answered ${status}`);
  }
}

interface CallOptions {
  token?: string;
  body?: unknown;
  idempotencyKey?: string;
  locale?: string;
}

async function call<T>(apiUrl: string, method: string, route: string, options: CallOptions = {}): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  if (options.idempotencyKey) headers['idempotency-key'] = options.idempotencyKey;
  if (options.locale) headers['accept-language'] = options.locale;
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(apiUrl.replace(/\/$/, '') + route, {
    method,
    headers,
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
    signal: AbortSignal.timeout(15_000),
  });
  const text = await res.text();
  let parsed: unknown;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    parsed = undefined;
  }
  if (!res.ok) {
    const body = typeof parsed === 'object' && parsed !== null ? (parsed as DeskApiError['body']) : {};
    throw new DeskApiError(res.status, body);
  }
  return parsed as T;
}

/** A staff token (the admin's, to create the wallet's platform client and webhook endpoint). */
export async function signIn(apiUrl: string, username: string, password: string): Promise<string> {
  const answer = await call<{ token: string }>(apiUrl, 'POST', '/api/auth/login', {
    body: { username, password },
  });
  return answer.token;
}

export function createPlatformClient(apiUrl: string, adminToken: string, name: string) {
  return call<{ id: string; name: string; key: string }>(apiUrl, 'POST', '/api/platform-clients', {
    token: adminToken,
    body: { name },
  });
}

export function createWebhookEndpoint(apiUrl: string, adminToken: string, url: string) {
  return call<{ id: string; secret: string }>(apiUrl, 'POST', '/api/webhook-endpoints', {
    token: adminToken,
    body: { url, events: [...WEBHOOK_EVENTS_ALL] },
  });
}

/** The platform routes, with the wallet's platform key. */
export function platformApi(apiUrl: string, key: string) {
  const base = '/api/platform/refund-requests';
  const path = (id: string, tail = '') => `${base}/${encodeURIComponent(id)}${tail}`;
  return {
    submit: (body: IntakeBody, idempotencyKey: string, locale?: string) =>
      call<PlatformRefundView>(apiUrl, 'POST', base, { token: key, body, idempotencyKey, locale }),
    get: (id: string, locale?: string) =>
      call<PlatformRefundView>(apiUrl, 'GET', path(id), { token: key, locale }),
    reply: (id: string, body: ReplyBody, locale?: string) =>
      call<PlatformRefundView>(apiUrl, 'POST', path(id, '/replies'), { token: key, body, locale }),
    resubmit: (id: string, body: ResubmissionBody, idempotencyKey: string, locale?: string) =>
      call<PlatformRefundView>(apiUrl, 'POST', path(id, '/resubmissions'), {
        token: key,
        body,
        idempotencyKey,
        locale,
      }),
    complain: (id: string, body: ComplaintBody, locale?: string) =>
      call<Record<string, unknown>>(apiUrl, 'POST', path(id, '/complaints'), { token: key, body, locale }),
    rate: (id: string, body: RatingBody, locale?: string) =>
      call<RatingAnswer>(apiUrl, 'POST', path(id, '/rating'), { token: key, body, locale }),
    /**
     * Whether the desk still knows this key: a request id that cannot exist answers 404 to a known
     * key and 401 to a key the desk does not know (revoked, or the database was seeded afresh).
     */
    async keyWorks(): Promise<boolean> {
      try {
        await call(apiUrl, 'GET', path('wallet-key-check'), { token: key });
        return true;
      } catch (error) {
        if (error instanceof DeskApiError && (error.status === 401 || error.status === 403)) return false;
        if (error instanceof DeskApiError) return true;
        throw error;
      }
    },
  };
}

export type PlatformApi = ReturnType<typeof platformApi>;
