import './quality.css';
import { useMemo, useState } from 'react';
import { useLive } from '../useLive';
import { useSay } from '../../state/useSay';
import type { FieldError } from '../../sim/plant/load';
import type { ForecastReply, LimsReply } from '../../productQuality/requests';
import { httpQualityRunner, type QualityRunner } from '../../productQuality/runner';
import { adviceLines, fitRows, forecastRows } from '../../productQuality/view';

// The product-quality tab of the live twin: a loading schedule entered as CSV (or loaded from a file, or the
// example), its forecast from the live plant's estimated state with each truck's outlet temperature and
// viscosity against the product spec and what to do where it is out of spec; and a LIMS upload whose Walther
// fit corrects the products' viscosity for the forecasts (and can be saved as a corrected plant file).
// In live mode the station runs the model (/api/twin/quality); a trainer page may pass a runner that runs it here
// on the simulated plant's snapshot (src/productQuality/runner.ts localQualityRunner).

const HEADER = 'bay,arm,product,tank,time,quantity_m3,rate_m3_h,trucks_per_h,until';
const LIMS_HEADER = 'tank,time,property,value,temp_C,unit';

/** The example schedule (JSON) as CSV rows. */
function exampleCsv(ex: { loadings: Record<string, unknown>[] }): string {
  const cols = ['bay', 'arm', 'product', 'tank', 'at', 'quantity_m3', 'rate_m3_h', 'trucksPerHour', 'until'];
  return [HEADER, ...ex.loadings.map((r) => cols.map((c) => (r[c] === undefined ? '' : String(r[c]))).join(','))].join(
    '\n',
  );
}

function Errors({ errors }: { errors: FieldError[] }) {
  if (!errors.length) return null;
  return (
    <div className="q-errors" data-testid="quality-errors">
      {errors.map((e) => `${e.path}: ${e.message}`).join('\n')}
    </div>
  );
}

