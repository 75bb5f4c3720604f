// Shared test setup: DOM matchers for the testing-library UI tests.
import '@testing-library/jest-dom/vitest';
import { configure } from '@testing-library/react';

// findBy*/waitFor wait up to 5 s instead of 1 s: the first render of a lazily loaded page on a
// shared 2-core machine can take longer than a second (a wait, not a looser assertion).
configure({ asyncUtilTimeout: 5_000 });
