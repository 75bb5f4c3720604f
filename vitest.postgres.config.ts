// `npm run test:postgres`: the API suites again, each API on its own database of a throwaway
// PostgreSQL server (test/support/postgresGlobalSetup.ts): the routes and their refusals,
// concurrency, durability and several processes, hostile input, access control and the contract,
// and every refusal in both languages.
// `npm test` runs it after the SQLite run (vitest.config.ts).
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: [
      'test/mock-api/listAndAuth.test.ts',
      'test/mock-api/listReaders.test.ts',
      'test/mock-api/refundActions.test.ts',
      'test/mock-api/refundActionRules.test.ts',
      'test/mock-api/refundActionTimers.test.ts',
      'test/mock-api/refundNotes.test.ts',
      'test/mock-api/complaints.test.ts',
      'test/mock-api/complaintOverturn.test.ts',
      'test/mock-api/seededComplaints.test.ts',
      'test/mock-api/complaintNotes.test.ts',
      'test/mock-api/complaintContactHolder.test.ts',
      'test/mock-api/fourEyes.test.ts',
      'test/mock-api/metrics.test.ts',
      'test/db/metricsRollups.test.ts',
      'test/mock-api/staffFilters.test.ts',
      'test/mock-api/timeBounds.test.ts',
      'test/mock-api/concurrency.test.ts',
      'test/mock-api/durability.test.ts',
      'test/mock-api/multiProcess.test.ts',
      'test/mock-api/webhooks.test.ts',
      'test/mock-api/webhookDurability.test.ts',
      'test/mock-api/hostileInput.test.ts',
      'test/mock-api/hostileWrites.test.ts',
      'test/mock-api/invisibleText.test.ts',
      'test/mock-api/accessControl.test.ts',
      'test/mock-api/signInLockout.test.ts',
      'test/mock-api/refusalVisibility.test.ts',
      'test/mock-api/refusalLanguage.test.ts',
      'test/mock-api/versionedWrites.test.ts',
      'test/mock-api/contract.test.ts',
    ],
    environment: 'node',
    env: { TEST_ENGINE: 'postgres' },
    setupFiles: ['test/setup.ts'],
    globalSetup: ['test/support/postgresGlobalSetup.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
