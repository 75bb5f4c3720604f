// `npm run simulate`: simulated customers submit refund requests through the desk's platform API at
// a configurable rate (simulatorChoice.ts), about random orders of the seeded data that intake will
// take, then watch their requests and answer the desk: the missing items when asked, a
// resubmission or a complaint after a rejection. It has a platform client of its own, made by the
// admin on first start and remembered in mock-api/data/. SIMULATE=0 turns it off (npm start).
import crypto from 'node:crypto';
import path from 'node:path';
import { connect, targetFromEnv } from '../db/connect';
import type { Locale } from '../../src/domain/model';
import { createRng } from '../seed/random';
import { WALLET_DATA_DIR, waitForConnection } from './credentials';
import { DeskApiError, platformApi, type PlatformApi, type PlatformRefundView } from './platformClient';
import { orderCandidates, type OrderCandidate } from './purchases';
import {
  chooseOrder,
  firstDelayMs,
  followUpFor,
  followUpKey,
  makeSubmission,
  nextDelayMs,
  settingsFromEnv,
  type SimulatorSettings,
} from './simulatorChoice';

const log = (line: string) => console.log(`[simulate] ${line}`);
const CLOSED: readonly PlatformRefundView['status'][] = ['approved', 'refunded'];
const TRACK_LIMIT = 500;

interface Tracked {
  locale: Locale;
  answered: Set<string>;
  /** not before this time: the customer takes a while to answer */
  notBefore: number;
}

function describe(error: unknown): string {
  if (error instanceof DeskApiError)
    return `${error.status} ${error.body.code ?? ''} ${error.message}`.trim();
  return String(error);
}

async function main(): Promise<void> {
  if (process.env.SIMULATE === '0') {
    log('SIMULATE=0: not simulating');
    return;
  }
  const settings: SimulatorSettings = settingsFromEnv(process.env);
  const apiUrl = process.env.DESK_API_URL ?? `http://127.0.0.1:${process.env.API_PORT ?? '3001'}`;
  const rng = createRng(Number(process.env.SIMULATE_SEED ?? Date.now() % 2 ** 31));
  const started = Date.now();
  const connection = await waitForConnection({
    apiUrl,
    file: path.join(WALLET_DATA_DIR, 'simulator-connection.json'),
    clientName: 'Simulator',
    log,
  });
  const platform: PlatformApi = platformApi(apiUrl, connection.key);
  const handle = connect(targetFromEnv());
  let candidates: OrderCandidate[] = await orderCandidates(handle.db);
  let loadedAt = Date.now();
  const used = new Set<string>();
  const tracked = new Map<string, Tracked>();
  log(`${candidates.length} orders to choose from; ${settings.ratePerMinute} requests a minute`);

  const track = (view: PlatformRefundView, locale: Locale) => {
    tracked.set(view.id, { locale, answered: new Set(), notBefore: 0 });
    while (tracked.size > TRACK_LIMIT) tracked.delete(tracked.keys().next().value!);
  };

  const submitOne = async () => {
    if (Date.now() - loadedAt > 10 * 60_000) {
      candidates = await orderCandidates(handle.db);
      loadedAt = Date.now();
    }
    const order = chooseOrder(rng, candidates, used);
    if (!order) return log('no order left that intake would take');
    used.add(order.orderNumber);
    const body = makeSubmission(rng, order, settings);
    try {
      const view = await platform.submit(body, crypto.randomUUID(), order.customerLocale);
      track(view, order.customerLocale);
      const after = ((Date.now() - started) / 1000).toFixed(0);
      log(`submitted ${view.id} (order ${order.orderNumber}, ${body.reasonCategory}) ${after} s after start`);
    } catch (error) {
      log(`intake refused order ${order.orderNumber}: ${describe(error)}`);
    }
  };

  const followUp = async () => {
    for (const [id, t] of [...tracked]) {
      if (Date.now() < t.notBefore) continue;
      let view: PlatformRefundView;
      try {
        view = await platform.get(id, t.locale);
      } catch (error) {
        if (error instanceof DeskApiError && error.status === 404) tracked.delete(id);
        continue;
      }
      const key = followUpKey(view);
      if (t.answered.has(key)) continue;
      if (t.notBefore === 0 && view.status === 'awaiting_info') {
        // the customer reads the message first
        t.notBefore = Date.now() + rng.exp(settings.replyDelayMs);
        continue;
      }
      t.answered.add(key);
      t.notBefore = 0;
      const action = followUpFor(rng, view, t.locale, settings);
      try {
        if (action?.kind === 'reply') await platform.reply(id, action.body, t.locale);
        if (action?.kind === 'complain') await platform.complain(id, action.body, t.locale);
        if (action?.kind === 'resubmit') {
          const next = await platform.resubmit(id, action.body, crypto.randomUUID(), t.locale);
          track(next, t.locale);
        }
        if (action) log(`${action.kind} on ${id}`);
      } catch (error) {
        log(`${action?.kind ?? 'follow-up'} on ${id} refused: ${describe(error)}`);
      }
      if (CLOSED.includes(view.status) || action?.kind === 'resubmit') tracked.delete(id);
    }
  };

  let stopped = false;
  let submitTimer: NodeJS.Timeout;
  const scheduleSubmit = (delay: number) => {
    submitTimer = setTimeout(() => {
      void submitOne().finally(() => {
        if (!stopped) scheduleSubmit(nextDelayMs(rng, settings.ratePerMinute));
      });
    }, delay);
  };
  scheduleSubmit(Math.max(0, firstDelayMs(rng, settings) - (Date.now() - started)));
  let polling = false;
  const pollTimer = setInterval(() => {
    if (polling) return;
    polling = true;
    void followUp().finally(() => (polling = false));
  }, settings.pollMs);

  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      stopped = true;
      clearTimeout(submitTimer);
      clearInterval(pollTimer);
      void handle.close().finally(() => process.exit(0));
    });
  }
}

main().catch((error: unknown) => {
  log(`stopped: ${describe(error)}`);
  process.exitCode = 1;
});
