// The wallet page's JSON API (/wallet-api/…): pick a customer, see their purchases, coin balance,
// requests and notifications; apply, reply, resubmit, complain, rate. Each write goes to the desk's
// platform API with the wallet's key; the desk's refusals come back as the desk answered them (in
// the language the page asked for). Nothing secret is ever in an answer.
import crypto from 'node:crypto';
import express, { type Express, type Request, type Response } from 'express';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import {
  COMPLAINT_CATEGORIES,
  INFO_ITEMS,
  REASON_CATEGORIES,
  type InfoItem,
  type Locale,
} from '../../src/domain/model';
import { negotiateLocale } from '../../src/i18n/acceptLanguage';
import type { WalletRefusal } from '../../src/wallet/messages';
import { walletTranslator } from '../../src/wallet/translate';
import { DeskApiError, type PlatformApi, type PlatformRefundView } from './platformClient';
import { findCustomer, findCustomers, purchasesOf } from './purchases';
import { coinBalance, type WalletState } from './walletState';

export interface WalletRouteContext {
  db: Kysely<Database>;
  /** the state of the connection in use (a new platform client starts a new one) */
  state(): WalletState;
  /** the platform API with the wallet's key, once the wallet is connected */
  platform(): PlatformApi | null;
}

export function sendWalletRefusal(req: Request, res: Response, status: number, code: WalletRefusal): void {
  const t = walletTranslator(negotiateLocale(req.headers['accept-language']));
  res.status(status).json({ message: t(`refusals.${code}`), code });
}

function localeOf(req: Request): Locale {
  return negotiateLocale(req.headers['accept-language']);
}

type Handler = (req: Request, res: Response) => Promise<void>;

/** Desk refusals pass through; a desk that cannot be reached is a 502. */
function handle(
  ctx: WalletRouteContext,
  run: (req: Request, res: Response, platform: PlatformApi) => Promise<void>,
): Handler {
  return async (req, res) => {
    const platform = ctx.platform();
    if (!platform) return sendWalletRefusal(req, res, 503, 'not_connected');
    try {
      await run(req, res, platform);
    } catch (error) {
      if (error instanceof DeskApiError) {
        res.status(error.status).json(error.body);
        return;
      }
      sendWalletRefusal(req, res, 502, 'desk_unreachable');
    }
  };
}

function body(req: Request): Record<string, unknown> | null {
  const b = req.body as unknown;
  return typeof b === 'object' && b !== null && !Array.isArray(b) ? (b as Record<string, unknown>) : null;
}

const text = (v: unknown) => (typeof v === 'string' ? v : '');
const items = (v: unknown): InfoItem[] =>
  Array.isArray(v) ? v.filter((i): i is InfoItem => (INFO_ITEMS as readonly unknown[]).includes(i)) : [];
const oneOf = <T extends string>(values: readonly T[], v: unknown): T | null =>
  (values as readonly unknown[]).includes(v) ? (v as T) : null;

function idempotencyKey(req: Request): string {
  const given = req.headers['idempotency-key'];
  return typeof given === 'string' && given.length > 0 && given.length <= 200 ? given : crypto.randomUUID();
}

function newestFirst(requests: Record<string, PlatformRefundView>): PlatformRefundView[] {
  return Object.values(requests).sort((a, b) =>
    a.submittedAt < b.submittedAt ? 1 : a.submittedAt > b.submittedAt ? -1 : 0,
  );
}

