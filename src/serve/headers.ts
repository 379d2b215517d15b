/**
 * HTTP security headers for every server that hands out the built app (`npm start`'s preview server and,
 * later, the station). Pure data so the Vite config and Node servers share one list.
 *
 * The CSP allows what the app really uses: its own scripts and module workers, WASM compiled from the
 * bundle (rapier), blob: workers (the SDF text renderer builds its worker from a blob and loads its code into it by importScripts of blob: URLs), inline style
 * attributes (React), data:/blob: images and fonts, and outgoing connections to https/wss endpoints (a
 * learning record store, a broker) plus loopback, where a station or LRS runs on the same machine.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval' blob:",
  "worker-src 'self' blob:",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self' data: blob: https: wss: ws://localhost:* ws://127.0.0.1:* http://localhost:* http://127.0.0.1:*",
  "media-src 'self' blob:",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/** Headers for every response of a server that serves the built app. */
export function securityHeaders(opts: { csp?: boolean } = {}): Record<string, string> {
  const h: Record<string, string> = {
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'X-Frame-Options': 'DENY',
    // the headset asks for XR; nothing else needs the camera, microphone or location
    'Permissions-Policy': 'xr-spatial-tracking=(self), camera=(self), microphone=(), geolocation=()',
    'Cross-Origin-Opener-Policy': 'same-origin',
  };
  if (opts.csp !== false) h['Content-Security-Policy'] = CONTENT_SECURITY_POLICY;
  return h;
}
