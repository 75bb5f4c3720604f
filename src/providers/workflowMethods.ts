// The data provider's workflow methods, one per action of the domain's workflows, generated from
// one table per workflow: the action (a key of the domain's body schemas, so a new action does
// not compile until it has its entry here) → the method name the UI calls. Each method posts its
// body to `/<resource>/<id>/<action, dashed>` through one postAction; its type is the schema's
// input type, so `approveRefund(id, { version, amountFen, customerMessage })` is checked.
// Type-only imports: the first page must not carry the domain's rules and zod.
import type { Identifier } from 'react-admin';
import { actionSegment } from '../domain/actionSegment';
import type { z } from 'zod';
import type { complaintActionBodySchemas } from '../domain/complaintWorkflow';
import type { Complaint, RefundRequest } from '../domain/model';
import type { refundActionBodySchemas } from '../domain/refundWorkflow';

type RefundSchemas = typeof refundActionBodySchemas;
type ComplaintSchemas = typeof complaintActionBodySchemas;

/** Refund request actions → methods; null: no client sends it (the complaint workflow overturns). */
export const REFUND_METHODS = {
  claim: 'claimRefund',
  release: 'releaseRefund',
  approve: 'approveRefund',
  reject: 'rejectRefund',
  request_info: 'requestRefundInfo',
  customer_reply: 'simulateCustomerReply',
  second_approval: 'secondApproval',
  override: 'overrideRefund',
  reassign: 'reassignRefund',
  overturn: null,
  auto_assign: null,
  auto_approve: null,
} as const satisfies Record<keyof RefundSchemas, string | null>;

/** Complaint actions → methods; null: not an action on a complaint (create is POST /complaints). */
export const COMPLAINT_METHODS = {
  create: null,
  assign: 'assignComplaint',
  note: 'addComplaintNote',
  contact: 'logComplaintContact',
  escalate: 'escalateComplaint',
  resolve: 'resolveComplaint',
  second_approval: 'secondApproveComplaint',
  close: 'closeComplaint',
  reopen: 'reopenComplaint',
} as const satisfies Record<keyof ComplaintSchemas, string | null>;

type Table = Record<string, string | null>;

/** One method per action with a name: `(id, body) => Promise<{ data: R }>`, its body the schema's input. */
export type WorkflowMethods<T extends Table, S extends Record<keyof T, z.ZodType>, R> = {
  [A in keyof T as T[A] extends string ? T[A] : never]: (
    id: Identifier,
    payload: z.input<S[A]>,
  ) => Promise<{ data: R }>;
};

export type RefundMethods = WorkflowMethods<typeof REFUND_METHODS, RefundSchemas, RefundRequest>;
export type ComplaintMethods = WorkflowMethods<typeof COMPLAINT_METHODS, ComplaintSchemas, Complaint>;

/** The names of the workflow commands that act on one refund request / one complaint. */
export type RefundCommandMethod = keyof RefundMethods;
export type ComplaintCommandMethod = keyof ComplaintMethods;

export type WorkflowResource = 'refunds' | 'complaints';

/** POSTs a body to one record's action endpoint and answers the updated record. */
export type PostAction = <R>(
  resource: WorkflowResource,
  id: Identifier,
  segment: string,
  body: unknown,
) => Promise<{ data: R }>;

function methodsOf<M>(resource: WorkflowResource, table: Table, postAction: PostAction): M {
  const entries = Object.entries(table).flatMap(([action, method]) =>
    method === null
      ? []
      : [
          [
            method,
            (id: Identifier, payload: unknown) => postAction(resource, id, actionSegment(action), payload),
          ],
        ],
  );
  // the mapped type is what this builds, one entry per named action
  return Object.fromEntries(entries) as M;
}

export function workflowMethods(postAction: PostAction): RefundMethods & ComplaintMethods {
  return {
    ...methodsOf<RefundMethods>('refunds', REFUND_METHODS, postAction),
    ...methodsOf<ComplaintMethods>('complaints', COMPLAINT_METHODS, postAction),
  };
}
