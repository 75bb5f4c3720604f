// The policy version a request was judged under, as the API serves it (GET /api/policies/:id):
// the UI applies its parameters with the same domain rules as the server.
import { useGetOne } from 'react-admin';
import type { PolicyVersion } from '../domain/policyVersions';

/** A version as a react-admin record: its number is its id. */
export type PolicyVersionRecord = PolicyVersion & { id: number };

export function usePolicyVersion(version: number | undefined): PolicyVersionRecord | undefined {
  // versions never change once published: read each once per session
  const { data } = useGetOne<PolicyVersionRecord>(
    'policies',
    { id: version ?? 0 },
    { enabled: version !== undefined, staleTime: Infinity },
  );
  return data;
}
