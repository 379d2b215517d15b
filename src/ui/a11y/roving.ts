import { useEffect, type RefObject } from 'react';

// Arrow keys between the controls of a row. The toolbar keeps each control in the Tab order (its controls
// come and go with the mode: live, shared session) and adds Left/Right/Home/End; a long list of like
// items (the plant map's "Go to" buttons) is one Tab stop with a roving tabindex.

const FOCUSABLE = 'button, select, input, a[href], [tabindex]';

function visible(el: HTMLElement): boolean {
  return !el.hidden && el.offsetParent !== null && !(el as HTMLButtonElement).disabled;
}

/** The index an arrow key moves to among n items from i, or -1 for a key that is not a move. */
export function arrowTarget(key: string, i: number, n: number, vertical = false): number {
  if (n === 0) return -1;
  const prev = vertical ? 'ArrowUp' : 'ArrowLeft';
  const next = vertical ? 'ArrowDown' : 'ArrowRight';
  if (key === 'Home') return 0;
  if (key === 'End') return n - 1;
  if (key === prev || key === 'ArrowLeft' || key === 'ArrowUp') return (i - 1 + n) % n;
  if (key === next || key === 'ArrowRight' || key === 'ArrowDown') return (i + 1) % n;
  return -1;
}

function toolbarItems(bar: Element): HTMLElement[] {
  return [...bar.querySelectorAll<HTMLElement>(FOCUSABLE)].filter(
    (el) => visible(el) && el.tabIndex >= 0 && !el.closest('.popover, [role="dialog"], .tour-host'),
  );
}

/** Left/Right/Home/End move between the toolbar's controls (not inside a text field or an open popover). */
export function installToolbarArrows(): () => void {
  const onKey = (e: KeyboardEvent) => {
    if (!['ArrowLeft', 'ArrowRight', 'Home', 'End'].includes(e.key) || e.defaultPrevented) return;
    const el = e.target as HTMLElement | null;
    const bar = el?.closest?.('.toolbar');
    if (!bar || el!.closest('.popover, [role="dialog"]')) return;
    if (el instanceof HTMLInputElement && !['checkbox', 'radio', 'button'].includes(el.type)) return;
    const items = toolbarItems(bar);
    const to = arrowTarget(e.key, items.indexOf(el!), items.length);
    if (to < 0) return;
    e.preventDefault();
    items[to].focus();
  };
  document.addEventListener('keydown', onKey);
  return () => document.removeEventListener('keydown', onKey);
}

/**
 * A roving tabindex over the items (matching `selector`) inside ref: one Tab stop, the arrow keys, Home
 * and End between them. Re-applied after every render of the owner, so items added later join in.
 */
export function useRovingList(ref: RefObject<HTMLElement | SVGElement | null>, selector: string): void {
  useEffect(() => {
    const root = ref.current;
    if (!root) return;
    const items = [...root.querySelectorAll<HTMLElement>(selector)];
    const current = Math.max(
      0,
      items.findIndex((el) => el.dataset.roving === 'on'),
    );
    items.forEach((el, i) => {
      el.tabIndex = i === current ? 0 : -1;
      if (i === current) el.dataset.roving = 'on';
    });
  });
  useEffect(() => {
    const root = ref.current;
    if (!root) return;
    const onKey = (e: Event) => {
      const k = e as KeyboardEvent;
      const items = [...root.querySelectorAll<HTMLElement>(selector)];
      const i = items.indexOf(k.target as HTMLElement);
      if (i < 0) return;
      const to = arrowTarget(k.key, i, items.length);
      if (to < 0) return;
      k.preventDefault();
      items[i].tabIndex = -1;
      delete items[i].dataset.roving;
      items[to].tabIndex = 0;
      items[to].dataset.roving = 'on';
      items[to].focus();
    };
    // an item reached by a click or by a selection becomes the one Tab returns to
    const onFocus = (e: Event) => {
      const items = [...root.querySelectorAll<HTMLElement>(selector)];
      if (!items.includes(e.target as HTMLElement)) return;
      items.forEach((el) => {
        el.tabIndex = el === e.target ? 0 : -1;
        if (el === e.target) el.dataset.roving = 'on';
        else delete el.dataset.roving;
      });
    };
    root.addEventListener('keydown', onKey);
    root.addEventListener('focusin', onFocus);
    return () => {
      root.removeEventListener('keydown', onKey);
      root.removeEventListener('focusin', onFocus);
    };
  }, [ref, selector]);
}

/** Props that make an SVG shape a keyboard button (Enter or Space acts as a click), named for readers. */
export function pressable(label: string, act: () => void) {
  return {
    role: 'button',
    tabIndex: 0,
    'aria-label': label,
    onKeyDown: (e: { key: string; preventDefault: () => void }) => {
      if (e.key !== 'Enter' && e.key !== ' ') return;
      e.preventDefault();
      act();
    },
  } as const;
}
