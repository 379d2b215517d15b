import { describe, expect, it } from 'vitest';
import { connectUpdates, type WorkboxLike } from '../../../src/pwa/connect';
import { createPwaStore } from '../../../src/pwa/store';

type Ev = { isUpdate?: boolean; isExternal?: boolean };

/** A Workbox whose life-cycle events the test fires, counting the skip-waiting messages it is sent. */
function fakeWorkbox() {
  const handlers: Record<string, ((e: Ev) => void)[]> = {};
  const wb = {
    skipWaitingSent: 0,
    addEventListener(type: string, fn: (e: Ev) => void) {
      (handlers[type] ??= []).push(fn);
    },
    messageSkipWaiting() {
      wb.skipWaitingSent++;
    },
    fire(type: string, e: Ev = {}) {
      for (const fn of handlers[type] ?? []) fn(e);
    },
  };
  return wb satisfies WorkboxLike;
}

function setup() {
  const wb = fakeWorkbox();
  const store = createPwaStore();
  const reloads = { n: 0 };
  connectUpdates(wb, store, () => reloads.n++);
  return { wb, store, reloads };
}

describe('service worker life cycle to the update offer', () => {
  it('the first install makes the app ready offline, offers nothing and reloads nothing', () => {
    const { wb, store, reloads } = setup();
    wb.fire('activated', { isUpdate: false });
    wb.fire('controlling', { isUpdate: false }); // clientsClaim takes the open page
    expect(store.getState()).toMatchObject({ offlineReady: true, waiting: false, apply: null });
    expect(reloads.n).toBe(0);
  });

  it('a new version waits until applied: no skip-waiting and no reload before the trainee asks', () => {
    const { wb, store, reloads } = setup();
    wb.fire('waiting', { isUpdate: true });
    expect(store.getState().waiting).toBe(true);
    expect(wb.skipWaitingSent).toBe(0);
    expect(reloads.n).toBe(0);
    store.getState().apply!();
    expect(wb.skipWaitingSent).toBe(1);
    expect(reloads.n).toBe(0); // not until the new version controls the page
    wb.fire('controlling', { isUpdate: true });
    expect(reloads.n).toBe(1);
  });

  it('a new offer undoes an earlier "Later"', () => {
    const { wb, store } = setup();
    store.setState({ dismissed: 'page' });
    wb.fire('waiting', { isUpdate: true });
    expect(store.getState().dismissed).toBe('none');
  });

  it('a version another tab applied is announced, not reloaded into; its apply is a plain reload', () => {
    const { wb, store, reloads } = setup();
    wb.fire('controlling', { isUpdate: true, isExternal: true });
    expect(reloads.n).toBe(0);
    expect(store.getState().waiting).toBe(true);
    store.getState().apply!();
    expect(reloads.n).toBe(1);
    expect(wb.skipWaitingSent).toBe(0);
  });
});
