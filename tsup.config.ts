import { defineConfig } from 'tsup';

export default defineConfig({
  // The batch's worker threads load their own entry.
  entry: { index: 'src/index.ts', worker: 'src/batch/worker.ts', cli: 'src/cli/main.ts' },
  format: ['esm', 'cjs'],
  dts: true,
  // No source maps: the package ships no sources for them to point at, and tsup writes the
  // build's absolute path into them.
  sourcemap: false,
  clean: true,
  target: 'node20',
  // Chunks let the DOCX renderer (and the docx library) load only when first used.
  splitting: true,
  // import.meta.url (font and module lookup) must work in the CommonJS build too.
  shims: true,
});
