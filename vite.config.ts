import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { DEV_SERVED_PATHS, PRIVATE_FILE_GLOBS, servedFilesGuard } from './mock-api/servedFiles';

// The dev server proxies /api to the mock API so the browser talks to one origin; the API sees the
// page's own Host, so it knows the call is same-origin (mock-api/requestPolicy.ts).
const apiProxy = {
  '/api': { target: `http://127.0.0.1:${process.env.API_PORT ?? '3001'}`, changeOrigin: false },
  // the demo wallet's page (wallet.html) talks to its own backend (mock-api/wallet/, README "Live demo")
  '/wallet-api': { target: `http://127.0.0.1:${process.env.WALLET_PORT ?? '5175'}`, changeOrigin: false },
};

export default defineConfig({
  // the dev server and the preview serve the app and nothing else: not the database, its journal,
  // the token secret, .env files, .git, nor the project's other files (mock-api/servedFiles.ts)
  plugins: [react(), servedFilesGuard()],
  server: {
    port: Number(process.env.PORT ?? 5173),
    strictPort: true,
    cors: false,
    fs: { strict: true, allow: [...DEV_SERVED_PATHS], deny: [...PRIVATE_FILE_GLOBS] },
    proxy: apiProxy,
  },
  preview: {
    port: Number(process.env.PORT ?? 4173),
    cors: false,
    proxy: apiProxy,
  },
  // Two builds into dist/: the desk (index.html), then the demo wallet (wallet.html, src/wallet/),
  // each with the code splitting below. Built together, the two pages' first files were shared, so
  // the desk's first page also loaded the Material UI components that only the wallet's first page
  // renders (dialogs, selects, text fields …), about 11 kB gzip before the queue's first rows.
  environments: {
    client: { build: { rolldownOptions: { input: { main: 'index.html' } } } },
    wallet: {
      consumer: 'client',
      build: {
        emptyOutDir: false,
        rolldownOptions: { input: { wallet: 'wallet.html' } },
      },
    },
  },
  builder: {
    async buildApp(builder) {
      await builder.build(builder.environments.client);
      await builder.build(builder.environments.wallet);
    },
  },
  build: {
    sourcemap: false,
    chunkSizeWarningLimit: 2000,
    rolldownOptions: {
      output: {
        codeSplitting: {
          // Everything the first page runs, in two files of about the same size: React and
          // Material UI in one, react-admin and the app in the other, which the browser downloads
          // and compiles side by side (one file of 1.16 MB took 30 ms longer to the queue's first
          // rows on a 2-core machine, `npm run bench`). Left to itself the bundler splits the
          // modules the first page shares with lazily loaded pages (a table row, a chip, a select
          // input …) into some twenty small files, and the first page waits for all of them.
          // `$initial` is what the entry really uses after tree-shaking: what only lazily loaded
          // pages use (tabs, autocomplete, date inputs …) stays in their chunks.
          groups: [
            {
              name: 'framework',
              tags: ['$initial'],
              test: /node_modules[\\/](react|react-dom|scheduler|@mui|@emotion|stylis)[\\/]/,
              priority: 2,
            },
            // each page's own entry (the desk's main.tsx, the demo wallet's src/wallet/) stays in
            // its entry file, ahead of the libraries
            {
              name: 'app',
              tags: ['$initial'],
              test: (id) =>
                !/[\\/](src[\\/]wallet[\\/]|wallet\.html|index\.html|src[\\/]main\.tsx$)/.test(id),
              priority: 1,
            },
          ],
        },
      },
    },
  },
});
