// Staff names by id (assignees, history, "changed by", who proposed a resolution): one cached
// list of the users for every screen, instead of one request per name.
import { useMemo } from 'react';
import { useGetList } from 'react-admin';
import type { StaffUser } from '../domain/model';

export function useStaffDirectory() {
  const { data, isPending } = useGetList<StaffUser>('users', {
    pagination: { page: 1, perPage: 100 },
    sort: { field: 'fullName', order: 'ASC' },
  });
  return useMemo(() => {
    const users = data ?? [];
    const byId = new Map(users.map((u) => [String(u.id), u]));
    return {
      users,
      isPending,
      /** the name, the id itself when the directory does not know it, null for no id */
      nameOf: (id: string | null | undefined): string | null => (id ? (byId.get(id)?.fullName ?? id) : null),
      /** the name only when the directory knows it */
      knownName: (id: string | null | undefined): string | undefined =>
        id ? byId.get(id)?.fullName : undefined,
    };
  }, [data, isPending]);
}

/** One staff member's display name, once the directory has loaded (undefined until then). */
export function useStaffName(id: string | null | undefined): string | undefined {
  return useStaffDirectory().knownName(id);
}
