import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { TOUR_STEPS, clampStep, visibleSteps } from '../../../src/ui/tour/steps';
import { dictionaries } from '../../../src/i18n/strings';

const PAGE = ['src/ui/Toolbar.tsx', 'src/App.tsx'].map((f) => readFileSync(f, 'utf8')).join('\n');

describe('tour steps', () => {
  it('goes from the plant to the panels, walking, a scenario, VR and then where help is', () => {
    expect(TOUR_STEPS.map((s) => s.id)).toEqual(['welcome', 'plant', 'panels', 'walk', 'scenario', 'vr', 'help']);
  });

  it('points only at parts the page really has', () => {
    for (const s of TOUR_STEPS)
      for (const id of s.targets) expect(PAGE, `${s.id} → ${id}`).toContain(`data-testid="${id}"`);
  });

  it('has a title and a text in both languages for every step', () => {
    for (const s of TOUR_STEPS)
      for (const lang of ['en', 'th'] as const) {
        expect(dictionaries[lang][s.title].length, `${lang} ${s.title}`).toBeGreaterThan(3);
        expect(dictionaries[lang][s.body].length, `${lang} ${s.body}`).toBeGreaterThan(20);
      }
  });

  it('leaves out a step whose button is not shown (training in a shared session), keeps those that stand alone', () => {
    const all = visibleSteps(() => true).map((s) => s.id);
    expect(all).toEqual(TOUR_STEPS.map((s) => s.id));
    const noTraining = visibleSteps((id) => id !== 'open-training').map((s) => s.id);
    expect(noTraining).toEqual(['welcome', 'plant', 'panels', 'walk', 'vr', 'help']);
    expect(visibleSteps(() => false).map((s) => s.id)).toEqual(['welcome', 'plant', 'help']);
    // one of two targets shown is enough: the energy button is hidden in live mode, the HMI one is not
    expect(visibleSteps((id) => id === 'open-hmi').map((s) => s.id)).toContain('panels');
  });

  it('keeps Back and Next within the list', () => {
    expect(clampStep(-1, 7)).toBe(0);
    expect(clampStep(3, 7)).toBe(3);
    expect(clampStep(7, 7)).toBe(6);
    expect(clampStep(9, 5)).toBe(4);
  });
});
