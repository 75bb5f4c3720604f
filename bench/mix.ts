// What the benchmark sends: the list mix (the queue's filters and sorts), the same pages in stock
// json-server's dialect, search terms taken from the data, and the decision the policy suggests.
import {
  OPEN_REFUND_STATUSES,
  PAYMENT_CHANNELS,
  REASON_CATEGORIES,
  SUBMISSION_CHANNELS,
  type RefundRequest,
} from '../src/domain/model';
import { READ_RESOURCES } from '../mock-api/resources';
import { listQuery } from './lib/http';
import type { Rng } from './lib/measure';

const DAY_MS = 86_400_000;

export interface ListShape {
  label: string;
  /** stock json-server answers it too (toStockQuery): no computed filter, no exclusive bound */
  stock: boolean;
  shape: (k: number, index: number) => { filter: Record<string, unknown>; sort: [string, 'ASC' | 'DESC'] };
}

export function listShapes(nowMs: number, callerId: (index: number) => string): ListShape[] {
  const iso = (ms: number) => new Date(ms).toISOString();
  const flagCombos: Record<string, boolean>[] = [
    { tipping: true },
    { hasSpentCoins: true, outsideWindow: false },
    { infoIncomplete: true },
    { accountRestricted: true },
    { duplicate: true },
    { outsideWindow: true, tipping: false },
  ];
  return [
    {
      label: 'status any-of, by SLA due',
      stock: true,
      shape: () => ({ filter: { status: ['pending', 'in_review'] }, sort: ['slaDueAt', 'ASC'] }),
    },
    {
      label: 'assignee (own queue), by submitted desc',
      stock: true,
      shape: (_k, index) => ({ filter: { assigneeId: callerId(index) }, sort: ['submittedAt', 'DESC'] }),
    },
    {
      label: 'policy flags, by paid desc',
      stock: true,
      shape: (k) => ({ filter: flagCombos[k % flagCombos.length], sort: ['paidFen', 'DESC'] }),
    },
    {
      label: 'submitted range, by refundable desc',
      stock: false,
      shape: (k) => ({
        filter: {
          submittedAt_gte: iso(nowMs - ((k % 6) + 1) * 15 * DAY_MS),
          submittedAt_lt: iso(nowMs - (k % 6) * 15 * DAY_MS),
        },
        sort: ['refundableFen', 'DESC'],
      }),
    },
    {
      label: 'reason + channel, by SLA due',
      stock: true,
      shape: (k) => ({
        filter: {
          reasonCategory: REASON_CATEGORIES[k % REASON_CATEGORIES.length],
          submissionChannel: SUBMISSION_CHANNELS[k % SUBMISSION_CHANNELS.length],
        },
        sort: ['slaDueAt', 'ASC'],
      }),
    },
    {
      label: 'open statuses (the queue), by SLA due',
      stock: true,
      shape: () => ({ filter: { status: [...OPEN_REFUND_STATUSES] }, sort: ['slaDueAt', 'ASC'] }),
    },
    {
      label: 'payment channel + decided, by decided desc',
      stock: true,
      shape: (k) => ({
        filter: {
          paymentChannel: PAYMENT_CHANNELS[k % PAYMENT_CHANNELS.length],
          status: ['approved', 'partially_approved', 'refunded'],
        },
        sort: ['decidedAt', 'DESC'],
      }),
    },
    {
      label: 'SLA state (computed), by SLA due',
      stock: false,
      shape: () => ({ filter: { slaState: ['breached', 'due_soon'] }, sort: ['slaDueAt', 'ASC'] }),
    },
  ];
}

export interface ListPage {
  filter: Record<string, unknown>;
  sort: [string, 'ASC' | 'DESC'];
  range: [number, number];
}

/**
 * The list mix: the filters and sorts the queue, the sidebar and the saved queries send, each in
 * turn, on the first, second and fifth page. `callerId(index)` is who sends list `index`: the
 * assignee filter is their own queue (a reviewer may not filter by a colleague). `stockOnly`: only
 * the shapes stock json-server can answer, for the side-by-side comparison.
 */
