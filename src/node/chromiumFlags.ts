// Chromium launch flags shared by the end-to-end tests (playwright.config.ts) and the app benchmark
// (src/cli/benchApp.ts): headless Debian Chromium with software WebGL through SwiftShader, so both measure
// and test the same renderer.

/** The headless, software-rendered browser both launch. */
export const CHROMIUM_BASE_ARGS: readonly string[] = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--use-angle=swiftshader',
  '--enable-unsafe-swiftshader',
  '--ignore-gpu-blocklist',
];

/** Chromium's own navigator.xr switched off, so that the app's emulated Quest 3 (iwer) installs. */
export const NO_NATIVE_WEBXR_ARG = '--disable-blink-features=WebXR';

/**
 * No multisampling: SwiftShader draws each frame about 1.5× faster, and every wait and every call into the
 * page waits on the page's frame loop (the app still asks for antialiasing; tests check what is drawn).
 */
export const NO_MULTISAMPLING_ARG = '--webgl-antialiasing-mode=none';
