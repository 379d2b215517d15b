import type { StringKey } from '../../i18n/strings';

// The tour's steps, in order. Each points at real parts of the page by their data-testid (the toolbar's
// buttons, the 3D view); the highlight is the box round every one of them that is shown now.

export interface TourStep {
  id: string;
  /** data-testid of the elements highlighted; none: the card stands alone in the middle. */
  targets: readonly string[];
  title: StringKey;
  body: StringKey;
  /**
   * Shown only where one of its targets is: the training button is hidden in a shared session and in
   * live mode, and a step about a button that is not there would send the trainee looking for it.
   */
  needsTarget: boolean;
  /** Highlight every toolbar button from the first target to the last, in page order (the panel buttons). */
  span?: boolean;
}

export const TOUR_STEPS: readonly TourStep[] = [
  { id: 'welcome', targets: [], title: 'tour.welcome.title', body: 'tour.welcome.body', needsTarget: false },
  { id: 'plant', targets: ['scene'], title: 'tour.plant.title', body: 'tour.plant.body', needsTarget: false },
  {
    id: 'panels',
    targets: ['open-hmi', 'open-energy'],
    title: 'tour.panels.title',
    body: 'tour.panels.body',
    needsTarget: true,
    span: true,
  },
  { id: 'walk', targets: ['walk'], title: 'tour.walk.title', body: 'tour.walk.body', needsTarget: true },
  {
    id: 'scenario',
    targets: ['open-training'],
    title: 'tour.scenario.title',
    body: 'tour.scenario.body',
    needsTarget: true,
  },
  { id: 'vr', targets: ['enter-vr'], title: 'tour.vr.title', body: 'tour.vr.body', needsTarget: true },
  {
    id: 'help',
    targets: ['open-help', 'open-tour'],
    title: 'tour.help.title',
    body: 'tour.help.body',
    needsTarget: false,
  },
];

/** The steps to show, given which data-testids are on the page and shown now. */
export function visibleSteps(shown: (testId: string) => boolean, steps = TOUR_STEPS): TourStep[] {
  return steps.filter((s) => !s.needsTarget || s.targets.some(shown));
}

/** The step index after a move, kept within the list (Back on the first stays, Next on the last stays). */
export function clampStep(i: number, count: number): number {
  return Math.max(0, Math.min(count - 1, i));
}
