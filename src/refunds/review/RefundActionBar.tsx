// The action bar of the review screen: exactly the actions availableRefundActions() allows this
// person on this request (the "simulate customer reply" developer action only with dev tools), the
// policy's suggested decision as the primary button, the dialogs, queue mode and the keyboard
// shortcuts (n claim next; the actions' keys, colours and order: refundActionUi.ts).
import { Alert, Box, Button, FormControlLabel, Stack, Switch, Tooltip } from '@mui/material';
import { lazy, Suspense, useEffect, useMemo, useState, type ComponentType } from 'react';
import { useNotify, useRecordContext, useTranslate } from 'react-admin';
import type { PolicySuggestion, RefundRequest } from '../../domain/model';
import type { PolicyResult } from '../../domain/refundPolicy';
import { availableRefundActions, type RefundAction } from '../../domain/refundWorkflow';
import { useRefundPolicy } from '../PolicyChecks';
import { devToolsEnabled } from './devTools';
import type { WorkflowDialogProps } from './dialogCommon';
import { useRefundCommand } from '../../workflow/commands';
import { useWhoAmI as useActor } from '../../workflow/identity';
import { ClaimNextButton } from './ClaimNextButton';
import { useQueue, useQueueMode } from './queue';
import {
  BUTTON_ACTIONS,
  REFUND_SHORTCUTS,
  refundActionUi,
  type ButtonAction,
  type DialogAction,
  type ImmediateAction,
} from './refundActionUi';
import { useKeyboardShortcuts, type ShortcutHandlers } from './shortcuts';

const loadApprove = () => import('./ApproveDialog');
const loadReject = () => import('./RejectDialog');
const loadRequestInfo = () => import('./RequestInfoDialog');
const loadSupervisor = () => import('./SupervisorDialogs');
const loadCustomerReply = () => import('./CustomerReplyDialog');

type Dialog = ComponentType<WorkflowDialogProps>;
const lazyDialog = (load: () => Promise<Dialog>) =>
  lazy(() => load().then((dialog) => ({ default: dialog })));

/** The dialog of each action whose button opens one (loaded when the request page wants it). */
const DIALOGS = {
  approve: lazyDialog(() => loadApprove().then((m) => m.ApproveDialog)),
  reject: lazyDialog(() => loadReject().then((m) => m.RejectDialog)),
  request_info: lazyDialog(() => loadRequestInfo().then((m) => m.RequestInfoDialog)),
  second_approval: lazyDialog(() => loadSupervisor().then((m) => m.SecondApprovalDialog)),
  override: lazyDialog(() => loadSupervisor().then((m) => m.OverrideDialog)),
  reassign: lazyDialog(() => loadSupervisor().then((m) => m.ReassignDialog)),
  customer_reply: lazyDialog(() => loadCustomerReply().then((m) => m.CustomerReplyDialog)),
} satisfies Record<DialogAction, ComponentType<WorkflowDialogProps>>;

/** Once the request is on screen, its dialogs load, so a shortcut opens one at once. */
function usePreloadDialogs(ready: boolean) {
  useEffect(() => {
    if (!ready) return;
    for (const load of [loadApprove, loadReject, loadRequestInfo, loadSupervisor, loadCustomerReply])
      void load().catch(() => undefined);
  }, [ready]);
}

const isDialogAction = (action: ButtonAction): action is DialogAction =>
  refundActionUi(action).opens === 'dialog';

export function suggestedAction(suggestion: PolicySuggestion): ButtonAction {
  return suggestion === 'approve_partial' ? 'approve' : suggestion;
}

/** The buttons this person gets on this request: the workflow's answer, filtered for dev tools. */
export function buttonActions(
  available: readonly RefundAction[],
  devTools = devToolsEnabled(),
): ButtonAction[] {
  return BUTTON_ACTIONS.filter(
    (action) => available.includes(action) && (!refundActionUi(action).devTools || devTools),
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
  const immediate = {
    claim: useRefundCommand('claimRefund'),
    release: useRefundCommand('releaseRefund'),
  } satisfies Record<ImmediateAction, unknown>;

  const available = useMemo(
    () => (record && actor && policy ? availableRefundActions(record, actor, policy) : []),
    [record, actor, policy],
  );
  const shown = useMemo(() => buttonActions(available), [available]);
  const suggested = policy ? suggestedAction(policy.suggestion) : null;
  const primary = suggested && shown.includes(suggested) ? suggested : (shown[0] ?? null);
  const busy = Object.values(immediate).some((command) => command.isPending) || queue.busy;

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

  const shortcuts: ShortcutHandlers = { n: queue.mayClaimNext ? () => void queue.claimNext() : undefined };
  for (const { action, key } of REFUND_SHORTCUTS)
    if (isDialogAction(action)) shortcuts[key] = () => open(action);
  const ready = Boolean(record && actor && policy);
  useKeyboardShortcuts(shortcuts, ready && dialog === null && !busy);
  usePreloadDialogs(ready);

  if (!record || !actor) return <Box data-testid="refund-actions" sx={{ display: 'none' }} />;

  const runImmediate = (action: ImmediateAction) => {
    void immediate[action].run(
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
    if (refundActionUi(action).decision && queueMode) void queue.openNext(updated.id);
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
          const ui = refundActionUi(action);
          const key = ui.shortcut;
          const button = (
            <Button
              key={action}
              data-action={action}
              data-primary={action === primary}
              variant={action === primary ? 'contained' : 'outlined'}
              color={ui.color ?? 'primary'}
              disabled={busy}
              aria-keyshortcuts={key}
              onClick={() => (isDialogAction(action) ? setDialog(action) : runImmediate(action))}
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
        <Suspense fallback={null}>
          <Dialog
            record={record}
            policy={policy}
            stillAllowed={shown.includes(dialog)}
            onClose={() => setDialog(null)}
            onDone={onDone(dialog)}
          />
        </Suspense>
      )}
    </>
  );
}
