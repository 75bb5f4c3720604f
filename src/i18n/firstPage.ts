// The messages of the first page: every area of src/i18n/messages but the refusal catalogue,
// which the i18n provider adds when a refusal is first said (src/providers/refusalText.ts). The
// whole catalogue, every area, is src/i18n/messages/index.ts.
import { deepMerge } from './deepMerge';
import auth from './messages/auth';
import common from './messages/common';
import complaints from './messages/complaints';
import customers from './messages/customers';
import dashboard from './messages/dashboard';
import layout from './messages/layout';
import live from './messages/live';
import orders from './messages/orders';
import policy from './messages/policy';
import policies from './messages/policies';
import refunds from './messages/refunds';
import type { MessageTree } from './messages/types';
import users from './messages/users';
import platformClients from './messages/platformClients';
import coins from './messages/coins';
import webhooks from './messages/webhooks';
import settings from './messages/settings';
import notifications from './messages/notifications';

export const firstPageAreas = {
  common,
  auth,
  refunds,
  policy,
  policies,
  customers,
  orders,
  users,
  dashboard,
  complaints,
  layout,
  platformClients,
  coins,
  live,
  webhooks,
  settings,
  notifications,
} as const;

export function mergeAreas(areas: readonly { en: MessageTree; zh: MessageTree }[]): {
  en: MessageTree;
  zh: MessageTree;
} {
  return {
    en: deepMerge(...areas.map((area) => area.en)),
    zh: deepMerge(...areas.map((area) => area.zh)),
  };
}

export const firstPageMessages = mergeAreas(Object.values(firstPageAreas));
