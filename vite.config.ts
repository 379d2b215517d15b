import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';
import { cpSync, existsSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { createRequire } from 'node:module';
import { securityHeaders } from './src/serve/headers.ts';
import { VitePWA } from 'vite-plugin-pwa';
import { pwaOptions } from './src/pwa/config.ts';

// WebXR controller and hand models, served by the app itself: a headset can work offline and the
// emulator on a closed network. Copied from @webxr-input-profiles/assets into public/ (git-ignored).
const PROFILES = ['meta-quest-touch-plus', 'generic-trigger', 'generic-hand'];
function inputProfiles() {
  return {
    name: 'tanktwin-input-profiles',
    buildStart() {
      const src = join(
        dirname(createRequire(import.meta.url).resolve('@webxr-input-profiles/assets/package.json')),
        'dist',
        'profiles',
      );
      const dst = join(import.meta.dirname, 'public', 'webxr-profiles');
      if (existsSync(join(dst, 'profilesList.json'))) return;
      mkdirSync(dst, { recursive: true });
      cpSync(join(src, 'profilesList.json'), join(dst, 'profilesList.json'));
      for (const p of PROFILES) cpSync(join(src, p), join(dst, p), { recursive: true });
    },
  };
}

export default defineConfig({
  plugins: [react(), inputProfiles(), VitePWA(pwaOptions)],
  worker: { format: 'es' },
  // the dev server runs React Refresh's inline preamble, so only the built app gets the full CSP
  server: { headers: securityHeaders({ csp: false }) },
  preview: { headers: securityHeaders() },
  build: {
    target: 'es2022',
    chunkSizeWarningLimit: 6000,
    rollupOptions: {
      output: {
        // zod and the module that switches its JIT off travel in one chunk, so the switch runs before any code
        // that shares a chunk with zod can parse (a JIT probe is a CSP violation under the app's policy)
        manualChunks(id: string) {
          if (/[\\/]node_modules[\\/]zod[\\/]/.test(id) || /src[\\/]protocol[\\/]zodConfig\.ts$/.test(id)) return 'zod';
        },
      },
    },
  },
  test: {
    include: ['test/unit/**/*.test.ts'],
    environment: 'node',
    testTimeout: 60_000,
  },
});
