// ra-data-simple-rest against the mock API, plus the review workflow commands as custom methods
// called with useDataProvider() + useMutation, e.g. dataProvider.approveRefund(id, payload).
import simpleRestProvider from 'ra-data-simple-rest';
import type { DataProvider, GetListParams, GetManyReferenceParams, Identifier } from 'react-admin';
import type { z } from 'zod';
import type { CustomerRefundProfile } from '../domain/customerProfile';
import type { PolicyResult } from '../domain/refundPolicy';
import type { RefundNote, RefundRequest } from '../domain/model';
import type { AddNoteBody } from '../domain/refundNotes';
import type { refundActionBodySchemas } from '../domain/refundWorkflow';
import { apiUrl, httpClient } from './http';
import { getSessionUser } from './session';

type Body<K extends keyof typeof refundActionBodySchemas> = z.input<(typeof refundActionBodySchemas)[K]>;

/** The bodies of the workflow endpoints, as the domain's schemas accept them. */
export type VersionPayload = Body<'claim'>;
export type ApprovePayload = Body<'approve'>;
export type RejectPayload = Body<'reject'>;
export type RequestInfoPayload = Body<'request_info'>;
export type CustomerReplyPayload = Body<'customer_reply'>;
export type SecondApprovalPayload = Body<'second_approval'>;
export type OverridePayload = Body<'override'>;
export type ReassignPayload = Body<'reassign'>;

export interface BulkItem {
  id: Identifier;
  version: number;
}
export interface BulkReassignPayload {
  items: BulkItem[];
  assigneeId: string;
}
export interface BulkRejectPayload {
  items: BulkItem[];
  reasonCode: RejectPayload['reasonCode'];
  customerMessage: string;
  note?: string;
}
export interface BulkItemResult {
  id: string;
  ok: boolean;
  status?: number;
  message?: string;
  record?: RefundRequest;
}
export interface BulkResult {
  results: BulkItemResult[];
  succeeded: number;
  failed: number;
}

type Command<P> = (id: Identifier, payload: P) => Promise<{ data: RefundRequest }>;

/** The app's data provider: the simple-rest base and the refund desk's workflow commands. */
export interface RefundDeskDataProvider extends DataProvider {
  /** POST /refunds/claim-next: the claimed request, or null when nothing is left to claim (204). */
  claimNext(): Promise<{ data: RefundRequest | null }>;
  claimRefund: Command<VersionPayload>;
  releaseRefund: Command<VersionPayload>;
  approveRefund: Command<ApprovePayload>;
  rejectRefund: Command<RejectPayload>;
  requestRefundInfo: Command<RequestInfoPayload>;
  /** the "simulate customer reply" developer action */
  simulateCustomerReply: Command<CustomerReplyPayload>;
  secondApproval: Command<SecondApprovalPayload>;
  overrideRefund: Command<OverridePayload>;
  reassignRefund: Command<ReassignPayload>;
  bulkReassign(payload: BulkReassignPayload): Promise<{ data: BulkResult }>;
  bulkReject(payload: BulkRejectPayload): Promise<{ data: BulkResult }>;
  getRefundProfile(id: Identifier): Promise<{ data: CustomerRefundProfile }>;
  /** the policy as the server applies it to this request (refundPolicy.ts, with the order's other requests) */
  getRefundPolicy(id: Identifier): Promise<{ data: PolicyResult }>;
  /** POST /refunds/:id/notes: appends an internal note; the request and its version stay as they are */
  addRefundNote(id: Identifier, payload: AddNoteBody): Promise<{ data: RefundNote }>;
}

/** The names of the workflow commands that act on one request (for hooks that run any of them). */
export type RefundCommandMethod =
  | 'claimRefund'
  | 'releaseRefund'
  | 'approveRefund'
  | 'rejectRefund'
  | 'requestRefundInfo'
  | 'simulateCustomerReply'
  | 'secondApproval'
  | 'overrideRefund'
  | 'reassignRefund';

/** The filter value that stands for the signed-in user (saved queries stay valid for whoever uses them). */
export const ME = 'me';

/** Replaces `assigneeId: "me"` (alone or in an array) with the signed-in user's id. */
export function resolveFilterAliases(
  filter: Record<string, unknown> | undefined,
  userId: string | null,
): Record<string, unknown> {
  if (!filter || !('assigneeId' in filter)) return filter ?? {};
  const swap = (v: unknown) => (v === ME ? (userId ?? '__nobody__') : v);
  const value = filter.assigneeId;
  return { ...filter, assigneeId: Array.isArray(value) ? value.map(swap) : swap(value) };
}

type HttpClient = typeof httpClient;

export function createDataProvider(
  url: string = apiUrl,
  client: HttpClient = httpClient,
): RefundDeskDataProvider {
  const base = simpleRestProvider(url, client);
  const root = url.replace(/\/$/, '');
  const currentUserId = () => getSessionUser()?.id ?? null;

  const post = async <T>(path: string, body: unknown): Promise<T> => {
    const { json } = await client(`${root}${path}`, { method: 'POST', body: JSON.stringify(body) });
    return json as T;
  };
  const command =
    <P>(segment: string): Command<P> =>
    async (id, payload) => ({
      data: await post<RefundRequest>(`/refunds/${encodeURIComponent(String(id))}/${segment}`, payload),
    });

  return {
    ...base,
    getList: (resource: string, params: GetListParams) =>
      base.getList(resource, { ...params, filter: resolveFilterAliases(params.filter, currentUserId()) }),
    getManyReference: (resource: string, params: GetManyReferenceParams) =>
      base.getManyReference(resource, {
        ...params,
        filter: resolveFilterAliases(params.filter, currentUserId()),
      }),

    async claimNext() {
      const { status, json } = await client(`${root}/refunds/claim-next`, { method: 'POST' });
      return { data: status === 204 || !json ? null : (json as RefundRequest) };
    },
    claimRefund: command<VersionPayload>('claim'),
    releaseRefund: command<VersionPayload>('release'),
    approveRefund: command<ApprovePayload>('approve'),
    rejectRefund: command<RejectPayload>('reject'),
    requestRefundInfo: command<RequestInfoPayload>('request-info'),
    simulateCustomerReply: command<CustomerReplyPayload>('customer-reply'),
    secondApproval: command<SecondApprovalPayload>('second-approval'),
    overrideRefund: command<OverridePayload>('override'),
    reassignRefund: command<ReassignPayload>('reassign'),
    async bulkReassign(payload) {
      return { data: await post<BulkResult>('/refunds/bulk-reassign', payload) };
    },
    async bulkReject(payload) {
      return { data: await post<BulkResult>('/refunds/bulk-reject', payload) };
    },
    async getRefundProfile(id) {
      const { json } = await client(`${root}/refunds/${encodeURIComponent(String(id))}/profile`);
      return { data: json as CustomerRefundProfile };
    },
    async getRefundPolicy(id) {
      const { json } = await client(`${root}/refunds/${encodeURIComponent(String(id))}/policy`);
      return { data: json as PolicyResult };
    },
    async addRefundNote(id, payload) {
      return { data: await post<RefundNote>(`/refunds/${encodeURIComponent(String(id))}/notes`, payload) };
    },
  };
}

export const dataProvider: RefundDeskDataProvider = createDataProvider();
