// All the app's messages, one file per area, merged into one tree per language.
// Several areas add to `resources`, so the merge is deep.
import auth from './auth';
import common from './common';
import complaints from './complaints';
import customers from './customers';
import dashboard from './dashboard';
import layout from './layout';
import orders from './orders';
import policy from './policy';
import refunds from './refunds';
import refusals from './refusals';
import users from './users';
import type { MessageTree } from './types';

export const messageAreas = {
  common,
  auth,
  refunds,
  policy,
  customers,
  orders,
  users,
  dashboard,
  complaints,
  layout,
  refusals,
} as const;

export function deepMerge(...trees: MessageTree[]): MessageTree {
  const out: MessageTree = {};
  for (const tree of trees) {
    for (const [key, value] of Object.entries(tree)) {
      const existing = out[key];
      if (typeof value === 'object' && typeof existing === 'object') {
        out[key] = deepMerge(existing, value);
      } else {
        out[key] = value;
      }
    }
  }
  return out;
}

const areas = Object.values(messageAreas);

export const appMessages: { en: MessageTree; zh: MessageTree } = {
  en: deepMerge(...areas.map((area) => area.en)),
  zh: deepMerge(...areas.map((area) => area.zh)),
};
