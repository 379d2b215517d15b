import { onTestFailed } from 'vitest';

/**
 * Wait until `cond` holds, checking it between turns of the event loop. It keeps no deadline of its own (a
 * busy machine is no reason to fail): a test that never gets there is stopped by vitest's testTimeout, and the
 * failure then names what it was waiting for.
 */
export async function waitFor(cond: () => boolean, what: string): Promise<void> {
  if (cond()) return;
  let waiting = true;
  try {
    onTestFailed(() => {
      if (waiting) console.error(`still waiting for ${what}`);
    });
  } catch {
    // called outside a test (a hook): the hook's own timeout names it
  }
  while (!cond()) await new Promise((r) => setTimeout(r, 5));
  waiting = false;
}
