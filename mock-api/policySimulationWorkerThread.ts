// The policy simulation's worker thread (started by policySimulationWorker.ts through
// policySimulationWorkerBoot.mjs): reads the period's requests on its own read connection and
// judges each twice (src/domain/policySimulation.ts), so that a 90-day replay never holds up the
// API's event loop.
import { workerData } from 'node:worker_threads';
import { simulatePolicy, type StoredPolicyFacts } from '../src/domain/policySimulation';
import { versionInForceAt } from '../src/domain/policyVersions';
import type { InfoItem, PaymentChannel, ReasonCategory } from '../src/domain/model';
import { SQLITE_READER_CACHE_KIB } from './db/connect';
import { readPolicyVersions } from './db/policyVersions';
import type { PolicySimulationQuestion, PolicySimulationWorkerData } from './policySimulationWorker';
import { openForReading, serveReads } from './readWorkerThread';

const { target } = workerData as PolicySimulationWorkerData;
const db = openForReading(target, SQLITE_READER_CACHE_KIB);
const isTrue = (value: unknown) => value === true || value === 1;

serveReads(db, async (question: PolicySimulationQuestion) => {
  const baseline = versionInForceAt(await readPolicyVersions(db), question.nowIso);
  const rows = await db
    .selectFrom('refunds')
    .select([
      'id',
      'paidFen',
      'coins',
      'coinsSpent',
      'coinsSpentOnTips',
      'purchasedAt',
      'submittedAt',
      'providedItems',
      'accountRestricted',
      'duplicate',
      'refundableFen',
      'reasonCategory',
      'paymentChannel',
    ])
    .where('submittedAt', '>=', question.from)
    .where('submittedAt', '<', question.to)
    .orderBy('submittedAt')
    .orderBy('id')
    .execute();
  const facts = rows.map((r): StoredPolicyFacts => ({
    ...r,
    paidFen: Number(r.paidFen),
    coins: Number(r.coins),
    coinsSpent: Number(r.coinsSpent),
    coinsSpentOnTips: Number(r.coinsSpentOnTips),
    refundableFen: Number(r.refundableFen),
    providedItems: JSON.parse(r.providedItems) as InfoItem[],
    accountRestricted: isTrue(r.accountRestricted),
    duplicate: isTrue(r.duplicate),
    // stored only as the API's validation accepted them
    reasonCategory: r.reasonCategory as ReasonCategory,
    paymentChannel: r.paymentChannel as PaymentChannel,
  }));
  return simulatePolicy(facts, baseline, question.parameters);
});
