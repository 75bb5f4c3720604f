// The access-control route table's part-11 routes: the live stream and presence, staff accounts,
// the platform API and its clients, webhooks. Kept beside accessControlKit.ts's table, which
// spreads them in; each case's body and ids are chosen so an allowed call changes nothing.
import type { RouteCase } from './accessControlRouteTypes';

export function connectionRoutes(ids: { openRefund: string; user: string }): RouteCase[] {
  return [
    // live updates (mock-api/routes/live.ts): whoever reads requests (mayFollowLive)
    {
      registered: 'GET /api/stream',
      method: 'GET',
      url: () => '/api/stream',
      permission: { resource: 'refunds', action: 'list' },
      allowed: 200,
    },
    {
      registered: 'GET /api/presence',
      method: 'GET',
      url: () => `/api/presence?resource=refunds&id=${ids.openRefund}`,
      permission: { resource: 'refunds', action: 'list' },
      allowed: 200,
    },
    {
      registered: 'POST /api/presence',
      method: 'POST',
      url: () => '/api/presence',
      permission: { resource: 'refunds', action: 'list' },
      body: {},
      allowed: 422,
    },
    // the bell (routes/notifications.ts): everyone signed in has their own; an unknown id is a 404
    {
      registered: 'GET /api/notifications',
      method: 'GET',
      url: () => '/api/notifications',
      permission: 'signed-in',
      allowed: 200,
    },
    {
      registered: 'POST /api/notifications/read-all',
      method: 'POST',
      url: () => '/api/notifications/read-all',
      permission: 'signed-in',
      allowed: 200,
    },
    {
      registered: 'POST /api/notifications/:id/read',
      method: 'POST',
      url: () => '/api/notifications/nt0/read',
      permission: 'signed-in',
      allowed: 404,
    },
    // staff accounts (routes/users.ts): bodies fail validation, so nothing changes
    {
      registered: 'POST /api/users',
      method: 'POST',
      url: () => '/api/users',
      permission: { resource: 'users', action: 'create' },
      body: {},
      allowed: 422,
    },
    ...['role', 'routing', 'deactivate', 'reactivate'].map((segment): RouteCase => ({
      registered: `POST /api/users/:id/${segment}`,
      method: 'POST',
      url: () => `/api/users/${ids.user}/${segment}`,
      permission: { resource: 'users', action: 'edit' },
      body: {},
      allowed: 422,
    })),
    {
      registered: 'GET /api/users/:id/changes',
      method: 'GET',
      url: () => `/api/users/${ids.user}/changes`,
      permission: { resource: 'users', action: 'edit' },
      allowed: 200,
    },
    // away mode: those who hold claims; the reviewer's own account, so each who may gets to the body
    {
      registered: 'POST /api/users/:id/away',
      method: 'POST',
      url: () => `/api/users/${ids.user}/away`,
      permission: { resource: 'users', action: 'away' },
      body: {},
      allowed: 422,
    },
    // the platform API (platformIntake.test.ts calls it with keys): no staff token reaches it
    ...(
      [
        ['POST', '/api/platform/refund-requests'],
        ['GET', '/api/platform/refund-requests/:id'],
        ['POST', '/api/platform/refund-requests/:id/replies'],
        ['POST', '/api/platform/refund-requests/:id/resubmissions'],
        ['POST', '/api/platform/refund-requests/:id/complaints'],
        ['POST', '/api/platform/refund-requests/:id/rating'],
      ] as const
    ).map(([method, path]): RouteCase => ({
      registered: `${method} ${path}`,
      method,
      url: () => path.replace(':id', ids.openRefund),
      permission: 'platform-key',
      body: method === 'POST' ? {} : undefined,
      allowed: 401,
    })),
    // platform clients (admins): a blank create is a 422, an unknown client a 404; nothing changes
    {
      registered: 'GET /api/platform-clients',
      method: 'GET',
      url: () => '/api/platform-clients',
      permission: { resource: 'platform-clients', action: 'list' },
      allowed: 200,
    },
    {
      registered: 'POST /api/platform-clients',
      method: 'POST',
      url: () => '/api/platform-clients',
      permission: { resource: 'platform-clients', action: 'create' },
      body: {},
      allowed: 422,
    },
    {
      registered: 'GET /api/platform-clients/:id',
      method: 'GET',
      url: () => '/api/platform-clients/pc-none',
      permission: { resource: 'platform-clients', action: 'show' },
      allowed: 404,
    },
    {
      registered: 'POST /api/platform-clients/:id/revoke',
      method: 'POST',
      url: () => '/api/platform-clients/pc-none/revoke',
      permission: { resource: 'platform-clients', action: 'revoke' },
      body: {},
      allowed: 404,
    },
    // the SLA calendar (routes/settings.ts): everyone reads it; a change without a version is a 422
    {
      registered: 'GET /api/settings/sla',
      method: 'GET',
      url: () => '/api/settings/sla',
      permission: { resource: 'sla-settings', action: 'show' },
      allowed: 200,
    },
    {
      registered: 'PUT /api/settings/sla',
      method: 'PUT',
      url: () => '/api/settings/sla',
      permission: { resource: 'sla-settings', action: 'edit' },
      body: {},
      allowed: 422,
    },
    {
      registered: 'GET /api/settings/sla/changes',
      method: 'GET',
      url: () => '/api/settings/sla/changes',
      permission: { resource: 'sla-settings', action: 'edit' },
      allowed: 200,
    },
    // automatic assignment (routes/settings.ts): everyone reads it, supervisors and admins switch it
    {
      registered: 'GET /api/settings/assignment',
      method: 'GET',
      url: () => '/api/settings/assignment',
      permission: { resource: 'assignment-settings', action: 'show' },
      allowed: 200,
    },
    {
      registered: 'PUT /api/settings/assignment',
      method: 'PUT',
      url: () => '/api/settings/assignment',
      permission: { resource: 'assignment-settings', action: 'edit' },
      body: {},
      allowed: 422,
    },
    {
      registered: 'GET /api/settings/assignment/changes',
      method: 'GET',
      url: () => '/api/settings/assignment/changes',
      permission: { resource: 'assignment-settings', action: 'edit' },
      allowed: 200,
    },
    // the policy's versions (routes/policies.ts): a refused body or an unknown version changes nothing
    ...(
      [
        ['GET', '/api/policies', '/api/policies', 'list', 200],
        ['GET', '/api/policies/:id', '/api/policies/999', 'show', 404],
        ['POST', '/api/policies', '/api/policies', 'create', 422],
        ['POST', '/api/policies/simulate', '/api/policies/simulate', 'simulate', 422],
      ] as const
    ).map(([method, registered, url, action, allowed]): RouteCase => ({
      registered: `${method} ${registered}`,
      method,
      url: () => url,
      permission: { resource: 'policies', action },
      body: method === 'POST' ? {} : undefined,
      allowed,
    })),
    // webhooks (the admin's): ids that do not exist, so a permitted call changes nothing (404)
    ...(
      [
        ['POST', '/api/webhook-endpoints', '/api/webhook-endpoints', 'webhook-endpoints', 'create', 422],
        ['GET', '/api/webhook-endpoints', '/api/webhook-endpoints', 'webhook-endpoints', 'list', 200],
        [
          'GET',
          '/api/webhook-endpoints/:id',
          '/api/webhook-endpoints/we_none',
          'webhook-endpoints',
          'show',
          404,
        ],
        [
          'DELETE',
          '/api/webhook-endpoints/:id',
          '/api/webhook-endpoints/we_none',
          'webhook-endpoints',
          'delete',
          404,
        ],
        ['GET', '/api/webhook-deliveries', '/api/webhook-deliveries', 'webhook-deliveries', 'list', 200],
        [
          'GET',
          '/api/webhook-deliveries/:id',
          '/api/webhook-deliveries/none',
          'webhook-deliveries',
          'show',
          404,
        ],
        [
          'POST',
          '/api/webhook-deliveries/:id/redeliver',
          '/api/webhook-deliveries/none/redeliver',
          'webhook-deliveries',
          'redeliver',
          404,
        ],
      ] as const
    ).map(([method, registered, url, resource, action, allowed]): RouteCase => ({
      registered: `${method} ${registered}`,
      method,
      url: () => url,
      permission: { resource, action },
      body: method === 'POST' ? {} : undefined,
      allowed,
    })),
  ];
}
