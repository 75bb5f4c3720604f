// One way to run a workflow command, for refund requests and complaints alike: the command is a
// data-provider method (react-admin's "Calling Custom Methods") run through react-query's
// useMutation, pessimistically (audited decisions are never undoable). The hook keeps the busy
// state and the last refusal, writes the answer into the cache and refreshes what the command
// can change, notifies success by message key and a refusal with its heading, "who changed it"
// (409) and the provider's message.
import { useMutation, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { Box, Typography } from '@mui/material';
import { useCallback, useState } from 'react';
import { useDataProvider, useNotify, useTranslate } from 'react-admin';
import type { AuditEvent } from '../domain/model';
import type { RefundDeskDataProvider } from '../providers/dataProvider';
import type { WorkflowResource } from '../providers/workflowMethods';
import { errorHeadingKey, toWorkflowError, type WorkflowError } from './errors';
import { useWhoAmI } from './identity';
import { useStaffDirectory } from './staff';

export type { WorkflowResource };

/** What a command may change, besides its own record: a complaint's resolution moves its request. */
const AFFECTS: Record<WorkflowResource, readonly string[]> = {
  // a request's change may hold, release or revoke its coins (the coin ledger, coinLedger.ts)
  refunds: ['refunds', 'events', 'coin-movements'],
  complaints: ['complaints', 'events', 'refunds', 'coin-movements'],
};

/** A success notification: a message key and its arguments. */
export interface Notice {
  key: string;
  args?: Record<string, string | number>;
}

/** What a run resolves to once its callbacks have run: null on success, else the refusal. */
export type CommandOutcome = Promise<WorkflowError | null>;

export interface RunOptions<R> {
  /** the success notification (none when omitted or null: the caller reports by itself) */
  done?: Notice | string | ((result: R) => Notice | string | null) | null;
  onSuccess?: (result: R) => void;
  onError?: (error: WorkflowError) => void;
}

function hasIdentity(value: unknown): value is { id: string | number } {
  return typeof value === 'object' && value !== null && 'id' in value && 'version' in value;
}

/** Writes an updated record into the cached getOne queries, then refreshes what depends on it. */
export function refreshAfterChange(
  queryClient: QueryClient,
  resource: WorkflowResource,
  record: unknown,
): Promise<void> {
  if (hasIdentity(record)) {
    queryClient.setQueriesData<unknown>(
      { queryKey: [resource, 'getOne', { id: String(record.id) }] },
      (old: unknown) => (old ? record : old),
    );
  }
  return Promise.all(AFFECTS[resource].map((key) => queryClient.invalidateQueries({ queryKey: [key] }))).then(
    () => undefined,
  );
}

/** "Li Na changed this request; it is now Rejected." — reactive, so a name shows once the staff list is in. */
export function useDescribeConflict(resource: WorkflowResource) {
  const translate = useTranslate();
  const { nameOf } = useStaffDirectory();
  const { actor } = useWhoAmI();
  const meId = actor?.id ?? null;
  return useCallback(
    (error: WorkflowError): string | null => {
      if (!error.current) return null;
      const base = resource === 'complaints' ? 'complaints.actions.conflict' : 'refunds.review.conflict';
      const status = translate(`${resource}.status.${error.current.status}`, { _: error.current.status });
      if (error.changedBy === undefined) return translate(`${base}.by_unknown`, { status });
      if (error.changedBy === null) return translate(`${base}.by_system`, { status });
      if (error.changedBy === meId) return translate(`${base}.by_you`, { status });
      return translate(`${base}.by_other`, { name: nameOf(error.changedBy) ?? error.changedBy, status });
    },
    [resource, translate, nameOf, meId],
  );
}

/** A refusal's notification body: the translated heading, then what happened and the provider's text. */
export function WorkflowErrorMessage({ heading, lines }: { heading: string; lines: string[] }) {
  return (
    <Box data-testid="workflow-error-notification">
      <Typography variant="subtitle2" component="p">
        {heading}
      </Typography>
      {lines.map((line) => (
        <Typography key={line} variant="body2" component="p">
          {line}
        </Typography>
      ))}
    </Box>
  );
}

/** Shows a refusal as a notification in the reader's language. */
export function useNotifyWorkflowError(resource: WorkflowResource = 'refunds') {
  const notify = useNotify();
  const translate = useTranslate();
  const describeConflict = useDescribeConflict(resource);
  return useCallback(
    (parsed: WorkflowError): void => {
      const lines = [describeConflict(parsed), parsed.message || null].filter((line): line is string =>
        Boolean(line),
      );
      notify(
        <WorkflowErrorMessage heading={translate(errorHeadingKey(parsed.status, resource))} lines={lines} />,
        { type: parsed.status === 409 ? 'warning' : 'error', autoHideDuration: 10_000 },
      );
    },
    [notify, translate, describeConflict, resource],
  );
}

/** A complaint says nothing of who changed it; its newest audit event does. */
async function complaintChangedBy(
  dataProvider: RefundDeskDataProvider,
  complaintId: string,
): Promise<string | null | undefined> {
  try {
    const { data } = await dataProvider.getList<AuditEvent>('events', {
      filter: { complaintId },
      sort: { field: 'at', order: 'DESC' },
      pagination: { page: 1, perPage: 1 },
    });
    const last = data[0];
    if (!last) return undefined;
    return last.actorKind === 'staff' ? (last.actorId ?? undefined) : null;
  } catch {
    return undefined;
  }
}

/**
 * Runs `command(dataProvider, variables)`. Usage:
 *   const approve = useWorkflowCommand('refunds', (dp, v: { id; payload }) => dp.approveRefund(v.id, v.payload));
 *   approve.run(variables, { done: 'refunds.review.done.approve', onSuccess: close });
 * `error` is the last refusal (cleared by the next run), for a dialog to show beside its form.
 */
export function useWorkflowCommand<V, R>(
  resource: WorkflowResource,
  command: (dataProvider: RefundDeskDataProvider, variables: V) => Promise<{ data: R }>,
) {
  const dataProvider = useDataProvider<RefundDeskDataProvider>();
  const queryClient = useQueryClient();
  const notify = useNotify();
  const notifyError = useNotifyWorkflowError(resource);
  const [error, setError] = useState<WorkflowError | null>(null);
  const mutation = useMutation<R, WorkflowError, V>({
    mutationKey: [resource, 'workflowCommand'],
    mutationFn: async (variables) => {
      try {
        return (await command(dataProvider, variables)).data;
      } catch (failure) {
        const parsed = toWorkflowError(failure);
        if (resource === 'complaints' && parsed.current && parsed.changedBy === undefined) {
          parsed.changedBy = await complaintChangedBy(dataProvider, parsed.current.id);
        }
        throw parsed;
      }
    },
    onSuccess: (result) => {
      void refreshAfterChange(queryClient, resource, result);
    },
    onError: (parsed) => {
      // what is on screen is stale (409), or no longer the user's to act on (403, 404)
      if (parsed.status === 409 || parsed.status === 403 || parsed.status === 404)
        void refreshAfterChange(queryClient, resource, parsed.current);
    },
  });
  const run = (variables: V, options: RunOptions<R> = {}): CommandOutcome => {
    setError(null);
    return new Promise((resolve) => {
      mutation.mutate(variables, {
        onSuccess: (result) => {
          const done = typeof options.done === 'function' ? options.done(result) : options.done;
          if (typeof done === 'string') notify(done, { type: 'success' });
          else if (done) notify(done.key, { type: 'success', messageArgs: done.args });
          options.onSuccess?.(result);
          resolve(null);
        },
        onError: (parsed) => {
          setError(parsed);
          notifyError(parsed);
          options.onError?.(parsed);
          resolve(parsed);
        },
      });
    });
  };
  return { run, isPending: mutation.isPending, error, clearError: () => setError(null) };
}
