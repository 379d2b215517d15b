import './debrief.css';
import { useT } from '../../state/ui';
import { repeatedMistakes, runsOf, scenarioHistories, type RunSummary } from './history';
import { Sparkline } from './Sparkline';
import { MistakeTable } from './MistakeTable';

/** One trainee's progress across the runs given: score trend per scenario and the mistakes that repeat. */
export function TraineeHistory({ runs, trainee }: { runs: RunSummary[]; trainee: string }) {
  const t = useT();
  const mine = runsOf(runs, trainee);
  const histories = scenarioHistories(mine);
  const titles = Object.fromEntries(histories.map((h) => [h.scenarioId, h.title]));
  return (
    <section className="trainee-history" data-testid="trainee-history" data-trainee={trainee}>
      <h3>
        {t('db.historyOf')}: {trainee}
      </h3>
      {!histories.length && <p className="muted">{t('db.noRuns')}</p>}
      {histories.length > 0 && (
        <table>
          <thead>
            <tr>
              <th>{t('db.scenario')}</th>
              <th>{t('db.attempts')}</th>
              <th>{t('db.trend')}</th>
              <th>{t('db.best')}</th>
              <th>{t('db.last')}</th>
              <th>{t('db.passedOn')}</th>
            </tr>
          </thead>
          <tbody>
            {histories.map((h) => (
              <tr key={h.scenarioId} data-scenario={h.scenarioId}>
                <td>{h.title}</td>
                <td>{h.points.length}</td>
                <td>
                  <Sparkline points={h.points} passMark={h.passMark} label={t('db.trend')} />
                </td>
                <td>{h.best}</td>
                <td>{h.last}</td>
                <td className={h.firstPass ? 'pass' : 'muted'}>
                  {h.firstPass ? `✓ ${h.firstPass.date.slice(0, 10)}` : t('db.notYet')}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <h4>{t('db.repeated')}</h4>
      <MistakeTable mistakes={repeatedMistakes(mine)} titles={titles} />
    </section>
  );
}
