import { ui, type UiState } from '../../state/ui';

// Where keyboard focus goes when a panel or a faceplate opens or closes. A panel opened from the toolbar
// by keyboard takes the focus (the panels come after the 3D view in the page, a long way on by Tab), and
// Escape gives it back to the control that opened it. Pointer use moves no focus.

/** The root element of each side panel, by its test id (the panels' own markup is theirs). */
const PANEL_TESTID: Record<Exclude<UiState['panel'], 'none'>, string> = {
  hmi: 'hmi',
  map: 'plant-map',
  trends: 'trends',
  training: 'training',
  records: 'records',
  quality: 'quality-panel',
  validation: 'validation-panel',
  twin: 'twin-panel',
  energy: 'energy',
};

export function panelElement(panel: UiState['panel']): HTMLElement | null {
  return panel === 'none' ? null : document.querySelector<HTMLElement>(`[data-testid="${PANEL_TESTID[panel]}"]`);
}

export function faceplateElement(): HTMLElement | null {
  return document.querySelector<HTMLElement>('[data-testid="faceplate"]');
}

/** Focus an element that is not itself a control (a panel's root), keeping it out of the Tab order. */
export function focusRegion(el: HTMLElement | null): boolean {
  if (!el) return false;
  if (!el.hasAttribute('tabindex')) el.tabIndex = -1;
  // the page does not scroll (its panels float over the 3D view inside a clipped stage)
  el.focus({ preventScroll: true });
  return document.activeElement === el;
}

/**
 * Focus `get()` once React has drawn it: the panels load when first opened (lazyPanels.ts), so this waits
 * up to about 10 s of frames, and gives up as soon as the focus has moved elsewhere meanwhile.
 */
function focusWhenDrawn(get: () => HTMLElement | null, from: Element, frames = 600): void {
  requestAnimationFrame(() => {
    if (document.activeElement !== from) return; // the user went on: leave the focus where it is
    if (!focusRegion(get()) && frames > 0) focusWhenDrawn(get, from, frames - 1);
  });
}

function isModalOpen(): boolean {
  return document.querySelector('[aria-modal="true"]') !== null;
}

/** Wire focus to the ui store and Escape to closing; returns the cleanup. */
export function installFocusRules(): () => void {
  let keyboard = false;
  let panelOpener: Element | null = null;
  let faceOpener: Element | null = null;
  const onKey = (e: KeyboardEvent) => {
    keyboard = true;
    if (e.key === 'Escape' && !e.defaultPrevented) closeOnEscape();
  };
  const onPointer = () => {
    keyboard = false;
  };
  const back = (el: Element | null) => {
    if ((el instanceof HTMLElement || el instanceof SVGElement) && el.isConnected) el.focus({ preventScroll: true });
  };
  const closeOnEscape = () => {
    if (document.pointerLockElement || isModalOpen()) return; // the browser, or the modal, has Escape
    const s = ui.getState();
    const active = document.activeElement;
    const panelEl = panelElement(s.panel);
    const inPanel = panelEl !== null && panelEl.contains(active);
    if (s.selected && !inPanel) {
      ui.setState({ selected: null });
      back(faceOpener);
      faceOpener = null;
    } else if (s.panel !== 'none') {
      ui.setState({ panel: 'none' });
      back(panelOpener);
      panelOpener = null;
    }
  };
  const unsub = ui.subscribe((s, prev) => {
    const active = document.activeElement;
    // only what the keyboard opened from a control takes the focus: a tour step or a click moves none
    // (an HMI mimic's shape is an SVG element: it takes the focus as a button does)
    const control = active instanceof HTMLElement || active instanceof SVGElement;
    if (!keyboard || isModalOpen() || !control || active === document.body) return;
    if (s.panel !== prev.panel && s.panel !== 'none' && active.closest('.toolbar')) {
      panelOpener = active;
      focusWhenDrawn(() => panelElement(ui.getState().panel), active);
    }
    if (s.selected !== prev.selected && s.selected !== null && !active.closest('[data-testid="faceplate"]')) {
      faceOpener = active;
      focusWhenDrawn(faceplateElement, active);
    }
  });
  window.addEventListener('keydown', onKey);
  window.addEventListener('pointerdown', onPointer, true);
  return () => {
    unsub();
    window.removeEventListener('keydown', onKey);
    window.removeEventListener('pointerdown', onPointer, true);
  };
}
