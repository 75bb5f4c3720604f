// `npm run test:contract`: the API contract (mock-api/openapi.yaml) against a backend.
// API_URL=http://host:3001 points it at any backend; without it, it starts a mock API itself.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/contract/**/*.test.ts'],
    environment: 'node',
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
