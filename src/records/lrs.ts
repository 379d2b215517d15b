import { getRun, listRuns, putRun, type RunRecord } from './db';
import { sendToLrs, type LrsSettings } from './xapi';

// The learning record store the page reports to. The address and user name are remembered in
// localStorage; the password (or token) only in memory for this page's life, never on disk. Finished runs
// whose statements have not reached the store are the queue: they stay in IndexedDB marked unsent and are
// sent at the end of each run, when the browser comes back online, and on a back-off timer after a failure.

const KEY = 'tanktwin.lrs';
export const RETRY_MIN_MS = 5_000;
export const RETRY_MAX_MS = 10 * 60_000;

let password = '';
let retryMs = RETRY_MIN_MS;
let retryTimer: ReturnType<typeof setTimeout> | null = null;
let sending: Promise<number> | null = null;

export function loadLrs(): LrsSettings {
  try {
    const s = JSON.parse(localStorage.getItem(KEY) ?? 'null') as Partial<LrsSettings> | null;
    // a password stored by an older version is dropped from disk here
    if (s && 'password' in s) localStorage.setItem(KEY, JSON.stringify({ endpoint: s.endpoint, username: s.username }));
    return { endpoint: s?.endpoint ?? '', username: s?.username ?? '', password };
  } catch {
    return { endpoint: '', username: '', password };
  }
}

export function saveLrs(s: LrsSettings): void {
  password = s.password;
  localStorage.setItem(KEY, JSON.stringify({ endpoint: s.endpoint, username: s.username }));
}

export const lrsConfigured = (s: LrsSettings = loadLrs()) => s.endpoint !== '' && s.password !== '';

/** The next wait after a failed send: doubling from RETRY_MIN_MS up to RETRY_MAX_MS. */
export function nextBackoff(ms: number): number {
  return Math.min(RETRY_MAX_MS, ms * 2);
}

const unsent = (r: RunRecord) => r.status === 'ended' && !r.sentAt && r.statements.length > 0;

/** Send every finished run not yet sent; returns how many were sent. Retries later on failure. */
export function sendPending(fetchFn: typeof fetch = fetch): Promise<number> {
  const s = loadLrs();
  if (!lrsConfigured(s)) return Promise.resolve(0);
  sending ??= (async () => {
    let n = 0;
    try {
      for (const r of (await listRuns()).filter(unsent)) {
        await sendToLrs(r.statements, s, fetchFn);
        const now = await getRun(r.runId);
        if (now) await putRun({ ...now, sentAt: new Date().toISOString() });
        n++;
      }
      retryMs = RETRY_MIN_MS;
    } catch {
      if (retryTimer) clearTimeout(retryTimer);
      retryTimer = setTimeout(() => void sendPending(fetchFn), retryMs);
      retryMs = nextBackoff(retryMs);
    } finally {
      sending = null;
    }
    return n;
  })();
  return sending;
}

if (typeof window !== 'undefined') window.addEventListener('online', () => void sendPending());
