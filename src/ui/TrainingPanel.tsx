import { useEffect, useState } from 'react';
import { useT, useUi } from '../state/ui';
import { usePlantConnection } from '../app/PlantConnection';
import { TrainingSession } from '../app/training';
import { formatPlantTime } from '../app/format';
import type { ScenarioInput } from '../scenario/schema';
import { textIn } from '../scenario/schema';

// The shipped scenarios (data in scenarios/), loaded on demand.
const files = import.meta.glob<ScenarioInput>(['../../scenarios/*.json', '!../../scenarios/scenario.schema.json'], {
  import: 'default',
});

export async function loadScenarioList(): Promise<ScenarioInput[]> {
  const all = await Promise.all(Object.values(files).map((f) => f()));
  return all.sort((a, b) => a.title.en.localeCompare(b.title.en));
}

export function TrainingPanel() {
  const conn = usePlantConnection();
  const t = useT();
  const lang = useUi((s) => s.lang);
  const [list, setList] = useState<ScenarioInput[]>([]);
  const [name, setName] = useState(() => localStorage.getItem('tanktwin.trainee') ?? '');
  const [error, setError] = useState<string | null>(null);
  useEffect(() => void loadScenarioList().then(setList), []);
  const start = async (s: ScenarioInput) => {
    if (!name.trim()) return setError(t('traineeNeeded'));
    localStorage.setItem('tanktwin.trainee', name.trim());
    const r = await TrainingSession.start(conn, s, name.trim());
    if (typeof r === 'string') return setError(r);
  };
  return (
    <section className="training-panel" data-testid="training" aria-label={t('training')}>
      <label>
        {t('trainee')} <input data-testid="trainee" value={name} onChange={(e) => setName(e.target.value)} />
      </label>
      {error && <div className="result">{error}</div>}
      <table>
        <tbody>
          {list.map((s) => (
            <tr key={s.id} data-scenario={s.id}>
              <td>
                <b>{textIn(s.title, lang)}</b>
                <div className="muted">{textIn(s.summary, lang)}</div>
              </td>
              <td>{s.role}</td>
              <td>{s.difficulty}</td>
              <td>{formatPlantTime(s.timeLimit_s)}</td>
              <td>
                <button onClick={() => void start(s)}>{t('startScenario')}</button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
