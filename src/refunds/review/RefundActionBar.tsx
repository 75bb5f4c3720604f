// The action bar of the review screen: exactly the actions availableRefundActions() allows this
// person on this request (the "simulate customer reply" developer action only with dev tools), the
// policy's suggested decision as the primary button, the dialogs, queue mode and the keyboard
// shortcuts (n claim next, a approve, r reject, i request information).
import { Alert, Box, Button, FormControlLabel, Stack, Switch, Tooltip } from '@mui/material';
import { useMemo, useState, type ReactElement } from 'react';
import { useNotify, useRecordContext, useTranslate } from 'react-admin';
import type { PolicySuggestion, RefundRequest } from '../../domain/model';
import type { PolicyResult } from '../../domain/refundPolicy';
import { availableRefundActions, type RefundAction } from '../../domain/refundWorkflow';
import { useRefundPolicy } from '../PolicyChecks';
import { ApproveDialog } from './ApproveDialog';
import { CustomerReplyDialog, devToolsEnabled } from './CustomerReplyDialog';
import type { WorkflowDialogProps } from './dialogCommon';
import { useRefundCommand } from '../../workflow/commands';
import { useWhoAmI as useActor } from '../../workflow/identity';
import { ClaimNextButton } from './ClaimNextButton';
import { useQueue, useQueueMode } from './queue';
import { RejectDialog } from './RejectDialog';
import { RequestInfoDialog } from './RequestInfoDialog';
import { useKeyboardShortcuts } from './shortcuts';
import { OverrideDialog, ReassignDialog, SecondApprovalDialog } from './SupervisorDialogs';

/** The actions with a button, in the order they are shown. */
export const BUTTON_ACTIONS = [
  'claim',
  'release',
  'approve',
  'reject',
  'request_info',
  'second_approval',
  'override',
  'reassign',
  'customer_reply',
] as const satisfies readonly RefundAction[];
export type ButtonAction = (typeof BUTTON_ACTIONS)[number];

type DialogAction = Exclude<ButtonAction, 'claim' | 'release'>;

const DIALOGS: Record<DialogAction, (props: WorkflowDialogProps) => ReactElement> = {
  approve: ApproveDialog,
  reject: RejectDialog,
  request_info: RequestInfoDialog,
  second_approval: SecondApprovalDialog,
  override: OverrideDialog,
  reassign: ReassignDialog,
  customer_reply: CustomerReplyDialog,
};

/** Decisions (they go to the customer): after one, queue mode opens the next request. */
const DECISIONS: readonly ButtonAction[] = ['approve', 'reject', 'request_info'];

const SHORTCUT_OF: Partial<Record<ButtonAction, string>> = { approve: 'a', reject: 'r', request_info: 'i' };

export function suggestedAction(suggestion: PolicySuggestion): ButtonAction {
  return suggestion === 'approve_partial' ? 'approve' : suggestion;
}

/** The buttons this person gets on this request: the workflow's answer, filtered for dev tools. */
export function buttonActions(
  available: readonly RefundAction[],
  devTools = devToolsEnabled(),
): ButtonAction[] {
  return BUTTON_ACTIONS.filter(
    (action) => available.includes(action) && (action !== 'customer_reply' || devTools),
  );
}

/** The last non-null value: a dialog must not vanish while the policy refetches after a change. */
function useLastDefined<T>(value: T | null): T | null {
  const [last, setLast] = useState<T | null>(value);
  if (value !== null && value !== last) setLast(value);
  return value ?? last;
}

