import { defineConfig } from 'tsup';

export default defineConfig({
  // The public entries (index, model, templates, testing); the batch's worker threads and the
  // command line load their own.
  entry: {
    index: 'src/index.ts',
    model: 'src/model/index.ts',
    templates: 'src/templates/kit.ts',
    testing: 'src/testing.ts',
    worker: 'src/batch/worker.ts',
    cli: 'src/cli/main.ts',
  },
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
