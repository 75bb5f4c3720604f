// vitest globalSetup: one throwaway PostgreSQL server for the whole run (postgres.ts); each test
// file that needs the engine creates its own database on it (databases.ts). Stopped at the end.
import type { TestProject } from 'vitest/node';
import { startPostgres } from './postgres';

declare module 'vitest' {
  export interface ProvidedContext {
    /** the Unix socket folder of the run's PostgreSQL server */
    postgresSocketDir: string;
  }
}

export default function setup(project: TestProject) {
  const server = startPostgres();
  project.provide('postgresSocketDir', server.socketDir);
  return () => server.stop();
}
