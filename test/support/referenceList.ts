// The list answer the SQL list (mock-api/db/listQuery.ts) must give: simpleRest.ts runListQuery over
// the records in memory, scanning them all (no index), each record's search text being its search
// fields lower-cased and joined by a separator no query contains.
import type { ClassifiedDecision } from '../../src/domain/metrics';
import type { Role } from '../../src/domain/model';
import { runListQuery, type ListQuery, type ListResult, type ResourceSpec } from '../../mock-api/simpleRest';

export function referenceList<T extends { id: string }>(
  records: readonly T[],
  spec: ResourceSpec<T>,
  query: ListQuery,
  ctx: {
    nowMs: number;
    userId: string;
    role: Role;
    decisions?: (refundId: string) => readonly ClassifiedDecision[];
    visible?: (record: T) => boolean;
  },
): ListResult<T> {
  const texts = new Map<string, string>();
  if (spec.searchFields.length > 0) {
    for (const record of records) {
      const fields = record as unknown as Record<string, unknown>;
      texts.set(
        record.id,
        spec.searchFields
          .map((f) => fields[f])
          .filter((v): v is string => typeof v === 'string')
          .join('\u0000')
          .toLowerCase(),
      );
    }
  }
  return runListQuery({ records, visible: ctx.visible }, spec, query, {
    nowMs: ctx.nowMs,
    userId: ctx.userId,
    role: ctx.role,
    decisions: ctx.decisions ?? (() => []),
    searchText: spec.searchFields.length > 0 ? (id) => texts.get(id) ?? '' : undefined,
  });
}
