// The review workflow's hooks: who is acting, the staff directory (names for ids), running a
// workflow command (pessimistic, then the affected queries are refreshed) and reading its errors.
import { useMutation, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { Box, Typography } from '@mui/material';
import { useCallback, useMemo } from 'react';
import {
  useDataProvider,
  useGetIdentity,
  useGetList,
  useNotify,
  useTranslate,
  type Identifier,
} from 'react-admin';
import { ROLES, type RefundRequest, type Role, type StaffUser } from '../../domain/model';
import type { Actor } from '../../domain/refundWorkflow';
import type { RefundCommandMethod, RefundDeskDataProvider } from '../../providers/dataProvider';
import { errorHeadingKey, toWorkflowError, type WorkflowError } from './errors';

export type StaffActor = Extract<Actor, { kind: 'staff' }>;

/** The signed-in staff member as the workflow sees them, or null while unknown. */
export function useActor(): { actor: StaffActor | null; isPending: boolean } {
  const { identity, isPending } = useGetIdentity();
  const actor = useMemo<StaffActor | null>(() => {
    const role: unknown = identity?.role;
    if (!identity?.id || !(ROLES as readonly unknown[]).includes(role)) return null;
    return { kind: 'staff', id: String(identity.id), role: role as Role };
  }, [identity]);
  return { actor, isPending };
}

/** Staff names by id (assignees, history, "changed by"), from one cached list of the users. */
export function useStaffDirectory() {
  const { data, isPending } = useGetList<StaffUser>('users', {
    pagination: { page: 1, perPage: 100 },
    sort: { field: 'fullName', order: 'ASC' },
  });
  return useMemo(() => {
    const users = data ?? [];
    const byId = new Map(users.map((u) => [String(u.id), u]));
    return {
      users,
      isPending,
      nameOf: (id: string | null | undefined): string | null => (id ? (byId.get(id)?.fullName ?? id) : null),
    };
  }, [data, isPending]);
}

/** Writes an updated request into the cached getOne queries, then refreshes what depends on it. */
export function refreshAfterChange(queryClient: QueryClient, record: RefundRequest | null): Promise<void> {
  if (record) {
    queryClient.setQueriesData<RefundRequest>(
      { queryKey: ['refunds', 'getOne', { id: String(record.id) }] },
      (old) => (old ? record : old),
    );
  }
  return Promise.all([
    queryClient.invalidateQueries({ queryKey: ['refunds'] }),
    queryClient.invalidateQueries({ queryKey: ['events'] }),
  ]).then(() => undefined);
}

export type CommandPayload<M extends RefundCommandMethod> = Parameters<RefundDeskDataProvider[M]>[1];

export interface CommandVariables<M extends RefundCommandMethod> {
  id: Identifier;
  payload: CommandPayload<M>;
}

/**
 * One workflow command as a react-query mutation. Pessimistic: the answer (the updated request)
 * replaces the cached record and the lists, history and profile are refetched. On a 409 the
 * current record that comes with the refusal is put in the cache the same way, so the page shows
 * what changed while the caller keeps whatever the reviewer typed.
 */
export function useRefundCommand<M extends RefundCommandMethod>(method: M) {
  const dataProvider = useDataProvider<RefundDeskDataProvider>();
  const queryClient = useQueryClient();
  return useMutation<RefundRequest, unknown, CommandVariables<M>>({
    mutationKey: ['refunds', method],
    mutationFn: async ({ id, payload }) => {
      const run = dataProvider[method] as (
        id: Identifier,
        payload: CommandPayload<M>,
      ) => Promise<{ data: RefundRequest }>;
      return (await run(id, payload)).data;
    },
    onSuccess: (record) => {
      void refreshAfterChange(queryClient, record);
    },
    onError: (error) => {
      const { status, current } = toWorkflowError(error);
      if (status === 409 || status === 403) void refreshAfterChange(queryClient, current);
    },
  });
}

/** Says who changed a request and what it is now: "Li Na changed this request; it is now Rejected." */
export function useDescribeConflict() {
  const translate = useTranslate();
  const { nameOf } = useStaffDirectory();
  return useCallback(
    (current: RefundRequest, meId: string | null): string => {
      const status = translate(`refunds.status.${current.status}`);
      if (!current.updatedBy) return translate('refunds.review.conflict.by_system', { status });
      if (current.updatedBy === meId) return translate('refunds.review.conflict.by_you', { status });
      return translate('refunds.review.conflict.by_other', {
        name: nameOf(current.updatedBy) ?? current.updatedBy,
        status,
      });
    },
    [translate, nameOf],
  );
}

/** A refusal's notification body: the translated heading, then what happened and the server's text. */
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

/** Shows a refusal as a notification in the viewer's language; returns it parsed for the caller. */
export function useNotifyWorkflowError() {
  const notify = useNotify();
  const translate = useTranslate();
  const describeConflict = useDescribeConflict();
  const { actor } = useActor();
  return useCallback(
    (error: unknown): WorkflowError => {
      const parsed = toWorkflowError(error);
      const lines = [
        parsed.current ? describeConflict(parsed.current, actor?.id ?? null) : null,
        parsed.message || null,
      ].filter((line): line is string => Boolean(line));
      notify(<WorkflowErrorMessage heading={translate(errorHeadingKey(parsed.status))} lines={lines} />, {
        type: parsed.status === 409 ? 'warning' : 'error',
        autoHideDuration: 10_000,
      });
      return parsed;
    },
    [notify, translate, describeConflict, actor],
  );
}