export function RefundActionBar() {
  const record = useRecordContext<RefundRequest>();
  const translate = useTranslate();
  const notify = useNotify();
  const { actor } = useActor();
  const policy = useLastDefined<PolicyResult>(useRefundPolicy(record).result);
  const [dialog, setDialog] = useState<DialogAction | null>(null);
  const [queueMode, setQueueMode] = useQueueMode();
  const queue = useQueue();
  const claim = useRefundCommand('claimRefund');
  const release = useRefundCommand('releaseRefund');

  const available = useMemo(
    () => (record && actor && policy ? availableRefundActions(record, actor, policy) : []),
    [record, actor, policy],
  );
  const shown = useMemo(() => buttonActions(available), [available]);
  const suggested = policy ? suggestedAction(policy.suggestion) : null;
  const primary = suggested && shown.includes(suggested) ? suggested : (shown[0] ?? null);
  const busy = claim.isPending || release.isPending || queue.busy;

  const open = (action: DialogAction) => {
    if (shown.includes(action)) {
      setDialog(action);
      return;
    }
    notify('refunds.review.shortcut_unavailable', {
      type: 'info',
      messageArgs: { action: translate(`refunds.review.actions.${action}`) },
    });
  };

  useKeyboardShortcuts(
    {
      n: queue.mayClaimNext ? () => void queue.claimNext() : undefined,
      a: () => open('approve'),
      r: () => open('reject'),
      i: () => open('request_info'),
    },
    Boolean(record && actor && policy) && dialog === null && !busy,
  );

  if (!record || !actor) return <Box data-testid="refund-actions" sx={{ display: 'none' }} />;

  const runImmediate = (action: 'claim' | 'release') => {
    const command = action === 'claim' ? claim : release;
    command.run(
      { id: record.id, payload: { version: record.version } },
      {
        done: (updated) => ({
          key: `refunds.review.done.${action}`,
          args: { orderNumber: updated.orderNumber },
        }),
      },
    );
  };

  const onDone = (action: DialogAction) => (updated: RefundRequest) => {
    setDialog(null);
    if (DECISIONS.includes(action) && queueMode) void queue.openNext(updated.id);
  };

  const decides = actor.role !== 'manager';
  const Dialog = dialog ? DIALOGS[dialog] : null;

  return (
    <>
      <Box
        data-testid="refund-actions"
        role="toolbar"
        aria-label={translate('refunds.show.sections.actions')}
        sx={{ display: 'flex', flexWrap: 'wrap', gap: 1, '&:empty': { display: 'none' } }}
      >
        {shown.map((action) => {
          const key = SHORTCUT_OF[action];
          const button = (
            <Button
              key={action}
              data-action={action}
              data-primary={action === primary}
              variant={action === primary ? 'contained' : 'outlined'}
              color={action === 'reject' ? 'error' : action === 'approve' ? 'success' : 'primary'}
              disabled={busy}
              aria-keyshortcuts={key}
              onClick={() =>
                action === 'claim' || action === 'release' ? runImmediate(action) : setDialog(action)
              }
            >
              {translate(`refunds.review.actions.${action}`)}
            </Button>
          );
          return key ? (
            <Tooltip key={action} title={translate('shortcuts.hint', { key: key.toUpperCase() })}>
              <span>{button}</span>
            </Tooltip>
          ) : (
            button
          );
        })}
      </Box>
      {decides && (
        <Stack direction="row" spacing={1} useFlexGap sx={{ flexWrap: 'wrap', alignItems: 'center' }}>
          <FormControlLabel
            control={
              <Switch
                size="small"
                checked={queueMode}
                onChange={(event) => setQueueMode(event.target.checked)}
                slotProps={{ input: { 'data-testid': 'queue-mode' } as object }}
              />
            }
            label={translate('refunds.review.queue.mode')}
          />
          {queue.mayClaimNext && <ClaimNextButton queue={queue} disabled={busy} />}
        </Stack>
      )}
      {queue.endOfQueue && (
        <Alert severity="success" data-testid="end-of-queue" onClose={queue.dismissEnd}>
          {translate('refunds.review.queue.end')}
        </Alert>
      )}
      {Dialog && dialog && policy && (
        <Dialog
          record={record}
          policy={policy}
          stillAllowed={shown.includes(dialog)}
          onClose={() => setDialog(null)}
          onDone={onDone(dialog)}
        />
      )}
    </>
  );
}
