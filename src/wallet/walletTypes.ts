// What the wallet page reads from its backend (mock-api/wallet/walletRoutes.ts): the shapes both
// sides share. The desk's public view is the domain's; coinHold is what the coins piece adds to it.
import type { AccountStatus, CoinOrder, Locale } from '../domain/model';
import type { PublicRefundStatus, RefundPublicView } from '../domain/refundPublicView';

/** coinHold as the coins piece adds it to the public view (issue 16 item 5) */
export interface CoinHold {
  coins: number;
  status: 'held' | 'released' | 'revoked';
  revokedCoins?: number;
}

/** The public view as the platform API answers it, with the coin hold the coins piece adds. */
export type PlatformRefundView = RefundPublicView & { coinHold?: CoinHold | null };

export interface WalletCustomer {
  id: string;
  name: string;
  locale: Locale;
  accountStatus: AccountStatus;
}

export interface DeskRequestSummary {
  id: string;
  orderNumber: string;
  status: PublicRefundStatus;
  submittedAt: string;
}

export interface Purchase extends CoinOrder {
  /** the order's requests the desk has, newest first */
  requests: DeskRequestSummary[];
}

export interface InboxEntry {
  eventId: string;
  type: string;
  at: string;
  refundId: string | null;
  orderNumber: string | null;
}

export interface CoinBalance {
  /** the coins of the customer's orders not spent, less those the desk took back */
  balance: number;
  /** of the balance, held by open refund requests (cannot be spent) */
  held: number;
  /** taken back by approved refunds */
  revoked: number;
  available: number;
}

export interface WalletCustomerAnswer {
  customer: WalletCustomer;
  purchases: Purchase[];
  requests: PlatformRefundView[];
  inbox: InboxEntry[];
  balance: CoinBalance;
  connected: boolean;
}
