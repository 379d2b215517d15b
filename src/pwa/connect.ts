import type { PwaStore } from './store';

/** The part of workbox-window's Workbox the page uses (a fake in the unit tests). */
export interface WorkboxLike {
  addEventListener(
    type: 'waiting' | 'controlling' | 'activated',
    fn: (e: { isUpdate?: boolean; isExternal?: boolean }) => void,
  ): void;
  messageSkipWaiting(): void;
}

/**
 * Wires a Workbox's life-cycle events to the store. A waiting version is only announced; it takes over when
 * the trainee presses Reload (apply), and the page reloads once it controls it. A version another tab
 * applied already controls this page, whose lazily loaded files may be gone from the new precache: that is
 * announced too, and its apply is a plain reload.
 */
export function connectUpdates(wb: WorkboxLike, store: PwaStore, reload: () => void): void {
  let applying = false;
  wb.addEventListener('activated', (e) => {
    if (!e.isUpdate && !e.isExternal) store.setState({ offlineReady: true });
  });
  wb.addEventListener('waiting', () =>
    store.setState({
      waiting: true,
      dismissed: 'none',
      apply: () => {
        applying = true;
        wb.messageSkipWaiting();
      },
    }),
  );
  wb.addEventListener('controlling', (e) => {
    if (applying) reload();
    else if (e.isExternal || e.isUpdate) store.setState({ waiting: true, dismissed: 'none', apply: reload });
  });
}
