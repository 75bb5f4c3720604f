// ra-data-simple-rest against the mock API, plus the refund and complaint workflow commands as
// custom methods (react-admin's "Calling Custom Methods"), called through useWorkflowCommand, e.g.
// dataProvider.approveRefund(id, payload) or dataProvider.resolveComplaint(id, payload). The
// provider's type is derived from the object, so a new method is typed where it is written.
import simpleRestProvider from 'ra-data-simple-rest';
import type { DataProvider, Identifier } from 'react-admin';
import type { z } from 'zod';
import type { complaintActionBodySchemas } from '../domain/complaintWorkflow';
import type { CustomerRefundProfile } from '../domain/customerProfile';
import type { GoodwillAllowance } from '../domain/goodwill';
import type { PolicyResult } from '../domain/refundPolicy';
import type { Complaint, RefundNote, RefundRequest } from '../domain/model';
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

type ComplaintBody<K extends keyof typeof complaintActionBodySchemas> = z.input<
  (typeof complaintActionBodySchemas)[K]
>;
/** The bodies of the complaint endpoints, as the domain's schemas accept them. */
export type CreateComplaintPayload = ComplaintBody<'create'>;
export type AssignComplaintPayload = ComplaintBody<'assign'>;
export type ComplaintNotePayload = ComplaintBody<'note'>;
export type ComplaintContactPayload = ComplaintBody<'contact'>;
export type EscalateComplaintPayload = ComplaintBody<'escalate'>;
export type ResolveComplaintPayload = ComplaintBody<'resolve'>;
export type ComplaintSecondApprovalPayload = ComplaintBody<'second_approval'>;
export type CloseComplaintPayload = ComplaintBody<'close'>;
export type ReopenComplaintPayload = ComplaintBody<'reopen'>;

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

type Command<P, R = RefundRequest> = (id: Identifier, payload: P) => Promise<{ data: R }>;

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

export function createDataProvider(url: string = apiUrl, client: HttpClient = httpClient) {
  const base = simpleRestProvider(url, client);
  const root = url.replace(/\/$/, '');
  const currentUserId = () => getSessionUser()?.id ?? null;

  const post = async <T>(path: string, body: unknown): Promise<T> => {
    const { json } = await client(`${root}${path}`, { method: 'POST', body: JSON.stringify(body) });
    return json as T;
  };
  const get = async <T>(path: string): Promise<{ data: T }> => {
    const { json } = await client(`${root}${path}`);
    return { data: json as T };
  };
  /** `/<resource>/<id>/<segment>`: an endpoint of one record */
  const recordPath = (resource: 'refunds' | 'complaints', id: Identifier, segment: string) =>
    `/${resource}/${encodeURIComponent(String(id))}/${segment}`;
  const command =
    <P, R = RefundRequest>(resource: 'refunds' | 'complaints', segment: string): Command<P, R> =>
    async (id, payload) => ({ data: await post<R>(recordPath(resource, id, segment), payload) });
  const refundCommand = <P>(segment: string) => command<P>('refunds', segment);
  const complaintCommand = <P>(segment: string) => command<P, Complaint>('complaints', segment);

  // typed as DataProvider's own (generic) methods, so callers keep getList<RefundRequest>(...)
  const getList: DataProvider['getList'] = (resource, params) =>
    base.getList(resource, { ...params, filter: resolveFilterAliases(params.filter, currentUserId()) });
  const getManyReference: DataProvider['getManyReference'] = (resource, params) =>
    base.getManyReference(resource, {
      ...params,
      filter: resolveFilterAliases(params.filter, currentUserId()),
    });

  const provider = {
    ...base,
    getList,
    getManyReference,

    /** POST /refunds/claim-next: the claimed request, or null when nothing is left to claim (204). */
    async claimNext(): Promise<{ data: RefundRequest | null }> {
      const { status, json } = await client(`${root}/refunds/claim-next`, { method: 'POST' });
      return { data: status === 204 || !json ? null : (json as RefundRequest) };
    },
    claimRefund: refundCommand<VersionPayload>('claim'),
    releaseRefund: refundCommand<VersionPayload>('release'),
    approveRefund: refundCommand<ApprovePayload>('approve'),
    rejectRefund: refundCommand<RejectPayload>('reject'),
    requestRefundInfo: refundCommand<RequestInfoPayload>('request-info'),
    simulateCustomerReply: refundCommand<CustomerReplyPayload>('customer-reply'),
    secondApproval: refundCommand<SecondApprovalPayload>('second-approval'),
    overrideRefund: refundCommand<OverridePayload>('override'),
    reassignRefund: refundCommand<ReassignPayload>('reassign'),
    async bulkReassign(payload: BulkReassignPayload) {
      return { data: await post<BulkResult>('/refunds/bulk-reassign', payload) };
    },
    async bulkReject(payload: BulkRejectPayload) {
      return { data: await post<BulkResult>('/refunds/bulk-reject', payload) };
    },
    getRefundProfile: (id: Identifier) => get<CustomerRefundProfile>(recordPath('refunds', id, 'profile')),
    /** the policy as the server applies it to this request (refundPolicy.ts, with the order's other requests) */
    getRefundPolicy: (id: Identifier) => get<PolicyResult>(recordPath('refunds', id, 'policy')),
    /** POST /refunds/:id/notes: appends an internal note; the request and its version stay as they are */
    addRefundNote: command<AddNoteBody, RefundNote>('refunds', 'notes'),

    /** POST /complaints: logs a complaint about a refund request; answers the new complaint. */
    async createComplaint(payload: CreateComplaintPayload) {
      return { data: await post<Complaint>('/complaints', payload) };
    },
    assignComplaint: complaintCommand<AssignComplaintPayload>('assign'),
    /** a note changes no version and needs none (complaintAnnotations.ts) */
    addComplaintNote: complaintCommand<ComplaintNotePayload>('note'),
    logComplaintContact: complaintCommand<ComplaintContactPayload>('contact'),
    escalateComplaint: complaintCommand<EscalateComplaintPayload>('escalate'),
    resolveComplaint: complaintCommand<ResolveComplaintPayload>('resolve'),
    secondApproveComplaint: complaintCommand<ComplaintSecondApprovalPayload>('second-approval'),
    closeComplaint: complaintCommand<CloseComplaintPayload>('close'),
    reopenComplaint: complaintCommand<ReopenComplaintPayload>('reopen'),
    /** GET /complaints/:id/goodwill-allowance: what the complaint may still credit (both caps). */
    getGoodwillAllowance: (id: Identifier) =>
      get<GoodwillAllowance>(recordPath('complaints', id, 'goodwill-allowance')),
  };
  return provider satisfies DataProvider;
}

/** The app's data provider: the simple-rest base and the desk's workflow commands (atomic-crm style). */
export type RefundDeskDataProvider = ReturnType<typeof createDataProvider>;

/** The names of the workflow commands that act on one refund request. */
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

export const dataProvider: RefundDeskDataProvider = createDataProvider();
