import { useEffect, type MouseEvent } from 'react';
import { useT, ui } from '../../state/ui';
import { a11yStore, type A11ySettings } from '../../state/a11y';
import { setHeatPalette } from '../../scene/colors';
import { faceplateElement, focusRegion, installFocusRules, panelElement } from './focus';
import { installToolbarArrows } from './roving';

// The page's accessibility wiring, mounted once at the top of the app: the skip link (the first thing Tab
// reaches), Escape and focus rules (focus.ts), the toolbar's arrow keys (roving.ts), and the Display
// settings applied to the page (text size) and to the heat map (palette).

function apply(s: A11ySettings): void {
  setHeatPalette(s.palette);
  const root = document.documentElement;
  root.style.setProperty('--text-scale', String(s.textScale));
  root.dataset.textScale = String(s.textScale);
}

export function A11yLayer() {
  const t = useT();
  useEffect(() => {
    apply(a11yStore.getState());
    const unsub = a11yStore.subscribe(apply);
    const a = installFocusRules();
    const b = installToolbarArrows();
    return () => {
      unsub();
      a();
      b();
    };
  }, []);
  // past the toolbar: to the open panel, else the faceplate, else the plant area (alarms, legend)
  const skip = (e: MouseEvent) => {
    e.preventDefault();
    const stage = document.querySelector<HTMLElement>('.stage');
    if (!focusRegion(panelElement(ui.getState().panel)) && !focusRegion(faceplateElement())) focusRegion(stage);
  };
  return (
    <a className="skip-link" href="#main" data-testid="skip-link" onClick={skip}>
      {t('a11y.skip')}
    </a>
  );
}
