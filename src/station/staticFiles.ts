import { createReadStream, existsSync, statSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';
import { securityHeaders } from '../serve/headers';

// The built app, with the same security headers `npm start`'s preview server sends.

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.glb': 'model/gltf-binary',
  '.gltf': 'model/gltf+json',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
  '.webmanifest': 'application/manifest+json',
};

export function setSecurityHeaders(res: ServerResponse): void {
  for (const [k, v] of Object.entries(securityHeaders())) res.setHeader(k, v);
}

/**
 * A page served from elsewhere (the self-paced app, `?live=https://station…`) may join the live plant and read
 * its history: those endpoints answer any origin. Nothing rides on cookies, and what they give is what the
 * caller's code or the read-only viewer account already allows. Returns true when it answered a preflight.
 */
export function liveCors(req: IncomingMessage, res: ServerResponse, path: string): boolean {
  if (!/^\/api\/(live\/|history|twin\/)/.test(path)) return false;
  res.setHeader('Access-Control-Allow-Origin', '*');
  if (req.method !== 'OPTIONS') return false;
  res.writeHead(204, {
    'Access-Control-Allow-Methods': 'GET, POST',
    'Access-Control-Allow-Headers': 'Content-Type',
    'Access-Control-Max-Age': '600',
  });
  res.end();
  return true;
}

export function serveStatic(dist: string, req: IncomingMessage, res: ServerResponse): void {
  const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
  const rel = normalize(path).replace(/^([/\\])+/, '');
  let file = join(dist, rel);
  if (!file.startsWith(dist + sep) && file !== dist) return void res.writeHead(403).end();
  const missing = !existsSync(file) || statSync(file).isDirectory();
  // a missing script or style (an old page asking for a chunk a newer build replaced) must fail as one: the
  // app's page in its place would load as a broken module instead of showing the panel's load error
  if (missing && /^\/assets\//.test(path)) {
    res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-cache' });
    return void res.end('Not found\n');
  }
  if (missing) file = join(dist, 'index.html'); // the app's own routes
  if (!existsSync(file)) {
    res.writeHead(503, { 'Content-Type': 'text/plain; charset=utf-8' });
    return void res.end(`The app is not built: run "npm run build" (expected ${dist}/index.html).\n`);
  }
  const type = TYPES[extname(file)] ?? 'application/octet-stream';
  // hashed assets never change; the page itself must be fetched afresh to pick up a new build
  const cache = file.includes(`${sep}assets${sep}`) ? 'public, max-age=31536000, immutable' : 'no-cache';
  res.writeHead(200, { 'Content-Type': type, 'Cache-Control': cache });
  if (req.method === 'HEAD') return void res.end();
  createReadStream(file).pipe(res);
}
