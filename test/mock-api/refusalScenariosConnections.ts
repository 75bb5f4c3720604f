// The refusals of the desk's connections, each with a request that provokes it
// (refusalLanguage.test.ts sends each in English and in Chinese): webhook endpoints
// (mock-api/webhooks/routes.ts) and presence (mock-api/routes/live.ts).
import { send, type Scenarios } from './refusalScenarioKit';

const endpoint = (body: unknown) => send('POST', '/api/webhook-endpoints', 'admin', body);

export const CONNECTION_SCENARIOS: Scenarios = {
  webhook_body_invalid: [
    422,
    async () => endpoint({ url: 'https://example.test/hook', events: ['*'], extra: 1 }),
  ],
  webhook_url_invalid: [422, async () => endpoint({ url: 'ftp://example.test/hook', events: ['*'] })],
  webhook_events_invalid: [
    422,
    async () => endpoint({ url: 'https://example.test/hook', events: ['refund.eaten'] }),
  ],
  presence_body: [
    422,
    async () => send('POST', '/api/presence', 'supervisor', { resource: 'ledgers', id: 'x' }),
  ],
};
