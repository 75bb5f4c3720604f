// Keyboard shortcuts of the review screens: single keys on the page, never while the reviewer is
// typing (inputs, text areas, selects, editable content) or working in a dialog or menu, and never
// with Ctrl, Alt or ⌘ (the browser's and the system's own shortcuts stay theirs).
import { useEffect, useRef } from 'react';
import { REFUND_SHORTCUTS, type RefundShortcutKey } from './refundActionUi';

export type ShortcutKey = 'n' | RefundShortcutKey | 'j' | 'k' | 'Enter' | '?';

/**
 * Every shortcut the desk knows, in the order the help dialog lists them (labels are i18n keys):
 * the actions' own keys come from the action table (refundActionUi.ts).
 */
export const SHORTCUTS: readonly { key: ShortcutKey; label: string }[] = [
  { key: 'n', label: 'shortcuts.claim_next' },
  ...REFUND_SHORTCUTS.map(({ action, key }) => ({ key, label: `shortcuts.${action}` })),
  { key: 'j', label: 'shortcuts.next' },
  { key: 'k', label: 'shortcuts.previous' },
  { key: 'Enter', label: 'shortcuts.open_or_confirm' },
  { key: '?', label: 'shortcuts.help' },
];

const TEXT_INPUT_TYPES = new Set([
  'text',
  'search',
  'email',
  'number',
  'password',
  'tel',
  'url',
  'date',
  'datetime-local',
  'month',
  'time',
  'week',
]);

/** True when a keystroke on this element belongs to it: typing, or a dialog, menu or list box. */
export function isTypingTarget(target: EventTarget | null): boolean {
  if (!target || typeof (target as Element).closest !== 'function') return false;
  const element = target as HTMLElement;
  if (element.isContentEditable) return true;
  const tag = element.tagName;
  if (tag === 'TEXTAREA' || tag === 'SELECT') return true;
  if (tag === 'INPUT') {
    const type = ((element as HTMLInputElement).type || 'text').toLowerCase();
    if (TEXT_INPUT_TYPES.has(type)) return true;
  }
  return (
    element.closest(
      '[role="dialog"], [role="alertdialog"], [role="menu"], [role="listbox"], [role="combobox"], [contenteditable="true"]',
    ) !== null
  );
}

/** Elements on which Enter already means something (a button, a link, a checkbox). */
function isInteractive(target: EventTarget | null): boolean {
  if (!target || typeof (target as Element).closest !== 'function') return false;
  return (
    (target as Element).closest('button, a[href], input, textarea, select, [role="button"], [role="tab"]') !==
    null
  );
}

export type ShortcutHandlers = Partial<Record<ShortcutKey, () => void>>;

/**
 * Listens for the given single-key shortcuts on the document while `enabled`. The handlers may
 * change on every render: the latest ones run, the listener is added once.
 */
export function useKeyboardShortcuts(handlers: ShortcutHandlers, enabled = true): void {
  const latest = useRef(handlers);
  useEffect(() => {
    latest.current = handlers;
  });
  useEffect(() => {
    if (!enabled) return;
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey || event.isComposing)
        return;
      if (isTypingTarget(event.target)) return;
      const key = event.key === 'Enter' ? 'Enter' : event.key.length === 1 ? event.key : null;
      if (key === null) return;
      if (key === 'Enter' && isInteractive(event.target)) return;
      const handler = latest.current[key as ShortcutKey];
      if (!handler) return;
      event.preventDefault();
      handler();
    };
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, [enabled]);
}