export function registerWalletRoutes(app: Express, ctx: WalletRouteContext): void {
  const json = express.json({ limit: '100kb' });
  const wrap = (h: Handler) => (req: Request, res: Response) => {
    h(req, res).catch(() => sendWalletRefusal(req, res, 500, 'desk_unreachable'));
  };

  app.get('/wallet-api/health', (_req, res) => {
    res.json({ connected: ctx.platform() !== null });
  });

  app.get(
    '/wallet-api/customers',
    wrap(async (req, res) => {
      res.json(await findCustomers(ctx.db, typeof req.query.q === 'string' ? req.query.q.slice(0, 100) : ''));
    }),
  );

  app.get(
    '/wallet-api/customers/:id',
    wrap(async (req, res) => {
      const customer = await findCustomer(ctx.db, req.params.id!);
      if (!customer) return sendWalletRefusal(req, res, 404, 'unknown_customer');
      const purchases = await purchasesOf(ctx.db, customer.id);
      const state = ctx.state().customer(customer.id);
      const requests = newestFirst(state.requests);
      const unspent = purchases.reduce((sum, p) => sum + Math.max(0, p.coins - p.coinsSpent), 0);
      res.json({
        customer,
        purchases,
        requests,
        inbox: state.inbox,
        balance: coinBalance(unspent, requests),
        connected: ctx.platform() !== null,
      });
    }),
  );

  app.post(
    '/wallet-api/customers/:id/refund-requests',
    json,
    wrap(
      handle(ctx, async (req, res, platform) => {
        const b = body(req);
        const reasonCategory = oneOf(REASON_CATEGORIES, b?.reasonCategory);
        const customer = await findCustomer(ctx.db, req.params.id!);
        if (!customer) return sendWalletRefusal(req, res, 404, 'unknown_customer');
        if (!b || !reasonCategory || typeof b.orderNumber !== 'string') {
          return sendWalletRefusal(req, res, 422, 'bad_body');
        }
        const order = (await purchasesOf(ctx.db, customer.id)).find((p) => p.orderNumber === b.orderNumber);
        const locale = localeOf(req);
        const view = await platform.submit(
          {
            orderNumber: b.orderNumber,
            customerId: customer.id,
            ...(b.includePurchasedAt === true && order ? { purchasedAt: order.purchasedAt } : {}),
            reasonCategory,
            description: text(b.description),
            providedItems: items(b.providedItems),
            locale,
          },
          idempotencyKey(req),
          locale,
        );
        res.status(201).json(ctx.state().recordView(view));
      }),
    ),
  );

  app.get(
    '/wallet-api/refund-requests/:id',
    wrap(
      handle(ctx, async (req, res, platform) => {
        res.json(ctx.state().recordView(await platform.get(req.params.id!, localeOf(req))));
      }),
    ),
  );

  app.post(
    '/wallet-api/refund-requests/:id/replies',
    json,
    wrap(
      handle(ctx, async (req, res, platform) => {
        const b = body(req);
        if (!b) return sendWalletRefusal(req, res, 422, 'bad_body');
        const view = await platform.reply(
          req.params.id!,
          { suppliedItems: items(b.suppliedItems), message: text(b.message) },
          localeOf(req),
        );
        res.json(ctx.state().recordView(view));
      }),
    ),
  );

  app.post(
    '/wallet-api/refund-requests/:id/resubmissions',
    json,
    wrap(
      handle(ctx, async (req, res, platform) => {
        const b = body(req);
        if (!b) return sendWalletRefusal(req, res, 422, 'bad_body');
        const view = await platform.resubmit(
          req.params.id!,
          { description: text(b.description), providedItems: items(b.providedItems) },
          idempotencyKey(req),
          localeOf(req),
        );
        res.status(201).json(ctx.state().recordView(view));
      }),
    ),
  );

  app.post(
    '/wallet-api/refund-requests/:id/complaints',
    json,
    wrap(
      handle(ctx, async (req, res, platform) => {
        const b = body(req);
        const category = oneOf(COMPLAINT_CATEGORIES, b?.category);
        if (!b || !category) return sendWalletRefusal(req, res, 422, 'bad_body');
        const complaint = await platform.complain(
          req.params.id!,
          { category, description: text(b.description) },
          localeOf(req),
        );
        res.status(201).json(complaint);
      }),
    ),
  );

  // the desk judges the score and the comment (and answers in the page's language); the view that
  // comes back carries the rating, so the page stops asking
  app.post(
    '/wallet-api/refund-requests/:id/rating',
    json,
    wrap(
      handle(ctx, async (req, res, platform) => {
        const b = body(req);
        if (!b || typeof b.score !== 'number') return sendWalletRefusal(req, res, 422, 'bad_body');
        const locale = localeOf(req);
        await platform.rate(
          req.params.id!,
          { score: b.score, ...(typeof b.comment === 'string' ? { comment: b.comment } : {}) },
          locale,
        );
        res.status(201).json(ctx.state().recordView(await platform.get(req.params.id!, locale)));
      }),
    ),
  );

  app.use('/wallet-api', (req, res) => sendWalletRefusal(req, res, 404, 'unknown_request'));
}
