// ra-data-simple-rest against the mock API, plus (in part 2) the workflow commands as custom methods
// called with useDataProvider() + useMutation, e.g. dataProvider.approveRefund(id, payload).
import simpleRestProvider from 'ra-data-simple-rest';
import type { DataProvider, GetListParams, GetManyReferenceParams } from 'react-admin';
import { apiUrl, httpClient } from './http';
import { getSessionUser } from './session';

/**
 * The app's data provider: the simple-rest base, and the place for the refund desk's own commands
 * (claimNext, approveRefund, rejectRefund, requestInfo, ...) as they are added, each typed here, e.g.
 *   approveRefund(id: string, payload: ApprovePayload): Promise<{ data: RefundRequest }>;
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- filled in by part 2's commands
export interface RefundDeskDataProvider extends DataProvider {}

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

export function createDataProvider(url: string = apiUrl, client = httpClient): RefundDeskDataProvider {
  const base = simpleRestProvider(url, client);
  const currentUserId = () => getSessionUser()?.id ?? null;
  return {
    ...base,
    getList: (resource: string, params: GetListParams) =>
      base.getList(resource, { ...params, filter: resolveFilterAliases(params.filter, currentUserId()) }),
    getManyReference: (resource: string, params: GetManyReferenceParams) =>
      base.getManyReference(resource, {
        ...params,
        filter: resolveFilterAliases(params.filter, currentUserId()),
      }),
  };
}

export const dataProvider: RefundDeskDataProvider = createDataProvider();
