import { describe, expect, it } from 'vitest';
import { createElement, Suspense, type ComponentType } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { prerenderToNodeStream } from 'react-dom/static';
import { retryingLazy } from '../../../src/lazyPanels';
import { PanelBoundary } from '../../../src/ui/PanelBoundary';
import { en, th } from '../../../src/i18n/strings';

// A panel whose code failed to load (offline, a chunk a newer build replaced) is tried again when drawn again,
// and in the meantime its error boundary shows a short note with a retry instead of the page going blank.

/** Draw a part to HTML once every lazy part in it has loaded or failed; the failures it reported. */
async function draw(part: ComponentType): Promise<{ html: string; errors: unknown[] }> {
  const errors: unknown[] = [];
  const el = createElement(Suspense, { fallback: 'waiting' }, createElement(part));
  const { prelude } = await prerenderToNodeStream(el, { onError: (e) => void errors.push(e) });
  let html = '';
  for await (const chunk of prelude) html += String(chunk);
  return { html, errors };
}

describe('a lazily loaded panel', () => {
  it('loads its code afresh after a failed load, where a bare lazy() would keep the failure', async () => {
    let loads = 0;
    const Panel = retryingLazy(async () => {
      loads++;
      if (loads === 1) throw new Error('Failed to fetch dynamically imported module');
      return () => createElement('p', null, 'the panel');
    });
    const first = await draw(Panel);
    expect(first.errors).toHaveLength(1);
    expect(first.html).not.toMatch(/the panel/);
    const second = await draw(Panel);
    expect(second.errors).toEqual([]);
    expect(second.html).toMatch(/the panel/);
    expect(loads).toBe(2);
  });

  it('is replaced by a note with a retry once it has failed, and the retry draws the panel again', () => {
    const b = new PanelBoundary({ children: 'the panel' });
    b.state = PanelBoundary.getDerivedStateFromError();
    const html = renderToStaticMarkup(createElement('div', null, b.render()));
    expect(html).toContain(en['start.panelFailed']);
    expect(html).toContain(`<button type="button">${en['start.retry']}</button>`);
    // the note is in the page's language (the words are t()'s, from both dictionaries)
    expect(th['start.panelFailed']).not.toBe(en['start.panelFailed']);
    let next: unknown = null;
    b.setState = (s) => void (next = s);
    const failed = b.render() as { props: { onRetry: () => void } };
    failed.props.onRetry();
    expect(next).toEqual({ failed: false });
    // inside the 3D scene nothing of the page can be drawn: the failed part is left out
    const inScene = new PanelBoundary({ children: 'x', inScene: true });
    inScene.state = PanelBoundary.getDerivedStateFromError();
    expect(inScene.render()).toBeNull();
  });
});
