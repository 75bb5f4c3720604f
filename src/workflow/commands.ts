// The refund and complaint commands as useWorkflowCommand instances, typed by the data
// provider's own methods: useRefundCommand('approveRefund'), useComplaintCommand('resolveComplaint').
import type { Identifier } from 'react-admin';
import type { Complaint, RefundRequest } from '../domain/model';
import type {
  ComplaintCommandMethod,
  RefundCommandMethod,
  RefundDeskDataProvider,
} from '../providers/dataProvider';
import { useWorkflowCommand } from './useWorkflowCommand';

export type { ComplaintCommandMethod } from '../providers/dataProvider';

export type CommandPayload<M extends RefundCommandMethod | ComplaintCommandMethod> = Parameters<
  RefundDeskDataProvider[M]
>[1];

export interface CommandVariables<M extends RefundCommandMethod | ComplaintCommandMethod> {
  id: Identifier;
  payload: CommandPayload<M>;
}

type Method<M extends RefundCommandMethod | ComplaintCommandMethod, R> = (
  id: Identifier,
  payload: CommandPayload<M>,
) => Promise<{ data: R }>;

/** One refund-request command (the answer is the updated request). */
export function useRefundCommand<M extends RefundCommandMethod>(method: M) {
  return useWorkflowCommand('refunds', (dp, { id, payload }: CommandVariables<M>) =>
    (dp[method] as Method<M, RefundRequest>)(id, payload),
  );
}

/** One complaint command (the answer is the updated complaint). */
export function useComplaintCommand<M extends ComplaintCommandMethod>(method: M) {
  return useWorkflowCommand('complaints', (dp, { id, payload }: CommandVariables<M>) =>
    (dp[method] as Method<M, Complaint>)(id, payload),
  );
}
