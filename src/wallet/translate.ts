// The wallet's translate function: a dotted key of its catalogue (src/wallet/messages.ts) with
// %{name} placeholders, in one of the two languages; an unknown key answers itself.
import type { Locale } from '../domain/model';
import { walletCatalogues } from './messages';

export type WalletTranslate = (key: string, params?: Record<string, string | number>) => string;

type Tree = { [key: string]: string | Tree };

function lookup(tree: Tree, key: string): string | undefined {
  // keys may themselves hold a dot (`event.refund.received`): try the longest known prefix first
  if (typeof tree[key] === 'string') return tree[key];
  const parts = key.split('.');
  for (let i = 1; i < parts.length; i++) {
    const head = parts.slice(0, i).join('.');
    const branch = tree[head];
    if (branch && typeof branch === 'object') {
      const found = lookup(branch, parts.slice(i).join('.'));
      if (found !== undefined) return found;
    }
  }
  return undefined;
}

export function walletTranslator(locale: Locale): WalletTranslate {
  const tree = walletCatalogues[locale] as unknown as Tree;
  return (key, params = {}) => {
    const text = lookup(tree, key) ?? key;
    return text.replace(/%\{(\w+)\}/g, (whole, name: string) =>
      params[name] === undefined ? whole : String(params[name]),
    );
  };
}
