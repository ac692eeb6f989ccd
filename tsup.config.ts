import { defineConfig } from 'tsup';

export default defineConfig({
  // The batch's worker threads load their own entry.
  entry: { index: 'src/index.ts', worker: 'src/batch/worker.ts', cli: 'src/cli/main.ts' },
  format: ['esm', 'cjs'],
  dts: true,
  sourcemap: true,
  clean: true,
  target: 'node20',
  // Chunks let the DOCX renderer (and the docx library) load only when first used.
  splitting: true,
  // import.meta.url (font and module lookup) must work in the CommonJS build too.
  shims: true,
});
