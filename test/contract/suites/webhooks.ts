// The contract suite (test/contract/contract.test.ts registers the parts in order), this part:
// the admin's webhook endpoints and deliveries (issue 16 item 6).
import { describe, expect, it } from 'vitest';
import { call, LONG_ID, NO_SUCH_ID, tokens } from '../contractClient';

export function describeWebhooks(): void {
  describe('webhooks', () => {
    it('registers, lists, shows and disables endpoints; the secret only once', async () => {
      if (!tokens.admin) return;
      const created = await call('createWebhookEndpoint', {
        as: 'admin',
        kind: 'valid',
        body: { url: 'http://127.0.0.1:9/contract-hooks', events: ['*'] },
        expect: 201,
      });
      const { id } = created.body as { id: string };
      await call('createWebhookEndpoint', {
        as: 'admin',
        kind: 'invalid',
        body: { url: 'ftp://x.example/', events: ['*'] },
        expect: 422,
      });
      await call('createWebhookEndpoint', {
        as: 'admin',
        kind: 'invalid',
        body: { url: 'https://x.example/' },
        schemaInvalid: true,
        expect: 422,
      });
      await call('createWebhookEndpoint', {
        as: 'supervisor',
        kind: 'invalid',
        body: { url: 'https://x.example/', events: ['*'] },
        expect: 403,
      });
      const list = await call('listWebhookEndpoints', {
        as: 'admin',
        kind: 'valid',
        query: { range: [0, 9] },
      });
      expect(list.text).not.toContain('whsec_');
      await call('listWebhookEndpoints', { as: 'reviewer', kind: 'invalid', expect: 403 });
      await call('getWebhookEndpoint', { as: 'admin', kind: 'valid', id });
      await call('getWebhookEndpoint', { as: 'admin', kind: 'invalid', id: NO_SUCH_ID, expect: 404 });
      await call('getWebhookEndpoint', { as: 'admin', kind: 'invalid', id: LONG_ID, expect: 400 });
      await call('deleteWebhookEndpoint', { as: 'admin', kind: 'valid', id });
      await call('deleteWebhookEndpoint', { as: 'manager', kind: 'invalid', id, expect: 403 });
      await call('deleteWebhookEndpoint', { as: 'admin', kind: 'invalid', id: NO_SUCH_ID, expect: 404 });
    });

    it('lists and shows deliveries, and redelivers one', async () => {
      if (!tokens.admin) return;
      // an active endpoint and a decision: one delivery (to a port nothing answers on, so it stays pending)
      await call('createWebhookEndpoint', {
        as: 'admin',
        kind: 'valid',
        body: { url: 'http://127.0.0.1:9/contract-deliveries', events: ['refund.rejected'] },
        expect: 201,
      });
      const next = await call('claimNextRefund', { as: 'reviewer', kind: 'valid', expect: [200, 204] });
      if (next.status === 200) {
        const claimed = next.body as { id: string; version: number };
        await call('rejectRefund', {
          as: 'reviewer',
          id: claimed.id,
          body: {
            version: claimed.version,
            reasonCode: 'other',
            customerMessage: 'We cannot refund this purchase; please contact us with details.',
            note: 'contract test: a webhook delivery',
            againstSuggestionReason: 'Contract test: a webhook delivery.',
          },
          kind: 'valid',
        });
      }
      const list = await call('listWebhookDeliveries', {
        as: 'admin',
        kind: 'valid',
        query: {
          range: [0, 24],
          sort: ['createdAt', 'DESC'],
          filter: { status: ['pending', 'failed', 'delivered'] },
        },
      });
      await call('listWebhookDeliveries', {
        as: 'admin',
        kind: 'invalid',
        query: { filter: { nope: 1 } },
        expect: 400,
      });
      await call('listWebhookDeliveries', { as: 'supervisor', kind: 'invalid', expect: 403 });
      const first = (list.body as { id: string }[])[0];
      if (first) {
        await call('getWebhookDelivery', { as: 'admin', kind: 'valid', id: first.id });
        await call('redeliverWebhookDelivery', { as: 'admin', kind: 'valid', id: first.id });
      }
      await call('getWebhookDelivery', { as: 'admin', kind: 'invalid', id: NO_SUCH_ID, expect: 404 });
      await call('redeliverWebhookDelivery', { as: 'admin', kind: 'invalid', id: NO_SUCH_ID, expect: 404 });
      await call('redeliverWebhookDelivery', {
        as: 'reviewer',
        kind: 'invalid',
        id: NO_SUCH_ID,
        expect: 403,
      });
    });
  });
}
