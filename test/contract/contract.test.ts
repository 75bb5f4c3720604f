// The contract: mock-api/openapi.yaml against a running backend. Every operation of the document
// is called with valid and invalid inputs; each answer's status must be documented for that
// operation, its body must match the documented schema, and its required headers (Content-Range
// on lists, Retry-After on 429) must be there.
//
//   npm run test:contract                                   → a mock API started here (the harness)
//   API_URL=http://host:3001 npm run test:contract          → any other backend
//     CONTRACT_USERNAME / CONTRACT_PASSWORD                 a reviewer (default reviewer / password)
//     CONTRACT_SUPERVISOR_USERNAME / _PASSWORD              a supervisor (default supervisor / password)
//     CONTRACT_MANAGER_USERNAME / _PASSWORD                 a manager, optional (default manager / password)
//     CONTRACT_ADMIN_USERNAME / _PASSWORD                   an admin, optional (default admin / password)
//
// The suite changes data (claims, decisions, complaints): point it at a test instance, never at
// production. test/mock-api/contract.test.ts runs this same suite inside `npm test` against a mock
// API it starts itself, whatever API_URL says.
import { afterAll, beforeAll, describe } from 'vitest';
import { startContract, stopContract } from './contractClient';
import { describeDocument } from './suites/document';
import { describeSystemAndLists } from './suites/systemAndLists';
import { describeRefundDecisions } from './suites/refundDecisions';
import { describeRefundTeam } from './suites/refundTeam';
import { describeComplaints } from './suites/complaints';
import { describeReadOnly } from './suites/readOnly';
import { describeStaffAccounts } from './suites/staffAccounts';
import { describePlatform } from './suites/platform';
import { describeCoinMovements } from './suites/coinMovements';
import { describeLive } from './suites/live';
import { describeWebhooks } from './suites/webhooks';

// what test/mock-api/contract.test.ts reuses: the document, and the choice of target
export { loadOpenApi, type JsonSchema } from './openApi';
export { setContractTarget } from './contractClient';

// One suite in one order: the parts share the target, the accounts and the records they pick, and
// the last one checks that every operation was called.
describe('the contract (mock-api/openapi.yaml)', () => {
  beforeAll(startContract);
  afterAll(stopContract);
  describeDocument();
  describeSystemAndLists();
  describeRefundDecisions();
  describeRefundTeam();
  describeComplaints();
  describeStaffAccounts();
  describePlatform();
  describeCoinMovements();
  describeLive();
  describeWebhooks();
  describeReadOnly();
});
