// The wallet page's calls to its backend (/wallet-api, proxied by the Vite dev server to
// WALLET_PORT). A refusal keeps the message its backend (or the desk) answered in the page's language.
import type { Locale } from '../domain/model';
import type { PlatformRefundView, WalletCustomer, WalletCustomerAnswer } from './walletTypes';

export class WalletCallError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly fieldErrors: Record<string, string>,
  ) {
    super(message);
  }
}

async function call<T>(locale: Locale, method: string, route: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json', 'accept-language': locale };
  if (body !== undefined) {
    headers['content-type'] = 'application/json';
    // one key per form submission: a retried submission is the same request at the desk
    if (method === 'POST') headers['idempotency-key'] = crypto.randomUUID();
  }
  const res = await fetch(`/wallet-api${route}`, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  let parsed: unknown = undefined;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    parsed = undefined;
  }
  if (!res.ok) {
    const refusal = (parsed ?? {}) as { message?: unknown; errors?: unknown };
    const errors =
      typeof refusal.errors === 'object' && refusal.errors !== null
        ? Object.fromEntries(
            Object.entries(refusal.errors as Record<string, unknown>).map(([k, v]) => [k, String(v)]),
          )
        : {};
    throw new WalletCallError(res.status, typeof refusal.message === 'string' ? refusal.message : '', errors);
  }
  return parsed as T;
}

export function walletApi(locale: Locale) {
  const id = encodeURIComponent;
  return {
    customers: (q: string) => call<WalletCustomer[]>(locale, 'GET', `/customers?q=${id(q)}`),
    customer: (customerId: string) =>
      call<WalletCustomerAnswer>(locale, 'GET', `/customers/${id(customerId)}`),
    apply: (customerId: string, body: Record<string, unknown>) =>
      call<PlatformRefundView>(locale, 'POST', `/customers/${id(customerId)}/refund-requests`, body),
    refresh: (refundId: string) =>
      call<PlatformRefundView>(locale, 'GET', `/refund-requests/${id(refundId)}`),
    reply: (refundId: string, body: Record<string, unknown>) =>
      call<PlatformRefundView>(locale, 'POST', `/refund-requests/${id(refundId)}/replies`, body),
    resubmit: (refundId: string, body: Record<string, unknown>) =>
      call<PlatformRefundView>(locale, 'POST', `/refund-requests/${id(refundId)}/resubmissions`, body),
    complain: (refundId: string, body: Record<string, unknown>) =>
      call<unknown>(locale, 'POST', `/refund-requests/${id(refundId)}/complaints`, body),
    rate: (refundId: string, body: { score: number; comment?: string }) =>
      call<PlatformRefundView>(locale, 'POST', `/refund-requests/${id(refundId)}/rating`, body),
  };
}

export type WalletApi = ReturnType<typeof walletApi>;
