// One tab per live run: the tab running (or resuming) a run holds a Web Lock named after it for as long
// as the run is open, so a second tab cannot resume the same run and overwrite its record. The tab that
// was refused tells the holder over a BroadcastChannel, which shows it to its trainee.

const CHANNEL = 'tanktwin-runs';
const lockName = (runId: string) => `tanktwin-run:${runId}`;

export interface RunLock {
  release(): void;
}

/** Take the run's lock, or null when another tab holds it. Without Web Locks (old browsers) always granted. */
export async function lockRun(runId: string, onOtherTab: () => void): Promise<RunLock | null> {
  const channel = typeof BroadcastChannel === 'undefined' ? null : new BroadcastChannel(CHANNEL);
  const listen = (e: MessageEvent) => {
    const m = e.data as { type?: string; runId?: string } | null;
    if (m?.type === 'resume-refused' && m.runId === runId) onOtherTab();
  };
  const locks = typeof navigator === 'undefined' ? undefined : navigator.locks;
  if (!locks) {
    channel?.addEventListener('message', listen);
    return { release: () => channel?.close() };
  }
  let release!: () => void;
  const held = new Promise<void>((r) => (release = r));
  const got = await new Promise<boolean>((answer) => {
    void locks.request(lockName(runId), { ifAvailable: true }, (lock) => {
      answer(lock !== null);
      return lock ? held : undefined;
    });
  });
  if (!got) {
    channel?.postMessage({ type: 'resume-refused', runId });
    channel?.close();
    return null;
  }
  channel?.addEventListener('message', listen);
  return {
    release: () => {
      release();
      channel?.close();
    },
  };
}
