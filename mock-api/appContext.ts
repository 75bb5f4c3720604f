// What the routes share with the server that builds them: the running API's parts (ApiContext)
// and the role guard. Its own module so that the routes never import server.ts (the entry point),
// which imports them: no import cycle (test/architecture/importCycles.test.ts).
import { canAccess, type Action, type Resource } from '../src/domain/permissions';
import type { SignInThrottle } from '../src/domain/signInThrottle';
import type { TokenSigner } from './auth';
import type { Clock } from './clock';
import type { DatabaseHandle } from './db/connect';
import type { SqlDesk } from './db/sqlDesk';
import { refuse, type AuthedRequest } from './http';
import type { ListReaders } from './listReaders';
import type { MetricsWorkers } from './metricsWorker';
import type { PolicySimulationWorkers } from './policySimulationWorker';
import type { PasswordChecks } from './passwordChecks';

export interface ApiContext {
  /** the records, read and changed one transaction per command (db/sqlDesk.ts) */
  desk: SqlDesk;
  /** the database the desk runs on (metrics and exports read it directly) */
  database: DatabaseHandle;
  signer: TokenSigner;
  clock: Clock;
  /** the dashboard's figures, computed off the event loop */
  metricsWorkers: MetricsWorkers;
  /** "what if" replays of the policy (POST /api/policies/simulate), off the event loop */
  policySimulations: PolicySimulationWorkers;
  /** the list pages and their counts, read off the event loop on SQLite (listReaders.ts) */
  listReaders: ListReaders;
  /** sign-in slots per username and per client address (read with `clock`) */
  throttle: SignInThrottle;
  passwordChecks: PasswordChecks;
}

export function requirePermission(req: AuthedRequest, resource: Resource, action: Action): void {
  if (!canAccess(req.user.role, { resource, action })) {
    throw refuse(403, 'role_may_not', { role: req.user.role, permission: action, resource });
  }
}