export function listMix(nowMs: number, callerId: (index: number) => string, stockOnly = false) {
  const shapes = listShapes(nowMs, callerId).filter((s) => !stockOnly || s.stock);
  const ranges: [number, number][] = [
    [0, 24],
    [0, 24],
    [25, 49],
    [100, 124],
  ];
  const query = (index: number): ListPage => {
    const round = Math.floor(index / shapes.length);
    const shape = shapes[index % shapes.length].shape(round, index);
    return { ...shape, range: ranges[round % ranges.length] };
  };
  const path = (index: number) => `/api/refunds${listQuery(query(index))}`;
  const label = (index: number) => shapes[index % shapes.length].label;
  return { query, path, label };
}

/**
 * The same page in stock json-server's dialect: field filters (an array as the key repeated, which
 * it reads as any-of), `_gte` / `_lte` bounds, `q`, `_sort` / `_order`, `_start` / `_end` (exclusive).
 * Anything it has no equivalent for is refused rather than sent as a different question.
 */
export function toStockQuery(page: ListPage): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(page.filter)) {
    const field = key.replace(/_(gte|lte)$/, '');
    if (/_(lt|gt|ne|like)$/.test(key) || !/^[A-Za-z]+$/.test(field) || !STOCK_FIELDS.has(field)) {
      throw new Error(`stock json-server has no equivalent of the filter ${key}`);
    }
    const values = Array.isArray(value) ? value : [value];
    for (const v of values) {
      // 'unassigned' means null to the API (nullAliases); stock would look for the text
      if (v === null || typeof v === 'object' || v === 'unassigned') {
        throw new Error(`stock json-server has no equivalent of ${key}=${JSON.stringify(v)}`);
      }
      search.append(key, String(v));
    }
  }
  search.set('_sort', page.sort[0]);
  search.set('_order', page.sort[1].toLowerCase());
  search.set('_start', String(page.range[0]));
  search.set('_end', String(page.range[1] + 1));
  return `?${search.toString()}`;
}

/** Fields stored on the record, and q (a computed filter such as slaState or decided is none). */
const STOCK_FIELDS = new Set<string>(['q', ...Object.keys(READ_RESOURCES.refunds.fields)]);

export type TermKind = 'order number fragment' | 'customer name' | 'description word';

/** Search terms taken from the data: order-number fragments, customer names, description words. */
export function searchTerms(
  sample: readonly RefundRequest[],
  rng: Rng,
  count = 60,
): { term: string; kind: TermKind }[] {
  const orders: string[] = [];
  const names: string[] = [];
  const words: string[] = [];
  for (const r of rng.shuffle(sample).slice(0, count * 2)) {
    const start = rng.int(2, Math.max(2, r.orderNumber.length - 8));
    orders.push(r.orderNumber.slice(start, start + rng.int(6, 8)));
    names.push(r.customerName);
    const latin = r.description.match(/[A-Za-z]{5,}/g);
    if (latin && latin.length > 0) words.push(rng.pick(latin).toLowerCase());
    else {
      const han = r.description.match(/[\u4e00-\u9fff]{2,}/g);
      if (han && han.length > 0) {
        const run = rng.pick(han);
        const at = rng.int(0, Math.max(0, run.length - 2));
        words.push(run.slice(at, at + rng.int(2, 3)));
      }
    }
  }
  const per = Math.ceil(count / 3);
  const kinds: [TermKind, string[]][] = [
    ['order number fragment', orders],
    ['customer name', names],
    ['description word', words],
  ];
  const terms: { term: string; kind: TermKind }[] = [];
  const seen = new Set<string>();
  for (let k = 0; k < per; k++) {
    for (const [kind, list] of kinds) {
      const term = list[k];
      if (!term || !term.trim() || seen.has(term)) continue;
      seen.add(term);
      terms.push({ term, kind });
    }
  }
  return terms;
}

/** The decision the policy suggests, from the flags stored on the request (refundPolicy.ts order). */
export function suggestedDecision(r: RefundRequest): 'approve' | 'reject' | 'request_info' {
  if (r.infoIncomplete) return 'request_info';
  if (r.duplicate || r.accountRestricted || r.outsideWindow || r.refundableFen === 0) return 'reject';
  return 'approve';
}
