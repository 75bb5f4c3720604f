import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The dev server proxies /api to the mock API so the browser talks to one origin.
const apiPort = process.env.API_PORT ?? '3001';

export default defineConfig({
  plugins: [react()],
  server: {
    port: Number(process.env.PORT ?? 5173),
    strictPort: true,
    proxy: { '/api': `http://127.0.0.1:${apiPort}` },
  },
  preview: {
    port: Number(process.env.PORT ?? 4173),
    proxy: { '/api': `http://127.0.0.1:${apiPort}` },
  },
  build: { sourcemap: false, chunkSizeWarningLimit: 2000 },
});
