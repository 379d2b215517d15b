import { useT } from '../../state/ui';
import { usePlant } from '../../app/PlantConnection';
import { textIn } from '../../scenario/schema';
import { useUi } from '../../state/ui';

/** The exercise as it stands: steps done, score at the end, alarms not yet acknowledged. */
export function Progress() {
  const t = useT();
  const lang = useUi((s) => s.lang);
  const tr = usePlant((s) => s.training);
  const unack = usePlant((s) => s.alarms.filter((a) => a.state === 'unack' || a.state === 'rtnUnack').length);
  const steps = tr?.scenario.procedure ?? [];
  const done = tr?.status?.stepsDone ?? [];
  const result = tr?.status?.result;
  const total = steps.reduce((a, s) => a + s.weight, 0);
  // before the end, the weight of the steps done so far (the final score also counts penalties)
  const live = total > 0 ? Math.round((steps.reduce((a, s, i) => a + (done[i] ? s.weight : 0), 0) / total) * 100) : 0;
  return (
    <section className="progress" data-testid="console-progress">
      <div>
        {t('sessionScenario')}: <b>{tr ? textIn(tr.scenario.title, lang) : t('sessionFreePlay')}</b>
      </div>
      <div data-testid="console-unack">
        {t('sessionUnack')}: {unack}
      </div>
      {tr && (
        <>
          <div data-testid="console-steps">
            {t('sessionSteps')}: {done.filter(Boolean).length}/{steps.length}
          </div>
          <ol className="steps">
            {steps.map((s, i) => (
              <li key={i} className={done[i] ? 'done' : ''} data-testid={`console-step-${i}`} data-done={!!done[i]}>
                {textIn(s.text, lang)}
              </li>
            ))}
          </ol>
          <div data-testid="console-score">
            {t('score')}: {result ? result.score : live}
            {!result && ` (${t('sessionSoFar')})`}
          </div>
        </>
      )}
    </section>
  );
}
