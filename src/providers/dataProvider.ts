// ra-data-simple-rest against the mock API, plus the refund and complaint workflow commands as
// custom methods (react-admin's "Calling Custom Methods"), called through useWorkflowCommand, e.g.
// dataProvider.approveRefund(id, payload) or dataProvider.resolveComplaint(id, payload). The
// workflow methods are generated from the domain's action tables (workflowMethods.ts), one
// postAction under each name; the provider's type is derived from the object.
import type { AssignmentSettings } from '../domain/autoAssignment';
import type { SlaSettings } from '../domain/slaSettings';
import type { StaffAccountChange } from '../domain/staffAccountChanges';
import simpleRestProvider from 'ra-data-simple-rest';
import type { DataProvider, Identifier } from 'react-admin';
import type { z } from 'zod';
import type { complaintActionBodySchemas } from '../domain/complaintWorkflow';
import type { CustomerRefundProfile } from '../domain/customerProfile';
import type { ExpectedDecisions } from '../domain/expectedDecision';
import type { GoodwillAllowance } from '../domain/goodwill';
import type { PolicyResult } from '../domain/refundPolicy';
import type { PolicySimulation } from '../domain/policySimulation';
import type { PolicyParameters } from '../domain/policyVersions';
import type {
  Complaint,
  Locale,
  RefundNote,
  RefundRequest,
  ReviewerSkill,
  Role,
  StaffUser,
} from '../domain/model';
import { NOTIFICATION_PAGE_MAX, type StaffNotification } from '../domain/notifications';
import type { AddNoteBody } from '../domain/refundNotes';
import type { PlatformClientRecord, PlatformClientWithKey } from '../domain/platformClient';
import type { refundActionBodySchemas } from '../domain/refundWorkflow';
import { apiUrl, httpClient } from './http';
import { getSessionUser } from './session';
import { workflowMethods, type PostAction } from './workflowMethods';

export type { ComplaintCommandMethod, RefundCommandMethod } from './workflowMethods';

type Body<K extends keyof typeof refundActionBodySchemas> = z.input<(typeof refundActionBodySchemas)[K]>;
type ComplaintBody<K extends keyof typeof complaintActionBodySchemas> = z.input<
  (typeof complaintActionBodySchemas)[K]
>;

/** POST /complaints: the body of a new complaint, as the domain's schema accepts it. */
export type CreateComplaintPayload = ComplaintBody<'create'>;

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
  reasonCode: Body<'reject'>['reasonCode'];
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

/** A staff account as a change answers it: its new version, and the requests sent back to the queue. */
export type UserChangeReply = StaffUser & { version: number; releasedRefundIds?: string[] };

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

/** The bell's page of my notifications, newest first, and how many of mine are unread in all. */
export interface NotificationPage {
  data: StaffNotification[];
  total: number;
  unread: number;
}

export type StoredSlaSettings = SlaSettings & {
  version: number;
  updatedAt: string | null;
  updatedBy: string | null;
};

