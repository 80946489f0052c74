import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

/** Paths the API answers; the dev server forwards them to a running API (`SINERGI_API_URL`). */
const API_PATHS = ['auth', 'cases', 'tasks', 'agencies', 'users', 'audit', 'notifications', 'health', 'docs', 'metrics'];
const api = process.env.SINERGI_API_URL ?? 'http://127.0.0.1:3000';

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  // JSX is compiled by Vite's own transformer (tsconfig "jsx": "react-jsx").
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: true,
    chunkSizeWarningLimit: 1500,
    rollupOptions: {
      // Libraries' 'use client' directives mean nothing in a client-only bundle.
      onwarn(warning, warn) {
        if (warning.code !== 'MODULE_LEVEL_DIRECTIVE') warn(warning);
      },
    },
  },
  server: { port: 5173, strictPort: true, proxy: Object.fromEntries(API_PATHS.map((path) => [`^/${path}(/|\\?|$)`, { target: api, changeOrigin: false }])) },
});
