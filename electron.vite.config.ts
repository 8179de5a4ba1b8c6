import react from '@vitejs/plugin-react';
import { defineConfig, externalizeDepsPlugin } from 'electron-vite';
import type { Plugin } from 'vite';
import { resolve } from 'node:path';
import { CONTENT_SECURITY_POLICY } from './main/server/csp';

/** One CSP, written into index.html (frame-ancestors is header-only, so it is left out of the meta tag). */
function cspMeta(): Plugin {
  const policy = CONTENT_SECURITY_POLICY.split('; ')
    .filter((d) => !d.startsWith('frame-ancestors'))
    .join('; ');
  return {
    name: 'labdeck-csp-meta',
    transformIndexHtml: () => [{ tag: 'meta', attrs: { 'http-equiv': 'Content-Security-Policy', content: policy }, injectTo: 'head-prepend' }],
  };
}

/** The console's initial JavaScript (the entry chunk and what it imports statically) must stay under this. */
export const INITIAL_JS_BUDGET = 400 * 1024;

/** Prints the initial JavaScript after the renderer build: what a browser loads before the Labs page can paint. */
function initialJsSize(): Plugin {
  return {
    name: 'labdeck-initial-js',
    apply: 'build',
    generateBundle(_options, bundle) {
      const chunks = Object.values(bundle).filter((c) => c.type === 'chunk');
      const byName = new Map(chunks.map((c) => [c.fileName, c]));
      const seen = new Set<string>();
      const visit = (file: string): void => {
        const c = byName.get(file);
        if (!c || seen.has(file)) return;
        seen.add(file);
        c.imports.forEach(visit);
      };
      chunks.filter((c) => c.isEntry).forEach((c) => visit(c.fileName));
      const bytes = [...seen].reduce((n, f) => n + Buffer.byteLength(byName.get(f)!.code), 0);
      const lazy = chunks.filter((c) => !seen.has(c.fileName)).reduce((n, c) => n + Buffer.byteLength(c.code), 0);
      this.info(`initial JavaScript ${(bytes / 1024).toFixed(0)} kB in ${seen.size} files (budget ${INITIAL_JS_BUDGET / 1024} kB); ${(lazy / 1024).toFixed(0)} kB more load when needed`);
    },
  };
}

export default defineConfig({
  main: {
    plugins: [externalizeDepsPlugin()],
    build: { rollupOptions: { input: { index: resolve('main/electron/main.ts') } } },
  },
  preload: {
    plugins: [externalizeDepsPlugin({ exclude: ['zod'] })],
    build: {
      rollupOptions: {
        input: { index: resolve('preload/index.ts') },
        // Sandboxed preloads cannot load ES modules or other files: one CommonJS file.
        output: { format: 'cjs', entryFileNames: '[name].cjs', inlineDynamicImports: true },
      },
    },
  },
  renderer: {
    root: 'renderer',
    plugins: [react(), cspMeta(), initialJsSize()],
    base: './',
    build: {
      // .vite/manifest.json: main/server/console-initial-js.test.ts checks the initial JavaScript against its budget
      manifest: true,
      // electron-vite leaves the renderer unminified by default; React 19's production build ships readable
      minify: true,
      rollupOptions: {
        input: resolve('renderer/index.html'),
        // zod ships /* @__PURE__ */ comments in places Rollup cannot use; harmless, and noisy
        onwarn: (warning, warn) => (warning.code === 'INVALID_ANNOTATION' ? undefined : warn(warning)),
      },
    },
  },
});
