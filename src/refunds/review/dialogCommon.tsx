// What every refund workflow dialog is given, and how it submits: through useWorkflowCommand (busy
// state, refusal with "who changed it", refresh, notification by key); on a refusal the dialog
// keeps its input and shows why (a 409 also refreshed the record, so the next try uses the new
// version), and a 422's per-field messages go back to the form's inputs.
import { Alert } from '@mui/material';
import { useTranslate } from 'react-admin';
import type { RefundRequest } from '../../domain/model';
import type { PolicyResult } from '../../domain/refundPolicy';
import type { RefundCommandMethod } from '../../providers/dataProvider';
import { useRefundCommand, type CommandPayload } from '../../workflow/commands';
import type { Notice } from '../../workflow/useWorkflowCommand';

export interface WorkflowDialogProps {
  record: RefundRequest;
  policy: PolicyResult;
  /** false when the request as it is now no longer allows this action */
  stillAllowed: boolean;
  onClose: () => void;
  onDone: (updated: RefundRequest) => void;
}

/**
 * The command of one refund dialog: `submit(payload, done)` runs it and resolves to the refusal
 * (or null), and `frame` is what ActionFormDialog needs of it (busy, refusal, still allowed).
 */
export function useDialogSubmit<M extends RefundCommandMethod>(
  method: M,
  { record, stillAllowed, onClose, onDone }: WorkflowDialogProps,
) {
  const command = useRefundCommand(method);
  const submit = (payload: CommandPayload<M>, done: (updated: RefundRequest) => Notice) =>
    command.run({ id: record.id, payload }, { done, onSuccess: onDone });
  const frame = {
    resource: 'refunds' as const,
    onClose,
    isPending: command.isPending,
    error: command.error,
    stillAllowed,
    notAllowed: <NoLongerAllowed />,
  };
  return { submit, frame };
}

/** After a 409: the request, as it is now, no longer allows this action. */
export function NoLongerAllowed() {
  const translate = useTranslate();
  return (
    <Alert severity="warning" data-testid="action-no-longer-allowed">
      {translate('refunds.review.no_longer_allowed')}
    </Alert>
  );
}

/** "12.5" → 1250; null when empty, not a number or finer than a fen. */
export function parseYuan(text: string): number | null {
  const trimmed = text.trim().replace(/^¥\s*/, '').replace(/,/g, '');
  if (!/^\d+(\.\d{0,2})?$/.test(trimmed)) return null;
  return Math.round(Number(trimmed) * 100);
}

/** 19800 → "198.00" (what the amount field shows). */
export function yuanText(fen: number): string {
  return (fen / 100).toFixed(2);
}
