import { useEffect, useMemo, useState } from 'react';
import { useT } from '../state/ui';
import { listRuns, type RunRecord } from '../records/db';
import { runsToCsv, runsToJson, download } from '../records/export';
import { endpointProblem, sendToLrs, type LrsSettings } from '../records/xapi';
import { loadLrs, saveLrs } from '../records/lrs';
import { verifyRecord, type Verification } from '../records/verify';
import { usePlantConnection } from '../app/PlantConnection';
import { TrainingSession } from '../app/training';
import { loadScenarioList } from './TrainingPanel';
import { fromRunRecord, uniqueRuns } from './debrief/history';
import { certificateOf, type CertificateData } from './debrief/certificate';
import { TraineeHistory } from './debrief/TraineeHistory';
import { Certificate } from './debrief/Certificate';
import { GroupProgressView } from './instructor/GroupProgressView';

/** What opens below the list: one trainee's history, the group's progress, or a run's certificate. */
type View = { kind: 'history'; trainee: string } | { kind: 'group' } | { kind: 'certificate'; data: CertificateData };

/** Replay each finished run on this page's plant against the shipped scenario: "verified" when the score is confirmed. */
async function verifyAll(
  runs: RunRecord[],
  plant: NonNullable<ReturnType<typeof usePlantConnection>['info']>['plant'],
) {
  const scenarios = await loadScenarioList();
  const out: Record<string, Verification> = {};
  for (const r of runs) {
    if (r.status !== 'ended') continue;
    const sc = scenarios.find((s) => s.id === r.scenarioId);
    out[r.runId] = sc
      ? verifyRecord(r, plant, sc)
      : { verdict: 'unverifiable', message: `no scenario ${r.scenarioId} in this app` };
    await new Promise((res) => setTimeout(res, 0)); // one replay at a time, the page stays responsive
  }
  return out;
}

