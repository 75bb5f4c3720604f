// Shared test setup: DOM matchers for the testing-library UI tests.
import '@testing-library/jest-dom/vitest';
