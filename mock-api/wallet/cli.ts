// `npm run wallet`: the demo wallet's backend on WALLET_PORT (5175), talking to the desk's API at
// DESK_API_URL (default http://127.0.0.1:$API_PORT) and reading the platform's customers and
// orders from the same database as the API (DB_FILE / DATABASE_URL).
import { targetFromEnv } from '../db/connect';
import { DEFAULT_WALLET_PORT, startWallet } from './server';

const apiUrl = process.env.DESK_API_URL ?? `http://127.0.0.1:${process.env.API_PORT ?? '3001'}`;
const port = Number(process.env.WALLET_PORT ?? DEFAULT_WALLET_PORT);
const toleranceSeconds = process.env.WALLET_WEBHOOK_TOLERANCE_S
  ? Number(process.env.WALLET_WEBHOOK_TOLERANCE_S)
  : undefined;

const wallet = await startWallet({
  apiUrl,
  port,
  database: targetFromEnv(),
  webhookUrl: process.env.WALLET_WEBHOOK_URL,
  toleranceSeconds,
  log: (line) => console.log(`[wallet] ${line}`),
});
console.log(
  `[wallet] backend on ${wallet.url} (the page: ${wallet.url}/wallet.html once built, or /wallet.html on the Vite dev server)`,
);

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    void wallet.close().finally(() => process.exit(0));
  });
}