/** Every stored run: filter, export as CSV / JSON / xAPI, send to a learning record store, resume an interrupted run. */
export function RecordsPanel() {
  const conn = usePlantConnection();
  const t = useT();
  const [runs, setRuns] = useState<RunRecord[]>([]);
  const [filter, setFilter] = useState('');
  const [lrs, setLrs] = useState<LrsSettings>(loadLrs);
  const [msg, setMsg] = useState<string | null>(null);
  const [checks, setChecks] = useState<Record<string, Verification>>({});
  const [view, setView] = useState<View | null>(null);
  // history and group progress count every stored run, whatever the filter shows
  const summaries = useMemo(() => uniqueRuns(runs.map(fromRunRecord)), [runs]);
  useEffect(() => void listRuns().then(setRuns), []);
  const verify = async () => {
    if (conn.info) setChecks(await verifyAll(shown, conn.info.plant));
  };
  const shown = runs.filter(
    (r) =>
      !filter ||
      `${r.trainee} ${r.scenarioId} ${r.result ? (r.result.pass ? 'pass' : 'fail') : r.status}`
        .toLowerCase()
        .includes(filter.toLowerCase()),
  );
  const send = async () => {
    const problem = endpointProblem(lrs.endpoint);
    if (problem) return setMsg(problem);
    saveLrs(lrs); // the password stays in memory only
    try {
      const ids = await sendToLrs(
        shown.flatMap((r) => r.statements),
        lrs,
      );
      setMsg(`${t('lrsSent')}: ${ids.length}`);
    } catch (e) {
      setMsg((e as Error).message);
    }
  };
  const resume = async (r: RunRecord) => {
    const s = await TrainingSession.resume(conn, r);
    if (typeof s === 'string') setMsg(s);
  };
  return (
    <section className="records-panel" data-testid="records" aria-label={t('records')}>
      <div className="controls">
        <label>
          {t('filter')}{' '}
          <input data-testid="records-filter" value={filter} onChange={(e) => setFilter(e.target.value)} />
        </label>
        <button onClick={() => download('tanktwin-runs.csv', runsToCsv(shown), 'text/csv')}>{t('exportCsv')}</button>
        <button onClick={() => download('tanktwin-runs.json', runsToJson(shown), 'application/json')}>
          {t('exportJson')}
        </button>
        <button data-testid="records-verify" onClick={() => void verify()}>
          {t('verify')}
        </button>
        <button data-testid="records-group" onClick={() => setView(view?.kind === 'group' ? null : { kind: 'group' })}>
          {t('db.group')}
        </button>
        <button
          onClick={() =>
            download(
              'tanktwin-xapi.json',
              JSON.stringify(
                shown.flatMap((r) => r.statements),
                null,
                1,
              ),
              'application/json',
            )
          }
        >
          {t('exportXapi')}
        </button>
      </div>
      <table className="records">
        <thead>
          <tr>
            <th>{t('trainee')}</th>
            <th>{t('training')}</th>
            <th>{t('time')}</th>
            <th>{t('status')}</th>
            <th>{t('score')}</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {shown.map((r) => (
            <tr key={r.runId} data-run={r.runId} data-scenario={r.scenarioId} data-status={r.status}>
              <td>{r.trainee}</td>
              <td>
                {r.title} <span className="muted">v{r.scenarioVersion}</span>
              </td>
              <td>{new Date(r.startedAt).toLocaleString()}</td>
              <td>{r.status}</td>
              <td data-testid="record-score">
                {r.result ? `${r.result.score} ${r.result.pass ? t('passed') : t('failed')}` : ''}{' '}
                {checks[r.runId] && (
                  <span
                    data-testid="record-verdict"
                    data-verdict={checks[r.runId].verdict}
                    title={checks[r.runId].message}
                    className={checks[r.runId].verdict === 'confirmed' ? 'verified' : 'muted'}
                  >
                    {checks[r.runId].verdict === 'confirmed'
                      ? `✓ ${t('verified')}`
                      : t(checks[r.runId].verdict === 'refuted' ? 'records.refuted' : 'records.unverifiable')}
                  </span>
                )}
                {r.automation && <span className="muted"> {t('records.automation')}</span>}
                {r.backtracks?.length > 0 && <span className="muted"> ↶{r.backtracks.length}</span>}
              </td>
              <td className="row-actions">
                {r.status === 'running' && r.snapshot && <button onClick={() => void resume(r)}>▶</button>}
                {/* a running row keeps its one button (resume); history and certificate are for finished runs */}
                {r.status === 'ended' && (
                  <button data-testid="record-history" onClick={() => setView({ kind: 'history', trainee: r.trainee })}>
                    {t('db.history')}
                  </button>
                )}
                {r.status === 'ended' && r.result?.pass && (
                  <button
                    data-testid="record-certificate"
                    onClick={() => setView({ kind: 'certificate', data: certificateOf(r)! })}
                  >
                    {t('db.certificate')}
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {view?.kind === 'history' && <TraineeHistory runs={summaries} trainee={view.trainee} />}
      {view?.kind === 'group' && <GroupProgressView local={summaries} />}
      {view?.kind === 'certificate' && <Certificate data={view.data} onClose={() => setView(null)} />}
      <fieldset className="lrs">
        <label>
          {t('lrsEndpoint')}{' '}
          <input
            data-testid="lrs-endpoint"
            value={lrs.endpoint}
            onChange={(e) => setLrs({ ...lrs, endpoint: e.target.value })}
            placeholder="https://lrs.example.com/xapi/"
          />
        </label>
        <label>
          {t('lrsUser')}{' '}
          <input
            data-testid="lrs-user"
            value={lrs.username}
            onChange={(e) => setLrs({ ...lrs, username: e.target.value })}
          />
        </label>
        <label>
          {t('lrsPassword')}{' '}
          <input
            data-testid="lrs-password"
            type="password"
            value={lrs.password}
            onChange={(e) => setLrs({ ...lrs, password: e.target.value })}
            title={t('lrsPasswordMemory')}
            autoComplete="off"
          />
        </label>
        <button data-testid="lrs-send" disabled={!lrs.endpoint} onClick={() => void send()}>
          {t('sendLrs')}
        </button>
      </fieldset>
      {msg && <div data-testid="records-message">{msg}</div>}
    </section>
  );
}
