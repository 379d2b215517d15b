import { describe, expect, it } from 'vitest';
import { updateOffer, type Dismissed, type ExercisePhase } from '../../../src/pwa/offer';

const waiting = (dismissed: Dismissed = 'none') => ({ waiting: true, dismissed });

describe('the update offer', () => {
  it('shows nothing while no new version waits, whatever the exercise', () => {
    for (const phase of [null, 'briefing', 'running', 'debrief'] as ExercisePhase[])
      expect(updateOffer({ waiting: false, dismissed: 'none' }, phase)).toBe('none');
  });

  it('offers the reload in free play and at the debrief', () => {
    expect(updateOffer(waiting(), null)).toBe('reload');
    expect(updateOffer(waiting(), 'debrief')).toBe('reload');
  });

  it('never offers a reload during a briefing or a run: it says the offer comes after the debrief', () => {
    expect(updateOffer(waiting(), 'briefing')).toBe('afterDebrief');
    expect(updateOffer(waiting(), 'running')).toBe('afterDebrief');
  });

  it('a note closed during the run comes back as the offer at the debrief', () => {
    expect(updateOffer(waiting('exercise'), 'running')).toBe('none');
    expect(updateOffer(waiting('exercise'), 'debrief')).toBe('reload');
    expect(updateOffer(waiting('exercise'), null)).toBe('reload');
  });

  it('"Later" puts the offer away for the page, in and out of exercises', () => {
    for (const phase of [null, 'briefing', 'running', 'debrief'] as ExercisePhase[])
      expect(updateOffer(waiting('page'), phase)).toBe('none');
  });
});
