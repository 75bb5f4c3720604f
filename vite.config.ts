import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The dev server proxies /api to the mock API so the browser talks to one origin.
const apiPort = process.env.API_PORT ?? '3001';

interface ModuleGraph {
  getModuleInfo(id: string): {
    isEntry: boolean;
    importers: readonly string[];
    dynamicImporters: readonly string[];
    importedIds: readonly string[];
  } | null;
}

/**
 * Every module the entry reaches through static imports goes into the entry's chunk. Left to
 * itself the bundler splits out the modules the first page shares with lazily loaded pages (a
 * table row, a chip, a select input …) into some twenty small files, and the first page waits
 * for all of them over the browser's six connections; lazily loaded pages still get their own
 * chunks for what only they use.
 */
function entryGraph() {
  let reached: Set<string> | null = null;
  return (id: string, graph: ModuleGraph): string | null => {
    if (!reached) {
      reached = new Set();
      const queue: string[] = [];
      // the entry is found from any module by walking its importers up, static or dynamic (the
      // first module asked about may be one only a lazily loaded page imports)
      const seen = new Set<string>([id]);
      const up = [id];
      while (up.length) {
        const current = up.pop()!;
        const info = graph.getModuleInfo(current);
        if (!info) continue;
        if (info.isEntry) queue.push(current);
        for (const importer of [...info.importers, ...info.dynamicImporters]) {
          if (seen.has(importer)) continue;
          seen.add(importer);
          up.push(importer);
        }
      }
      while (queue.length) {
        const current = queue.pop()!;
        if (reached.has(current)) continue;
        reached.add(current);
        for (const next of graph.getModuleInfo(current)?.importedIds ?? []) queue.push(next);
      }
    }
    return reached.has(id) ? 'app' : null;
  };
}

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
  build: {
    sourcemap: false,
    chunkSizeWarningLimit: 2000,
    rolldownOptions: {
      output: { codeSplitting: { groups: [{ name: entryGraph(), debugName: 'first page' }] } },
    },
  },
});
