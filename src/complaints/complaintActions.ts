// The complaint commands of the mock API as plain functions over the app's HTTP client (bearer
// token, JSON, HttpError with the server's message), and one react-query mutation hook that runs
// them pessimistically and refreshes what they change: the complaint, its events, its request.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { HttpError, useNotify } from 'react-admin';
import type { CreateComplaintBody } from '../domain/complaintWorkflow';
import type { GoodwillAllowance } from '../domain/goodwill';
import type { Complaint, ComplaintOutcome } from '../domain/model';
import { apiUrl, httpClient } from '../providers/http';

export type ComplaintActionName =
  'assign' | 'note' | 'contact' | 'escalate' | 'resolve' | 'second-approval' | 'close' | 'reopen';

export interface ComplaintActionBodies {
  assign: { version: number; assigneeId: string };
  /** a note changes no version and needs none */
  note: { text: string };
  contact: { version: number; text: string; awaitingReply?: boolean };
  escalate: { version: number; reason: string };
  resolve: {
    version: number;
    outcome: ComplaintOutcome;
    customerMessage: string;
    amountFen?: number;
    goodwillCoins?: number;
  };
  'second-approval': { version: number; decision: 'confirm' | 'send_back'; note?: string };
  close: { version: number; note?: string };
  reopen: { version: number; note?: string };
}

const base = () => apiUrl.replace(/\/$/, '');

/** POST /api/complaints: logs a complaint about a refund request; answers the new complaint. */
export async function createComplaint(body: CreateComplaintBody): Promise<Complaint> {
  const { json } = await httpClient(`${base()}/complaints`, { method: 'POST', body: JSON.stringify(body) });
  return json as Complaint;
}

/** POST /api/complaints/:id/:action; answers the updated complaint. */
export async function runComplaintAction<A extends ComplaintActionName>(
  id: string,
  action: A,
  body: ComplaintActionBodies[A],
): Promise<Complaint> {
  const { json } = await httpClient(`${base()}/complaints/${encodeURIComponent(id)}/${action}`, {
    method: 'POST',
    body: JSON.stringify(body),
  });
  return json as Complaint;
}

export const assignComplaint = (id: string, body: ComplaintActionBodies['assign']) =>
  runComplaintAction(id, 'assign', body);
export const addComplaintNote = (id: string, body: ComplaintActionBodies['note']) =>
  runComplaintAction(id, 'note', body);
export const logComplaintContact = (id: string, body: ComplaintActionBodies['contact']) =>
  runComplaintAction(id, 'contact', body);
export const escalateComplaint = (id: string, body: ComplaintActionBodies['escalate']) =>
  runComplaintAction(id, 'escalate', body);
export const resolveComplaint = (id: string, body: ComplaintActionBodies['resolve']) =>
  runComplaintAction(id, 'resolve', body);
export const closeComplaint = (id: string, body: ComplaintActionBodies['close']) =>
  runComplaintAction(id, 'close', body);
export const reopenComplaint = (id: string, body: ComplaintActionBodies['reopen']) =>
  runComplaintAction(id, 'reopen', body);

/** GET /api/complaints/:id/goodwill-allowance: what the complaint may still credit (both caps). */
export async function fetchGoodwillAllowance(id: string): Promise<GoodwillAllowance> {
  const { json } = await httpClient(`${base()}/complaints/${encodeURIComponent(id)}/goodwill-allowance`);
  return json as GoodwillAllowance;
}

/** The server's field errors of a 422, when there are some. */
export function fieldErrors(error: unknown): Record<string, string> {
  if (!(error instanceof HttpError)) return {};
  const errors = (error.body as { errors?: unknown } | null)?.errors;
  return typeof errors === 'object' && errors !== null ? (errors as Record<string, string>) : {};
}

function errorKey(status: number | undefined): string {
  switch (status) {
    case 403:
      return 'complaints.actions.errors.forbidden';
    case 404:
      return 'complaints.actions.errors.not_found';
    case 409:
      return 'complaints.actions.errors.conflict';
    case 422:
      return 'complaints.actions.errors.invalid';
    default:
      return 'complaints.actions.errors.failed';
  }
}

/** Invalidates every query a complaint command can change. */
export function useRefreshComplaintData() {
  const queryClient = useQueryClient();
  return () =>
    Promise.all(
      ['complaints', 'events', 'refunds'].map((resource) =>
        queryClient.invalidateQueries({ queryKey: [resource] }),
      ),
    );
}

/**
 * A pessimistic mutation (audited decisions are never undoable): runs `fn`, notifies success with
 * `doneKey` or the translated failure with the server's reason, and refreshes the data either way
 * (a 409 means what is on screen is stale).
 */
export function useComplaintMutation<V>(fn: (variables: V) => Promise<Complaint>, doneKey: string) {
  const notify = useNotify();
  const refresh = useRefreshComplaintData();
  return useMutation<Complaint, unknown, V>({
    mutationFn: fn,
    onSuccess: async () => {
      notify(doneKey, { type: 'success' });
      await refresh();
    },
    onError: async (error) => {
      const status = error instanceof HttpError ? error.status : undefined;
      const message = error instanceof Error ? error.message : String(error);
      notify(errorKey(status), { type: 'error', messageArgs: { message } });
      if (status === 409 || status === 404) await refresh();
    },
  });
}
