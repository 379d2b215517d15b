import '../debrief/debrief.css';
import { useEffect, useMemo, useState } from 'react';
import { useT } from '../../state/ui';
import { uniqueRuns, type RunSummary } from '../debrief/history';
import { MistakeTable } from '../debrief/MistakeTable';
import { groupProgress } from './groupProgress';
import { runsFromFile, stationRuns } from './stationRecords';

/**
 * A group's progress: a row per trainee, a column per scenario (best score, attempts, passed), and the
 * mistakes the group repeats. Built from the runs given (this browser's), the station's records when the
 * page holds an instructor's token, and any record files the instructor adds.
 */
export function GroupProgressView({ local, token }: { local: RunSummary[]; token?: string }) {
  const t = useT();
  const [station, setStation] = useState<RunSummary[]>([]);
  const [added, setAdded] = useState<RunSummary[]>([]);
  const [msg, setMsg] = useState<string | null>(null);
  const [stationError, setStationError] = useState<string | null>(null);
  useEffect(() => {
    if (!token) return;
    let live = true;
    void stationRuns(token).then(
      (r) => live && setStation(r),
      (e: Error) => live && setStationError(e.message),
    );
    return () => {
      live = false;
    };
  }, [token]);
  const g = useMemo(() => groupProgress(uniqueRuns([...local, ...station, ...added])), [local, station, added]);
  const titles = Object.fromEntries(g.scenarios.map((s) => [s.id, s.title]));
  const addFiles = async (files: FileList | null) => {
    const more: RunSummary[] = [];
    for (const f of Array.from(files ?? []))
      try {
        more.push(...runsFromFile(await f.text()));
      } catch {
        setMsg(`${t('db.importBad')}: ${f.name}`);
      }
    setAdded((a) => [...a, ...more]);
  };
  return (
    <section className="group-progress" data-testid="group-progress">
      <h3>{t('db.group')}</h3>
      <label className="muted">
        {t('db.import')}{' '}
        <input type="file" accept=".json,application/json" multiple onChange={(e) => void addFiles(e.target.files)} />
      </label>
      {msg && <p className="muted">{msg}</p>}
      {stationError && (
        <p className="muted">
          {t('db.fromStation')}: {stationError}
        </p>
      )}
      {!g.rows.length && <p className="muted">{t('db.noRuns')}</p>}
      {g.rows.length > 0 && (
        <table data-testid="group-table">
          <thead>
            <tr>
              <th>{t('trainee')}</th>
              <th>{t('db.passedOn')}</th>
              {g.scenarios.map((s) => (
                <th key={s.id} title={`${t('passMark')} ${s.passMark}`}>
                  {s.title}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {g.rows.map((r) => (
              <tr key={r.trainee} data-trainee={r.trainee}>
                <td>{r.trainee}</td>
                <td>
                  {r.passedCount} / {g.scenarios.length}
                </td>
                {g.scenarios.map((s) => {
                  const c = r.cells[s.id];
                  return (
                    <td key={s.id} className={c ? (c.passed ? 'pass' : 'fail') : 'muted'} data-scenario={s.id}>
                      {c ? `${c.passed ? '✓' : '✗'} ${c.best} (${c.attempts}×)` : '—'}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <h4>{t('db.repeated')}</h4>
      <MistakeTable mistakes={g.mistakes} titles={titles} group />
    </section>
  );
}
