// The queue's default view, in one place: the list uses it, and so does the early request for its
// first page (providers/earlyQueue.ts), which must ask for exactly what the list will ask for.
import { OPEN_REFUND_STATUSES } from '../domain/model';

/** most urgent first */
export const QUEUE_SORT = { field: 'slaDueAt', order: 'ASC' } as const;
export const QUEUE_PER_PAGE = 25;
/** a new array each time: react-admin keeps and may change what it is given */
export const queueDefaultFilter = () => ({ status: [...OPEN_REFUND_STATUSES] });
