import { useEffect, useMemo, useState } from 'react';
import { useT, useUi } from '../state/ui';
import { usePlantConnection } from '../app/PlantConnection';
import { getRun, type RunRecord } from '../records/db';
import { formatPlantTime } from '../app/format';
import { textIn, type Scenario, type Condition } from '../scenario/schema';
import type { ScenarioResult } from '../scenario/engine';
import { Trend } from './Trend';
import { timelineOf } from './debrief/timeline';
import { certificateOf } from './debrief/certificate';
import { useRunSummaries } from './debrief/useRuns';
import { TraineeHistory } from './debrief/TraineeHistory';
import { Certificate } from './debrief/Certificate';

function tagsOf(c: Condition, out: Set<string>): void {
  if ('tag' in c) out.add(c.tag);
  else if ('all' in c) c.all.forEach((x) => tagsOf(x, out));
  else if ('any' in c) c.any.forEach((x) => tagsOf(x, out));
  else if ('not' in c) tagsOf(c.not, out);
}

/** The key tags of a scenario: those its procedure, objectives and safety limits watch. */
export function keyTagsOf(s: Scenario): string[] {
  if (s.keyTags.length) return s.keyTags;
  const out = new Set<string>();
  for (const p of s.procedure) if ('condition' in p.expect) tagsOf(p.expect.condition, out);
  for (const o of s.objectives) tagsOf(o.condition, out);
  for (const o of s.safety) tagsOf(o.condition, out);
  return [...out].slice(0, 3);
}

export function Debrief({ scenario, result, runId }: { scenario: Scenario; result: ScenarioResult; runId: string }) {
  const conn = usePlantConnection();
  const t = useT();
  const lang = useUi((s) => s.lang);
  const [record, setRecord] = useState<RunRecord | null>(null);
  useEffect(() => {
    // when storage fails the record is still in memory: the debrief shows it from there
    const session = conn.store.getState().session;
    const inMemory = () => (session?.current.runId === runId ? session.current : null);
    void (session?.flush() ?? Promise.resolve())
      .catch(() => {})
      .then(() => getRun(runId).catch(() => undefined))
      .then((r) => setRecord(inMemory() ?? r ?? null));
  }, [runId, result, conn]);
  const plant = conn.info?.plant ?? null;
  // the run in words, in the page's language (debrief/timeline.ts says what is shown and why)
  const timeline = useMemo(() => timelineOf(record?.events ?? [], lang, plant), [record, lang, plant]);
  const marks = timeline.filter((e) => e.kind === 'action').map((e) => e.t_s);
  const [view, setView] = useState<'none' | 'history' | 'certificate'>('none');
  const runs = useRunSummaries(view === 'history', record);
  // the hash covers every event of the run: computed once per record, not per render
  const certificate = useMemo(() => record && certificateOf(record), [record]);
  const keyTags = keyTagsOf(scenario);
  return (
    <section className="debrief" data-testid="debrief" aria-labelledby="debrief-title">
      <h2 id="debrief-title">
        {t('debrief')}: {textIn(scenario.title, lang)}
      </h2>
      <div className={`verdict ${result.pass ? 'pass' : 'fail'}`} data-testid="verdict">
        {result.pass ? t('passed') : t('failed')} — {t('score')} <b data-testid="score">{result.score}</b> / 100 (
        {t('passMark')} {result.passMark}) · {result.endedBy} · {formatPlantTime(result.duration_s)}
      </div>
      <table className="breakdown">
        <thead>
          <tr>
            <th>{t('stepCol')}</th>
            <th>{t('done')}</th>
            <th>{t('score')}</th>
            <th>{t('rightResponse')}</th>
          </tr>
        </thead>
        <tbody>
          {result.steps.map((s) => (
            <tr key={s.id} className={s.earned === s.weight ? 'ok' : 'miss'} data-step={s.id}>
              <td>
                {textIn(s.text, lang)}
                {s.required ? ' *' : ''}
              </td>
              <td>
                {s.done_s === null ? t('notDone') : formatPlantTime(s.done_s)}
                {s.late ? ` (${t('late')})` : ''}
              </td>
              <td>
                {s.earned} / {s.weight}
              </td>
              <td>{textIn(s.right, lang)}</td>
            </tr>
          ))}
          {result.objectives.map((o) => (
            <tr key={o.id} className={o.earned ? 'ok' : 'miss'}>
              <td>
                {t('objectives')}: {textIn(o.text, lang)}
              </td>
              <td>{o.met_s === null ? t('notDone') : formatPlantTime(o.met_s)}</td>
              <td>
                {o.earned} / {o.weight}
              </td>
              <td />
            </tr>
          ))}
          {result.violations.map((v) => (
            <tr key={v.id} className="miss">
              <td>
                {t('violations')}: {textIn(v.text, lang)}
              </td>
              <td>{formatPlantTime(v.t_s)}</td>
              <td>−{v.penalty}</td>
              <td />
            </tr>
          ))}
          {result.hints.used > 0 && (
            <tr className="miss">
              <td>
                {t('hint')} × {result.hints.used}
              </td>
              <td />
              <td>−{result.hints.cost}</td>
              <td />
            </tr>
          )}
        </tbody>
      </table>
      {result.alarmResponses.length > 0 && (
        <p>
          {t('alarmResponse')}:{' '}
          {result.alarmResponses
            .map((a) => `${a.id} ${a.response_s === null ? '—' : `${Math.round(a.response_s)} s`}`)
            .join(' · ')}
        </p>
      )}
      {keyTags.length > 0 && <Trend tags={keyTags} width={760} height={200} marks={marks} testId="debrief-trend" />}
      <h3>{t('timeline')}</h3>
      <ol className="timeline" data-testid="debrief-timeline">
        {timeline.map((e, i) => (
          <li key={i} className={e.kind} data-kind={e.kind}>
            <span className="mono">{formatPlantTime(e.t_s)}</span> {e.text}
          </li>
        ))}
      </ol>
      <div className="debrief-actions">
        <button
          data-testid="open-history"
          disabled={!record}
          onClick={() => setView(view === 'history' ? 'none' : 'history')}
        >
          {t('db.history')}
        </button>
        {certificate && (
          <button data-testid="open-certificate" onClick={() => setView('certificate')}>
            {t('db.certificate')}
          </button>
        )}
      </div>
      {view === 'history' && record && runs && <TraineeHistory runs={runs} trainee={record.trainee} />}
      {view === 'certificate' && certificate && <Certificate data={certificate} onClose={() => setView('none')} />}
      <button data-testid="close-debrief" onClick={() => void conn.store.getState().session?.close()}>
        {t('closeDebrief')}
      </button>
    </section>
  );
}
