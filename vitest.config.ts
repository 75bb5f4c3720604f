import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';

export default defineConfig({
  plugins: [react()],
  test: {
    include: [
      'test/domain/**/*.test.ts',
      'test/mock-api/**/*.test.ts',
      'test/db/**/*.test.ts',
      'test/ui/**/*.test.tsx',
      'test/architecture/**/*.test.ts',
    ],
    environment: 'node',
    setupFiles: ['test/setup.ts'],
    // one throwaway PostgreSQL server per run, for the tests on both engines (test/db)
    globalSetup: ['test/support/postgresGlobalSetup.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
