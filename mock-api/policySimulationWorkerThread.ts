// The policy simulation's worker thread (started by policySimulationWorker.ts through
// policySimulationWorkerBoot.mjs): reads the period's requests on its own read connection and
// judges each twice (src/domain/policySimulation.ts), a page at a time, so that a 90-day replay
// never holds up the API's event loop nor holds the whole period in memory.
import { workerData } from 'node:worker_threads';
import { PolicyReplay } from '../src/domain/policySimulation';
import { versionInForceAt } from '../src/domain/policyVersions';
import type { InfoItem, PaymentChannel, ReasonCategory } from '../src/domain/model';
import { SQLITE_READER_CACHE_KIB } from './db/connect';
import { readPolicyVersions } from './db/policyVersions';
import type { PolicySimulationQuestion, PolicySimulationWorkerData } from './policySimulationWorker';
import { openForReading, serveReads } from './readWorkerThread';

const { target } = workerData as PolicySimulationWorkerData;
const db = openForReading(target, SQLITE_READER_CACHE_KIB);
const isTrue = (value: unknown) => value === true || value === 1;

/** Rows read at a time: the replay holds one page, not the period. */
const PAGE_SIZE = 5_000;

serveReads(db, async (question: PolicySimulationQuestion) => {
  const baseline = versionInForceAt(await readPolicyVersions(db), question.nowIso);
  const replay = new PolicyReplay(baseline, question.parameters);
  const pageSize = question.pageSize ?? PAGE_SIZE;
  // keyset pages in (submittedAt, id) order, from the submittedAt index
  let after: { submittedAt: string; id: string } | null = null;
  for (;;) {
    let query = db
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
      .where('submittedAt', '<', question.to);
    if (after) {
      const { submittedAt, id } = after;
      query = query.where((eb) => eb(eb.refTuple('submittedAt', 'id'), '>', eb.tuple(submittedAt, id)));
    }
    const rows = await query.orderBy('submittedAt').orderBy('id').limit(pageSize).execute();
    for (const r of rows) {
      replay.add({
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
      });
    }
    if (rows.length < pageSize) return replay.result();
    const last = rows[rows.length - 1];
    after = { submittedAt: last.submittedAt, id: last.id };
  }
});
