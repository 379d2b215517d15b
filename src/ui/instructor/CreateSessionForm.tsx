import { useEffect, useState } from 'react';
import { useT } from '../../state/ui';
import { createSession, describeStation } from '../../session/join';
import { scenarioFiles } from '../../session/scenarios';
import type { CreatedSession } from '../../protocol/session';

const KEY = 'tanktwin.created.';

/** The codes and links of a session this browser created, by its instructor code (for the console). */
export function createdSession(instructorCode: string): CreatedSession | null {
  try {
    const s = sessionStorage.getItem(KEY + instructorCode);
    return s ? (JSON.parse(s) as CreatedSession) : null;
  } catch {
    return null;
  }
}

/** The instructor's first page: name the exercise, pick a scenario (or free play), an IC and a speed. */
export function CreateSessionForm({ onCreated }: { onCreated: (instructorCode: string, name: string) => void }) {
  const t = useT();
  const [name, setName] = useState('');
  const [who, setWho] = useState('');
  const [scenario, setScenario] = useState('');
  const [ic, setIc] = useState('');
  const [speed, setSpeed] = useState(1);
  const [scenarios, setScenarios] = useState<{ id: string; title: string }[]>([]);
  const [ics, setIcs] = useState<string[]>([]);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    void scenarioFiles().then((l) => setScenarios(l.map((s) => ({ id: s.id, title: s.title.en }))));
    void describeStation()
      .then((d) => setIcs(d.ics))
      .catch((e: Error) => setError(e.message));
  }, []); // once: useT gives a new function each render
  const submit = async () => {
    try {
      const created = await createSession({
        name: name.trim(),
        ...(scenario && { scenario }),
        ...(ic && { ic }),
        speed,
      });
      sessionStorage.setItem(KEY + created.codes.instructor, JSON.stringify(created));
      onCreated(created.codes.instructor, who.trim() || t('role.instructor'));
    } catch (e) {
      setError((e as Error).message);
    }
  };
  return (
    <form
      className="join-form"
      data-testid="create-session"
      onSubmit={(e) => {
        e.preventDefault();
        if (name.trim()) void submit();
      }}
    >
      <h2>{t('sessionCreateTitle')}</h2>
      <label>
        {t('sessionExercise')}
        <input data-testid="create-name" value={name} onChange={(e) => setName(e.target.value)} autoFocus />
      </label>
      <label>
        {t('sessionName')}
        <input data-testid="create-who" value={who} onChange={(e) => setWho(e.target.value)} />
      </label>
      <label>
        {t('sessionScenario')}
        <select data-testid="create-scenario" value={scenario} onChange={(e) => setScenario(e.target.value)}>
          <option value="">{t('sessionFreePlay')}</option>
          {scenarios.map((s) => (
            <option key={s.id} value={s.id}>
              {s.title}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('sessionIc')}
        <select data-testid="create-ic" value={ic} onChange={(e) => setIc(e.target.value)}>
          <option value="">{t('sessionIcDefault')}</option>
          {ics.map((n) => (
            <option key={n}>{n}</option>
          ))}
        </select>
      </label>
      <label>
        {t('speed')}
        <input
          type="number"
          min={0.1}
          max={1000}
          step={0.1}
          value={speed}
          onChange={(e) => setSpeed(Math.min(1000, Math.max(0.1, Number(e.target.value) || 1)))}
        />
      </label>
      {error && (
        <p className="error">
          {t('sessionNoStation')}: {error}
        </p>
      )}
      <button type="submit" data-testid="create-submit" disabled={!name.trim()}>
        {t('sessionCreate')}
      </button>
    </form>
  );
}
