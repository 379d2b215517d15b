import type { CreatedSession, CreateSession, Device, Joined } from '../protocol/session';

// The station's HTTP API as a page uses it (src/station/api.ts): describe the station, create a session,
// turn a join code into a token, refresh the token. Every call is relative to the page's own origin: the
// station serves the app, so a page that joins a session was loaded from it.

/** What GET /api/station says about the station. */
export interface StationDescription {
  name: string;
  site: string;
  broker: { embedded: boolean; protocolVersion: 4 | 5 };
  /** Named initial conditions kept on the station. */
  ics: string[];
}

async function call<T>(path: string, init?: { body?: unknown; token?: string }): Promise<T> {
  const headers: Record<string, string> = {};
  if (init?.body !== undefined) headers['Content-Type'] = 'application/json';
  if (init?.token) headers.Authorization = `Bearer ${init.token}`;
  const r = await fetch(path, {
    method: init?.body === undefined ? 'GET' : 'POST',
    headers,
    body: init?.body === undefined ? undefined : JSON.stringify(init.body),
  });
  const j = (await r.json().catch(() => ({}))) as T & { error?: string };
  if (!r.ok) throw new Error(j.error ?? `HTTP ${r.status}`);
  return j;
}

export const describeStation = () => call<StationDescription>('/api/station');

export const createSession = (req: CreateSession) => call<CreatedSession>('/api/sessions', { body: req });

/** A join code (and, to carry on as the same participant after a drop, the pid) → token and broker access. */
export const joinSession = (code: string, name: string, device: Device, pid?: string) =>
  call<Joined>('/api/join', { body: { code, name, device, ...(pid && { pid }) } });

export const refreshToken = (token: string) =>
  call<{ token: string; expiresAt: string }>('/api/refresh', { body: { token } });

/** The action log of a session (its instructor's token). */
export const sessionLog = (sid: string, token: string) => call<unknown[]>(`/api/sessions/${sid}/log`, { token });

/**
 * The kind of device the page runs on: a headset's browser offers immersive VR, a phone has a coarse
 * pointer and a small screen, anything else is a desktop. Asked once when the join form opens.
 */
export async function detectDevice(): Promise<Device> {
  const xr = (navigator as Navigator & { xr?: { isSessionSupported(m: string): Promise<boolean> } }).xr;
  const ua = navigator.userAgent;
  if (/OculusBrowser|Quest|Pico|Wolvic/i.test(ua)) return 'vr';
  if (xr && /Android/i.test(ua) && (await xr.isSessionSupported('immersive-vr').catch(() => false))) return 'vr';
  if (matchMedia('(pointer: coarse)').matches && Math.min(screen.width, screen.height) < 600) return 'phone';
  return 'desktop';
}

const KEY = 'tanktwin.session.';

/** The participant id this browser had in a session (so a reload or drop carries on as the same person). */
export function rememberedPid(code: string): string | undefined {
  try {
    return sessionStorage.getItem(KEY + code.toUpperCase()) ?? undefined;
  } catch {
    return undefined;
  }
}

export function rememberPid(code: string, pid: string): void {
  try {
    sessionStorage.setItem(KEY + code.toUpperCase(), pid);
  } catch {
    /* private mode: a reload joins as a new participant */
  }
}
