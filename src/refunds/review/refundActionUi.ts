// How each refund action shows on the review screen: one entry per action of the domain's workflow
// (RefundAction), so a new action does not compile until it says here whether and how it shows.
// The action bar's buttons (in this order), their colours, the keyboard shortcuts and the help
// dialog's list all read this table. No component here: the page's first chunk can read it.
import type { RefundAction } from '../../domain/refundWorkflow';

export type RefundShortcutKey = 'a' | 'r' | 'i';

export interface RefundActionUi {
  /** a dialog asks for the body; a command runs at once (its body is the version only) */
  opens: 'dialog' | 'command';
  color?: 'primary' | 'success' | 'error';
  shortcut?: RefundShortcutKey;
  /** goes to the customer: after one, queue mode opens the next request */
  decision?: boolean;
  /** a developer tool (the customer's reply), shown only with the dev tools */
  devTools?: boolean;
}

/** null: not offered on the request page (the system's actions; an overturn is the complaint's). */
export const REFUND_ACTION_UI = {
  claim: { opens: 'command' },
  release: { opens: 'command' },
  approve: { opens: 'dialog', color: 'success', shortcut: 'a', decision: true },
  reject: { opens: 'dialog', color: 'error', shortcut: 'r', decision: true },
  request_info: { opens: 'dialog', shortcut: 'i', decision: true },
  second_approval: { opens: 'dialog' },
  override: { opens: 'dialog' },
  reassign: { opens: 'dialog' },
  customer_reply: { opens: 'dialog', devTools: true },
  info_timeout: null,
  payout: null,
  release_inactive: null,
  release_away: null,
  release_idle: null,
  auto_assign: null,
  auto_approve: null,
  overturn: null,
} as const satisfies Record<RefundAction, RefundActionUi | null>;

type Table = typeof REFUND_ACTION_UI;

/** The actions with a button. */
export type ButtonAction = { [A in keyof Table]: Table[A] extends null ? never : A }[keyof Table];
/** The actions whose button opens a dialog. */
export type DialogAction = {
  [A in ButtonAction]: Table[A] extends { opens: 'dialog' } ? A : never;
}[ButtonAction];
/** The actions that run at once. */
export type ImmediateAction = Exclude<ButtonAction, DialogAction>;

const uiOf = (action: string): RefundActionUi | null =>
  (REFUND_ACTION_UI as Record<string, RefundActionUi | null>)[action] ?? null;

/** The actions with a button, in the order they are shown. */
export const BUTTON_ACTIONS = (Object.keys(REFUND_ACTION_UI) as (keyof Table)[]).filter(
  (action): action is ButtonAction => uiOf(action) !== null,
);

export const refundActionUi = (action: ButtonAction): RefundActionUi => uiOf(action) as RefundActionUi;

/** The actions with a shortcut key, in the table's order. */
export const REFUND_SHORTCUTS = BUTTON_ACTIONS.flatMap((action) => {
  const key = refundActionUi(action).shortcut;
  return key ? [{ action, key }] : [];
});
