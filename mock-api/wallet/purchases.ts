// The platform's own records the wallet shows: its customers and their coin purchases. In this demo
// the platform's records are the seeded customers and orders in the desk's database, read (never
// written) through the desk's DB layer, so the wallet needs no staff account; on either engine
// (the same DB_FILE / DATABASE_URL as the API). Also read: which of an order's requests the desk
// already has (status only, as the customer would be told it), so the page can say so.
import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema';
import type { CoinOrder, Customer, Locale, RefundStatus } from '../../src/domain/model';
import { publicRefundStatus } from '../../src/domain/refundPublicView';
import type { Purchase, WalletCustomer } from '../../src/wallet/walletTypes';

export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** Customers whose name holds `search` (all when empty), by name, at most `limit`. */
export async function findCustomers(
  db: Kysely<Database>,
  search: string,
  limit = 50,
): Promise<WalletCustomer[]> {
  let query = db
    .selectFrom('customers')
    .select(['id', 'name', 'locale', 'accountStatus'])
    .orderBy('name')
    .orderBy('id')
    .limit(limit);
  const needle = search.trim().toLowerCase();
  if (needle) {
    const pattern = `%${escapeLike(needle)}%`;
    query = query.where(sql<boolean>`${sql.ref('nameFolded')} like ${pattern} escape '\\'`);
  }
  const rows = await query.execute();
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    locale: r.locale as Locale,
    accountStatus: r.accountStatus as Customer['accountStatus'],
  }));
}

export async function findCustomer(db: Kysely<Database>, id: string): Promise<WalletCustomer | null> {
  const row = await db
    .selectFrom('customers')
    .select(['id', 'name', 'locale', 'accountStatus'])
    .where('id', '=', id)
    .executeTakeFirst();
  return row
    ? {
        id: row.id,
        name: row.name,
        locale: row.locale as Locale,
        accountStatus: row.accountStatus as Customer['accountStatus'],
      }
    : null;
}

/** The customer's purchases, newest first, each with the desk's requests on it. */
export async function purchasesOf(db: Kysely<Database>, customerId: string): Promise<Purchase[]> {
  const orders = await db
    .selectFrom('orders')
    .select([
      'id',
      'orderNumber',
      'customerId',
      'coins',
      'paidFen',
      'paymentChannel',
      'purchasedAt',
      'coinsSpent',
      'coinsSpentOnTips',
    ])
    .where('customerId', '=', customerId)
    .orderBy('purchasedAt', 'desc')
    .execute();
  const requests = await db
    .selectFrom('refunds')
    .select(['id', 'orderNumber', 'status', 'submittedAt'])
    .where('customerId', '=', customerId)
    .orderBy('submittedAt', 'desc')
    .execute();
  return orders.map((o) => ({
    ...o,
    paymentChannel: o.paymentChannel as CoinOrder['paymentChannel'],
    requests: requests
      .filter((r) => r.orderNumber === o.orderNumber)
      .map((r) => ({
        id: r.id,
        orderNumber: r.orderNumber,
        status: publicRefundStatus(r.status as RefundStatus),
        submittedAt: r.submittedAt,
      })),
  }));
}

/** An order as the simulator weighs it: its customer, and the statuses of the requests on it. */
export interface OrderCandidate {
  orderNumber: string;
  customerId: string;
  customerLocale: Locale;
  purchasedAt: string;
  coins: number;
  coinsSpent: number;
  requestStatuses: RefundStatus[];
}

/** Every order (at most `limit`, newest first) with its customer's language and its requests' statuses. */
export async function orderCandidates(db: Kysely<Database>, limit = 20_000): Promise<OrderCandidate[]> {
  const orders = await db
    .selectFrom('orders')
    .innerJoin('customers', 'customers.id', 'orders.customerId')
    .select([
      'orders.orderNumber as orderNumber',
      'orders.customerId as customerId',
      'customers.locale as locale',
      'orders.purchasedAt as purchasedAt',
      'orders.coins as coins',
      'orders.coinsSpent as coinsSpent',
    ])
    .orderBy('orders.purchasedAt', 'desc')
    .limit(limit)
    .execute();
  const statuses = await db.selectFrom('refunds').select(['orderNumber', 'status']).execute();
  const byOrder = new Map<string, RefundStatus[]>();
  for (const s of statuses) {
    const list = byOrder.get(s.orderNumber) ?? [];
    list.push(s.status as RefundStatus);
    byOrder.set(s.orderNumber, list);
  }
  return orders.map((o) => ({
    orderNumber: o.orderNumber,
    customerId: o.customerId,
    customerLocale: o.locale as Locale,
    purchasedAt: o.purchasedAt,
    coins: o.coins,
    coinsSpent: o.coinsSpent,
    requestStatuses: byOrder.get(o.orderNumber) ?? [],
  }));
}