/** Automatic assignment as GET/PUT /settings/assignment answer it: the switch beside its version. */
export type StoredAssignmentSettings = AssignmentSettings & {
  version: number;
  updatedAt: string | null;
  updatedBy: string | null;
};

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
  const postAction: PostAction = async (resource, id, segment, body) => ({
    data: await post(recordPath(resource, id, segment), body),
  });

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
    ...workflowMethods(postAction),
    async bulkReassign(payload: BulkReassignPayload) {
      return { data: await post<BulkResult>('/refunds/bulk-reassign', payload) };
    },
    async bulkReject(payload: BulkRejectPayload) {
      return { data: await post<BulkResult>('/refunds/bulk-reject', payload) };
    },
    getRefundProfile: (id: Identifier) => get<CustomerRefundProfile>(recordPath('refunds', id, 'profile')),
    /** GET /refunds/expected-decisions: when each request can expect its decision (expectedDecision.ts) */
    getExpectedDecisions: (ids: readonly Identifier[]) =>
      get<ExpectedDecisions>(
        `/refunds/expected-decisions?id=${ids.map((id) => encodeURIComponent(String(id))).join(',')}`,
      ),
    /** the policy as the server applies it to this request (refundPolicy.ts, with the order's other requests) */
    getRefundPolicy: (id: Identifier) => get<PolicyResult>(recordPath('refunds', id, 'policy')),
    /** POST /refunds/:id/notes: appends an internal note; the request and its version stay as they are */
    addRefundNote: (id: Identifier, payload: AddNoteBody) =>
      postAction<RefundNote>('refunds', id, 'notes', payload),

    /** POST /complaints: logs a complaint about a refund request; answers the new complaint. */
    async createComplaint(payload: CreateComplaintPayload) {
      return { data: await post<Complaint>('/complaints', payload) };
    },
    /** GET /complaints/:id/goodwill-allowance: what the complaint may still credit (both caps). */
    getGoodwillAllowance: (id: Identifier) =>
      get<GoodwillAllowance>(recordPath('complaints', id, 'goodwill-allowance')),

    // staff accounts (mock-api/routes/users.ts): the created account as the server answers it
    // (never the password sent), and the versioned changes an administrator makes
    create: ((resource, params) =>
      resource === 'users'
        ? post<StaffUser>('/users', params.data).then((data) => ({ data }))
        : base.create(resource, params)) as DataProvider['create'],
    changeUserRole: async (id: Identifier, payload: { version: number; role: Role }) => ({
      data: await post<UserChangeReply>(`/users/${encodeURIComponent(String(id))}/role`, payload),
    }),
    setUserRouting: async (
      id: Identifier,
      payload: { version: number; languages: Locale[]; skills: ReviewerSkill[]; claimCap: number | null },
    ) => ({
      data: await post<UserChangeReply>(`/users/${encodeURIComponent(String(id))}/routing`, payload),
    }),
    /** POST /users/:id/away: away (their claims go back to the queue) or back */
    setUserAway: async (id: Identifier, payload: { version: number; away: boolean }) => ({
      data: await post<UserChangeReply>(`/users/${encodeURIComponent(String(id))}/away`, payload),
    }),
    deactivateUser: async (id: Identifier, payload: { version: number }) => ({
      data: await post<UserChangeReply>(`/users/${encodeURIComponent(String(id))}/deactivate`, payload),
    }),
    reactivateUser: async (id: Identifier, payload: { version: number }) => ({
      data: await post<UserChangeReply>(`/users/${encodeURIComponent(String(id))}/reactivate`, payload),
    }),
    /** GET /users/:id/changes: the account's audit, newest first (administrators) */
    getUserChanges: (id: Identifier) =>
      get<StaffAccountChange[]>(`/users/${encodeURIComponent(String(id))}/changes`),
    /** GET /settings/sla: the working-hours calendar and targets, with their version */
    getSlaSettings: () => get<StoredSlaSettings>('/settings/sla'),
    /** PUT /settings/sla: saves over the version read (409 when someone saved meanwhile) */
    async saveSlaSettings(payload: SlaSettings & { version: number }) {
      const { json } = await client(`${root}/settings/sla`, { method: 'PUT', body: JSON.stringify(payload) });
      return { data: json as StoredSlaSettings };
    },
    /** POST /policies/simulate: the period's requests judged again under a proposal (nothing changes) */
    simulatePolicy: async (body: { parameters: PolicyParameters; from: string; to: string }) => ({
      data: await post<PolicySimulation>('/policies/simulate', body),
    }),
    /** GET /settings/assignment: whether each new request is assigned on arrival, with its version */
    getAssignmentSettings: () => get<StoredAssignmentSettings>('/settings/assignment'),
    /** PUT /settings/assignment: saves over the version read (409 when someone saved meanwhile) */
    async saveAssignmentSettings(payload: AssignmentSettings & { version: number }) {
      const { json } = await client(`${root}/settings/assignment`, {
        method: 'PUT',
        body: JSON.stringify(payload),
      });
      return { data: json as StoredAssignmentSettings };
    },
    /** GET /notifications: my newest notifications (the bell), with the unread count of them all */
    async getNotifications(params: { unreadOnly?: boolean } = {}): Promise<NotificationPage> {
      const query = new URLSearchParams({
        sort: JSON.stringify(['createdAt', 'DESC']),
        range: JSON.stringify([0, NOTIFICATION_PAGE_MAX - 1]),
      });
      if (params.unreadOnly) query.set('filter', JSON.stringify({ unread: true }));
      const { headers, json } = await client(`${root}/notifications?${query.toString()}`);
      const data = json as StaffNotification[];
      return {
        data,
        total: Number(headers.get('x-total-count') ?? data.length),
        unread: Number(headers.get('x-unread-count') ?? 0),
      };
    },
    /** POST /notifications/:id/read: one of mine read (the first reading is kept) */
    async markNotificationRead(id: string) {
      const path = `/notifications/${encodeURIComponent(id)}/read`;
      return { data: await post<StaffNotification>(path, {}) };
    },
    /** POST /notifications/read-all: every one of mine read */
    async markAllNotificationsRead() {
      return { data: await post<{ marked: number; unread: number }>('/notifications/read-all', {}) };
    },
    /** POST /platform-clients: a new client; its key is in this answer only, never again */
    async createPlatformClient(payload: { name: string }) {
      return { data: await post<PlatformClientWithKey>('/platform-clients', payload) };
    },
    /** POST /platform-clients/:id/revoke: its key stops working at once */
    async revokePlatformClient(id: Identifier) {
      const path = `/platform-clients/${encodeURIComponent(String(id))}/revoke`;
      return { data: await post<PlatformClientRecord>(path, {}) };
    },
    /** POST /webhook-endpoints: registers an endpoint; the answer carries its secret, this once. */
    async createWebhookEndpoint(payload: { url: string; events: string[] }) {
      return { data: await post<{ id: string; url: string; secret: string }>('/webhook-endpoints', payload) };
    },
    /** POST /webhook-deliveries/:id/redeliver: sends a delivery again from now. */
    async redeliverWebhook(id: Identifier) {
      return {
        data: await post<{ id: string; status: string }>(
          `/webhook-deliveries/${encodeURIComponent(String(id))}/redeliver`,
          {},
        ),
      };
    },
  };
  return provider satisfies DataProvider;
}

/** The app's data provider: the simple-rest base and the desk's workflow commands (atomic-crm style). */
export type RefundDeskDataProvider = ReturnType<typeof createDataProvider>;

export const dataProvider: RefundDeskDataProvider = createDataProvider();
