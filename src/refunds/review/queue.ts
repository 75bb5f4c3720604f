// Queue mode: after a decision the reviewer's next request opens by itself, the first of "my
// queue" (assigned to me, pending or in review, most urgent first) or, when that is empty, a new
// one from claim-next; when nothing is left the page says so.
import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useState } from 'react';
import { useCreatePath, useDataProvider, useNotify, useStore, type Identifier } from 'react-admin';
import { useNavigate } from 'react-router-dom';
import type { RefundRequest, RefundStatus } from '../../domain/model';
import { canAccess } from '../../domain/permissions';
import { ME, type RefundDeskDataProvider } from '../../providers/dataProvider';
import { toWorkflowError } from '../../workflow/errors';
import { useWhoAmI as useActor } from '../../workflow/identity';
import { refreshAfterChange, useNotifyWorkflowError } from '../../workflow/useWorkflowCommand';

/** "My queue": what is assigned to me and waits for my review. */
export const MY_QUEUE_STATUSES: RefundStatus[] = ['in_review', 'pending'];
export const myQueueFilter = { assigneeId: ME, status: MY_QUEUE_STATUSES };

/** Whether a decision opens the next request by itself (remembered per browser, on by default). */
export function useQueueMode() {
  return useStore<boolean>('refunds.queueMode', true);
}

export type QueueOutcome = 'opened' | 'empty' | 'failed';

/**
 * claimNext(): asks the API for the most urgent unassigned request and opens it.
 * openNext(afterId): opens the next request of my queue (claiming it if it is still pending), or
 * claims a new one when my queue is empty and my role may.
 * Both report "end of queue" through `endOfQueue` and a notification.
 */
export function useQueue() {
  const dataProvider = useDataProvider<RefundDeskDataProvider>();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const createPath = useCreatePath();
  const notify = useNotify();
  const notifyError = useNotifyWorkflowError();
  const { actor } = useActor();
  const [busy, setBusy] = useState(false);
  const [endOfQueue, setEndOfQueue] = useState(false);
  const mayClaimNext = canAccess(actor?.role, { resource: 'refunds', action: 'claim_next' });

  const open = useCallback(
    (record: RefundRequest) => {
      setEndOfQueue(false);
      queryClient.setQueryData(['refunds', 'getOne', { id: String(record.id), meta: undefined }], record);
      navigate(createPath({ resource: 'refunds', type: 'show', id: record.id }));
    },
    [queryClient, navigate, createPath],
  );

  const reachedEnd = useCallback(() => {
    setEndOfQueue(true);
    notify('refunds.review.queue.end', { type: 'info' });
  }, [notify]);

  const claimFromPool = useCallback(async (): Promise<QueueOutcome> => {
    const { data } = await dataProvider.claimNext();
    if (!data) {
      reachedEnd();
      return 'empty';
    }
    await refreshAfterChange(queryClient, 'refunds', data);
    notify('refunds.review.queue.claimed', { type: 'info', messageArgs: { orderNumber: data.orderNumber } });
    open(data);
    return 'opened';
  }, [dataProvider, queryClient, notify, open, reachedEnd]);

  const claimNext = useCallback(async (): Promise<QueueOutcome> => {
    if (busy) return 'failed';
    setBusy(true);
    try {
      return await claimFromPool();
    } catch (error) {
      const parsed = toWorkflowError(error);
      // a 409 with no record (the reviewer's cap, claim_cap_reached) is about the caller, not a
      // request someone else changed: its catalogued message alone is the notice
      if (parsed.status === 409 && !parsed.current) notify(parsed.message, { type: 'warning' });
      else notifyError(parsed);
      return 'failed';
    } finally {
      setBusy(false);
    }
  }, [busy, claimFromPool, notify, notifyError]);

  const openNext = useCallback(
    async (afterId?: Identifier): Promise<QueueOutcome> => {
      if (busy) return 'failed';
      setBusy(true);
      try {
        const { data } = await dataProvider.getList<RefundRequest>('refunds', {
          filter: myQueueFilter,
          sort: { field: 'slaDueAt', order: 'ASC' },
          pagination: { page: 1, perPage: 5 },
        });
        let next = data.find((r) => r.id !== afterId && MY_QUEUE_STATUSES.includes(r.status));
        if (next && next.status === 'pending') {
          // assigned to me but not claimed yet (reassigned to me, or the customer replied): start the review
          next = await dataProvider
            .claimRefund(next.id, { version: next.version })
            .then(({ data: claimed }) => claimed)
            .catch(() => next);
        }
        if (next) {
          open(next);
          return 'opened';
        }
        if (mayClaimNext) return await claimFromPool();
        reachedEnd();
        return 'empty';
      } catch (error) {
        notifyError(toWorkflowError(error));
        return 'failed';
      } finally {
        setBusy(false);
      }
    },
    [busy, dataProvider, mayClaimNext, open, claimFromPool, reachedEnd, notifyError],
  );

  return { claimNext, openNext, busy, endOfQueue, mayClaimNext, dismissEnd: () => setEndOfQueue(false) };
}
