// What every workflow dialog is given, and how it submits: the command runs pessimistically; on
// success a translated notification and the caller's next step; on a refusal the dialog keeps its
// state and shows why (a 409 also refreshed the record, so the next try uses the new version).
import { useState } from 'react';
import { useNotify } from 'react-admin';
import type { RefundRequest } from '../../domain/model';
import type { PolicyResult } from '../../domain/refundPolicy';
import type { RefundCommandMethod } from '../../providers/dataProvider';
import type { WorkflowError } from './errors';
import { useNotifyWorkflowError, useRefundCommand, type CommandPayload } from './hooks';

export interface WorkflowDialogProps {
  record: RefundRequest;
  policy: PolicyResult;
  /** false when the request as it is now no longer allows this action */
  stillAllowed: boolean;
  onClose: () => void;
  onDone: (updated: RefundRequest) => void;
}

export function useDialogSubmit<M extends RefundCommandMethod>(
  method: M,
  record: RefundRequest,
  onDone: (updated: RefundRequest) => void,
) {
  const command = useRefundCommand(method);
  const notify = useNotify();
  const notifyError = useNotifyWorkflowError();
  const [error, setError] = useState<WorkflowError | null>(null);
  const submit = (
    payload: CommandPayload<M>,
    success: (updated: RefundRequest) => { key: string; args?: Record<string, string | number> },
  ) => {
    setError(null);
    command.mutate(
      { id: record.id, payload },
      {
        onSuccess: (updated) => {
          const { key, args } = success(updated);
          notify(key, { type: 'success', messageArgs: args });
          onDone(updated);
        },
        onError: (failure) => setError(notifyError(failure)),
      },
    );
  };
  return { submit, isPending: command.isPending, error };
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
