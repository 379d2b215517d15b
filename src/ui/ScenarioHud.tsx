import { Suspense, useEffect, useRef } from 'react';
import { useT, useUi } from '../state/ui';
import { usePlant, usePlantConnection } from '../app/PlantConnection';
import { onLive } from '../app/live';
import { formatPlantTime } from '../app/format';
import { textIn } from '../scenario/schema';
import { REPORT_SUBJECTS } from '../i18n/strings';
import { Debrief } from '../lazyPanels';
import { PanelBoundary } from './PanelBoundary';
import { sessionOf } from '../session/SessionClient';

/** Briefing, then the running exercise's timer, messages, hints and reports, then the debrief. */
export function ScenarioHud() {
  const conn = usePlantConnection();
  const tr = usePlant((s) => s.training);
  const lang = useUi((s) => s.lang);
  const t = useT();
  const timer = useRef<HTMLSpanElement>(null);
  useEffect(
    () =>
      onLive(() => {
        if (!timer.current) return;
        const c = conn;
        const left = c.header('scenarioLimit') - c.header('scenarioElapsed');
        timer.current.textContent = c.header('scenarioElapsed') >= 0 ? formatPlantTime(Math.max(0, left)) : '';
      }),
    [tr?.runId, conn],
  );
  if (!tr) return null;
  const s = tr.scenario;
  // in a shared session the station runs the scenario: the briefing only closes here, hints are asked of it
  const shared = sessionOf(conn);
  const begin = () =>
    shared
      ? conn.store.setState({ training: { ...tr, phase: 'running' } })
      : void conn.store.getState().session?.begin();
  const hint = () =>
    shared
      ? void conn.api.useHint().then((h) => {
          const now = conn.store.getState().training;
          if (now) conn.store.setState({ training: { ...now, hint: h ?? '—' } });
        })
      : void conn.store.getState().session?.hint();
  if (tr.phase === 'briefing')
    return (
      <div className="modal" data-testid="briefing" role="dialog" aria-labelledby="briefing-title">
        <h2 id="briefing-title">
          {t('briefing')}: {textIn(s.title, lang)}
        </h2>
        <p>{textIn(s.briefing, lang)}</p>
        <p className="muted">
          {t('role')}: {s.role} · {t('difficulty')}: {s.difficulty} · {t('timeLimit')}: {formatPlantTime(s.timeLimit_s)}{' '}
          · {t('trainee')}: {tr.trainee}
        </p>
        {/* the briefing takes the focus, so that Enter begins the run for a keyboard user */}
        <button data-testid="begin" onClick={begin} autoFocus>
          {t('begin')}
        </button>
      </div>
    );
  if (tr.phase === 'debrief' && tr.status?.result)
    return (
      <PanelBoundary>
        <Suspense fallback={null}>
          <Debrief scenario={s} result={tr.status.result} runId={tr.runId} />
        </Suspense>
      </PanelBoundary>
    );
  const send = (subject: string, detail?: string) =>
    void conn.command({ type: 'report', subject, ...(detail && { detail }) });
  return (
    <div className="hud" data-testid="scenario-hud" role="region" aria-labelledby="hud-title">
      <div className="hud-head">
        <b id="hud-title">{textIn(s.title, lang)}</b>
        <span>
          {t('timeLeft')} <span ref={timer} className="mono" data-testid="time-left" />
        </span>
      </div>
      <ul className="messages" data-testid="scenario-messages" aria-live="polite">
        {(tr.status?.messages ?? []).map((m, i) => (
          <li key={i}>
            <span className="mono">{formatPlantTime(m.t_s)}</span> {textIn(m.text, lang)}
          </li>
        ))}
      </ul>
      {tr.hint && (
        <div className="hint" data-testid="hint-text">
          {tr.hint}
        </div>
      )}
      <div className="controls">
        <select
          data-testid="report"
          aria-label={t('report')}
          value=""
          onChange={(e) => e.target.value && send(e.target.value)}
        >
          <option value="">{t('report')}</option>
          {REPORT_SUBJECTS.map((r) => (
            <option key={r} value={r}>
              {t(`report.${r}` as never)}
            </option>
          ))}
        </select>
        <button onClick={hint} title={t('hintCost')}>
          {t('hint')} ({s.hints.length - (tr.status?.hintsUsed ?? 0)})
        </button>
        {!shared && <button onClick={() => void conn.store.getState().session?.abandon()}>{t('abandon')}</button>}
      </div>
    </div>
  );
}
