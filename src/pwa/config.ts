import type { VitePWAOptions } from 'vite-plugin-pwa';

/**
 * The installable, offline app (vite-plugin-pwa, generateSW). After the first visit every file the app needs
 * is in the service worker's precache: the page, the main and lazy chunks, the simulation worker (rapier's
 * WASM is inlined in it by @dimforge/rapier3d-compat, so no .wasm file travels), the plant (models/
 * default-plant.json becomes a chunk of its own), the scenarios (bundled by import.meta.glob), the Thai font
 * (public/fonts) and the WebXR controller and hand models (public/webxr-profiles, copied at build).
 *
 * Pure data, shared by vite.config.ts and the unit tests.
 */

/** iwer's synthetic rooms: chunks it could import for its own environment, never used by this app. */
export const UNUSED_CHUNKS = ['living_room', 'meeting_room', 'music_room', 'office_large', 'office_small'];

/** The largest precached file is the simulation worker (4.6 MB with the plant model and rapier's WASM). */
export const MAX_PRECACHED_FILE_BYTES = 12 * 1024 * 1024;

/**
 * The navigations the app's page answers: "/" and "/index.html" with any query (?plant=, ?lang=, ?join=…).
 * Anything else (a station's /api/… route, a JSON or model file opened in a tab) goes to the network or the
 * precache as itself, never to the app's page.
 */
export const NAVIGATE_ALLOWLIST = [/^\/(index\.html)?(\?.*)?$/];

export const pwaOptions: Partial<VitePWAOptions> = {
  // a new version waits until the trainee accepts it (src/pwa/UpdateBanner.tsx), never mid-exercise
  registerType: 'prompt',
  injectRegister: false, // src/pwa/register.ts registers once the plant is drawn
  strategies: 'generateSW',
  manifest: {
    name: 'TankTwin: hot-bitumen terminal training',
    short_name: 'TankTwin',
    // a manifest has one language (no per-language members in the standard yet), so the description, shown in
    // the install prompt, is given in English and Thai; the name is the product's and stays as it is
    description:
      'Operator-training simulator and digital twin of a hot-bitumen storage and truck-loading terminal · ' +
      'เครื่องจำลองฝึกอบรมผู้ปฏิบัติงานและดิจิทัลทวินของคลังเก็บและจ่ายยางมะตอยร้อนขึ้นรถบรรทุก',
    lang: 'en',
    dir: 'ltr',
    start_url: '/',
    scope: '/',
    display: 'standalone',
    background_color: '#1d2b3a',
    theme_color: '#1d2b3a',
    icons: [
      { src: 'icons/icon-192.png', sizes: '192x192', type: 'image/png', purpose: 'any' },
      { src: 'icons/icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'any' },
      { src: 'icons/icon-maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
    ],
  },
  workbox: {
    // textures and environment maps too (public/env); the manifest and its icons are added by the plugin
    globPatterns: ['**/*.{js,css,html,json,wasm,ttf,woff,woff2,glb,gltf,bin,ktx2,hdr,exr,png,jpg,jpeg,webp,svg}'],
    // docs/ holds the README's screenshots, not the app's
    globIgnores: ['docs/**', 'icons/**', `assets/{${UNUSED_CHUNKS.join(',')}}-*.js`],
    maximumFileSizeToCacheInBytes: MAX_PRECACHED_FILE_BYTES,
    navigateFallback: 'index.html',
    navigateFallbackAllowlist: NAVIGATE_ALLOWLIST,
    // the first worker takes the open page at once (nothing to replace); an update only after the trainee's Reload
    clientsClaim: true,
    skipWaiting: false,
    cleanupOutdatedCaches: true,
    // no runtime routes: anything not precached (a station's API, a ?plant= file, a learning record store)
    // goes to the network untouched; src/pwa/plantCache.ts keeps a ?plant= file for offline reloads
    runtimeCaching: [],
  },
  devOptions: { enabled: false },
};
