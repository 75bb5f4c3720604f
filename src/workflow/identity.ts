// "Who am I": the signed-in staff member as the workflows see them (the one place that reads
// react-admin's identity for the refund and complaint screens).
import { useMemo } from 'react';
import { useGetIdentity } from 'react-admin';
import { ROLES, type Role } from '../domain/model';
import type { Actor } from '../domain/refundWorkflow';

export type StaffActor = Extract<Actor, { kind: 'staff' }>;

/** The signed-in staff member, or null while unknown (or when the identity has no known role). */
export function useWhoAmI(): { actor: StaffActor | null; isPending: boolean } {
  const { identity, isPending } = useGetIdentity();
  const actor = useMemo<StaffActor | null>(() => {
    const role: unknown = identity?.role;
    if (!identity?.id || !(ROLES as readonly unknown[]).includes(role)) return null;
    return { kind: 'staff', id: String(identity.id), role: role as Role };
  }, [identity]);
  return { actor, isPending };
}
