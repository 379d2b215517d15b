/** Where the trainee is: no exercise, or an exercise's briefing, run or debrief (src/app/plantStore.ts). */
export type ExercisePhase = 'briefing' | 'running' | 'debrief' | null;

/**
 * What the update banner shows: nothing; the offer to reload now; or, while an exercise is under way, word
 * that the offer comes after the debrief. A reload mid-exercise would cut the run short and change the
 * app under the trainee's hands, so the offer waits until the run has been scored.
 */
export type UpdateOffer = 'none' | 'reload' | 'afterDebrief';

/**
 * What the trainee closed: nothing; the word during an exercise (the offer comes back at the debrief); or the
 * offer itself ("Later": not again on this page).
 */
export type Dismissed = 'none' | 'exercise' | 'page';

export function updateOffer(s: { waiting: boolean; dismissed: Dismissed }, phase: ExercisePhase): UpdateOffer {
  if (!s.waiting || s.dismissed === 'page') return 'none';
  if (phase === 'briefing' || phase === 'running') return s.dismissed === 'exercise' ? 'none' : 'afterDebrief';
  return 'reload';
}