export function QualityPanel({ runner }: { runner?: QualityRunner } = {}) {
  const station = useLive((s) => s.station);
  const say = useSay();
  const run = useMemo(() => runner ?? httpQualityRunner(`${station}/api/twin/quality`), [runner, station]);
  const [csv, setCsv] = useState(`${HEADER}\n`);
  const [start, setStart] = useState('');
  const [busy, setBusy] = useState(false);
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [fc, setFc] = useState<ForecastReply | null>(null);
  const [lims, setLims] = useState<LimsReply | null>(null);
  const [useFits, setUseFits] = useState(true);

  const loadExample = async () => {
    const r = await run.info();
    if (!r.ok) return setErrors(r.errors);
    const ex = r.value.example as { start?: string; loadings: Record<string, unknown>[] };
    setCsv(exampleCsv(ex));
    setStart(ex.start ?? '');
  };
  const readFile = (file: File | undefined, then: (text: string) => void) => {
    if (file) void file.text().then(then);
  };
  const runForecast = async () => {
    setBusy(true);
    const viscosity =
      useFits && lims?.fits.length
        ? Object.fromEntries(lims.fits.map((f) => [f.product, { A: f.A, B: f.B }]))
        : undefined;
    let body: unknown = { csv, start: start || undefined, viscosity };
    if (csv.trimStart().startsWith('{'))
      try {
        body = { schedule: JSON.parse(csv) as unknown, viscosity };
      } catch (e) {
        setBusy(false);
        setErrors([{ path: 'schedule JSON', message: (e as Error).message }]);
        return;
      }
    const r = await run.forecast(body);
    setBusy(false);
    setErrors(r.ok ? [] : r.errors);
    setFc(r.ok ? r.value : null);
  };
  const uploadLims = async (text: string) => {
    const r = await run.lims(text);
    if (r.ok) {
      setLims(r.value);
      setErrors([]);
    } else setErrors(r.errors);
  };
  const savePlant = () => {
    if (!lims?.plant) return;
    const url = URL.createObjectURL(new Blob([JSON.stringify(lims.plant, null, 2)], { type: 'application/json' }));
    const a = document.createElement('a');
    a.href = url;
    a.download = 'plant-lims-corrected.json';
    a.click();
    URL.revokeObjectURL(url);
  };

  const rows = fc ? forecastRows(fc.loadings, fc.now_ms ?? Number.NaN) : [];
  const bad = rows.filter((r) => r.bad).length;
  return (
    <div className="quality-panel" data-testid="twin-quality">
      <p className="muted">{say('tw.q.scheduleHelp', { header: HEADER })}</p>
      <textarea
        aria-label={say('tw.q.schedule')}
        value={csv}
        onChange={(e) => setCsv(e.target.value)}
        spellCheck={false}
      />
      <div className="q-row">
        <label>
          {say('tw.q.start')} <input value={start} onChange={(e) => setStart(e.target.value)} size={22} />
        </label>
        <button onClick={() => void loadExample()}>{say('tw.q.example')}</button>
        <label>
          {say('tw.q.file')}{' '}
          <input
            type="file"
            accept=".csv,.json,text/csv,application/json"
            onChange={(e) => readFile(e.target.files?.[0], setCsv)}
          />
        </label>
        <button data-testid="quality-forecast" disabled={busy} onClick={() => void runForecast()}>
          {say(busy ? 'tw.q.forecasting' : 'tw.q.forecast')}
        </button>
      </div>
      <Errors errors={errors} />
      {fc && (
        <>
          <p className="muted" data-testid="quality-summary">
            {say('tw.q.summary', {
              trucks: fc.loadings.length,
              from: fc.from,
              hours: (fc.horizon_s / 3600).toFixed(1),
              ms: fc.runtime_ms.toFixed(0),
            })}
            {bad ? say('tw.q.outOfSpec', { n: bad }) : say('tw.q.allInSpec')}
          </p>
          {fc.advice.length > 0 && (
            <ul className="q-advice" data-testid="quality-advice">
              {adviceLines(fc.advice).map((l) => (
                <li key={l}>{l}</li>
              ))}
            </ul>
          )}
          <table>
            <thead>
              <tr>
                <th>{say('tw.q.time')}</th>
                <th>{say('tw.q.bayArm')}</th>
                <th>{say('tw.q.tank')}</th>
                <th>{say('tw.q.product')}</th>
                <th>{say('tw.q.outlet')}</th>
                <th>{say('tw.q.viscosity')}</th>
                <th>{say('tw.q.margin')}</th>
                <th>{say('tw.q.status')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.key} className={r.bad ? 'q-bad' : ''} title={r.warning}>
                  <td>{r.when}</td>
                  <td>{r.where}</td>
                  <td>{r.tank}</td>
                  <td>{r.product}</td>
                  <td className="num">{r.outlet}</td>
                  <td className="num">{r.viscosity}</td>
                  <td className="num">{r.margin}</td>
                  <td className="q-status">{r.status}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
      <h4>{say('tw.q.lims')}</h4>
      <p className="muted">{say('tw.q.limsHelp', { header: LIMS_HEADER, units: 'Pa.s, mPa.s, cP, P, cSt' })}</p>
      <div className="q-row">
        <input
          type="file"
          accept=".csv,text/csv"
          onChange={(e) => readFile(e.target.files?.[0], (t) => void uploadLims(t))}
        />
        <label>
          <input type="checkbox" checked={useFits} onChange={(e) => setUseFits(e.target.checked)} />{' '}
          {say('tw.q.useFits')}
        </label>
        {lims?.plant != null && <button onClick={savePlant}>{say('tw.q.savePlant')}</button>}
      </div>
      {lims && (
        <>
          <Errors errors={lims.errors} />
          <table data-testid="quality-fits">
            <thead>
              <tr>
                <th>{say('tw.q.product')}</th>
                <th>A (95 %)</th>
                <th>B (95 %)</th>
                <th>n</th>
                <th>{say('tw.q.range')}</th>
                <th>{say('tw.q.misfit')}</th>
              </tr>
            </thead>
            <tbody>
              {fitRows(lims.fits).map((r) => (
                <tr key={r.product}>
                  <td>{r.product}</td>
                  <td className="num">{r.A}</td>
                  <td className="num">{r.B}</td>
                  <td className="num">{r.n}</td>
                  <td>{r.range}</td>
                  <td>{r.rms}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </div>
  );
}
