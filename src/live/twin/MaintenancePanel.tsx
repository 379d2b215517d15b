import './maintenance.css';
import { useCallback, useEffect, useState } from 'react';
import { useLive } from '../useLive';
import { useSay } from '../../state/useSay';
import { foulingChart, type FoulingChartInput } from '../../predictive/chart';

// The maintenance tab of the live twin: the predictive checks' findings (coil fouling against the design winter
// night, hot-oil pump head, heater efficiency) with their evidence and due dates, each coil's fouling trend with
// its limit and projected crossing band, the work orders to download (CSV, JSON) or send to the CMMS webhook.
// The station computes everything over its historian (/api/twin/maintenance); the page only draws it.

interface FindingJson {
  kind: string;
  asset: string;
  finding: string;
  evidence: string;
  priority: 'low' | 'medium' | 'high';
  due_ms: number;
}
interface FoulingJson extends FoulingChartInput {
  tank: string;
  current: { value: number; sd: number } | null;
  capacity: FoulingChartInput['capacity'] & { netLoss_W: number; cleanDuty_W: number; ambient_C: number };
}
interface Report {
  window: { from_ms: number; to_ms: number };
  findings: FindingJson[];
  workOrders: { id: string }[];
  fouling: FoulingJson[];
}

const W = 560;
const H = 200;
const day = (ms: number | null | undefined) =>
  ms === null || ms === undefined ? 'never' : new Date(ms).toISOString().slice(0, 10);
const sci = (v: number | null | undefined) => (v === null || v === undefined ? '—' : v.toExponential(2));

export function FoulingTrend({ f }: { f: FoulingJson }) {
  const g = foulingChart(f, W, H);
  return (
    <svg className="mt-chart" width={W} height={H} viewBox={`0 0 ${W} ${H}`} data-testid="maintenance-fouling-chart">
      {g.limit && (
        <rect
          className="mt-limit-range"
          x={0}
          width={W}
          y={g.limit.yHigh}
          height={Math.max(g.limit.yLow - g.limit.yHigh, 1)}
        />
      )}
      {g.band && <rect className="mt-band" x={g.band.x1} width={Math.max(g.band.x2 - g.band.x1, 1)} y={0} height={H} />}
      {g.limit && <line className="mt-limit" x1={0} x2={W} y1={g.limit.y} y2={g.limit.y} />}
      {g.bars.map((b, i) => (
        <g key={i}>
          <line className="mt-bar" x1={b.x} x2={b.x} y1={b.y0} y2={b.y1} />
          <circle className="mt-point" cx={b.x} cy={b.y} r={2} />
        </g>
      ))}
      {g.fit && <line className="mt-fit" {...g.fit} />}
      {g.projection && <line className="mt-projection" {...g.projection} />}
      {g.crossingX !== null && <line className="mt-cross" x1={g.crossingX} x2={g.crossingX} y1={0} y2={H} />}
      <text x={4} y={12} fontSize={10}>
        {sci(g.yMax)} m²K/W
      </text>
      <text x={4} y={H - 4} fontSize={10}>
        {day(g.x0_ms)}
      </text>
      <text x={W - 4} y={H - 4} fontSize={10} textAnchor="end">
        {day(g.x1_ms)}
      </text>
    </svg>
  );
}

export function MaintenancePanel() {
  const station = useLive((s) => s.station);
  const api = `${station}/api/twin/maintenance`;
  const say = useSay();
  const [days, setDays] = useState(30);
  const [report, setReport] = useState<Report | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [tank, setTank] = useState<string | null>(null);
  const [sent, setSent] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const load = useCallback(async () => {
    setBusy(true);
    try {
      const res = await fetch(`${api}?days=${days}`);
      const j = (await res.json()) as Report & { error?: string };
      if (!res.ok) throw new Error(j.error ?? res.statusText);
      setReport(j);
      setError(null);
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  }, [api, days]);
  useEffect(() => void load(), [load]);

  const send = async () => {
    setBusy(true);
    try {
      const res = await fetch(`${api}/webhook?days=${days}`, { method: 'POST' });
      const j = (await res.json()) as { error?: string; delivered?: string[]; pending?: string[] };
      setSent(
        res.ok
          ? say('tw.mt.sent', { delivered: j.delivered?.length ?? 0, pending: j.pending?.length ?? 0 })
          : (j.error ?? res.statusText),
      );
    } catch (e) {
      setSent((e as Error).message);
    } finally {
      setBusy(false);
    }
  };

  const shown = report?.fouling.find((f) => f.tank === tank) ?? report?.fouling[0] ?? null;
  return (
    <div data-testid="twin-maintenance">
      <div className="mt-actions">
        <label>
          {say('tw.mt.window')}{' '}
          <select value={days} onChange={(e) => setDays(Number(e.target.value))}>
            {[7, 30, 90, 365].map((d) => (
              <option key={d} value={d}>
                {say('tw.mt.days', { n: d })}
              </option>
            ))}
          </select>
        </label>
        <button onClick={() => void load()} disabled={busy}>
          {say('tw.mt.refresh')}
        </button>
        <a href={`${api}/workorders.csv?days=${days}`} download="work-orders.csv" data-testid="maintenance-csv">
          {say('tw.mt.csv')}
        </a>
        <a href={`${api}/workorders.json?days=${days}`} download="work-orders.json">
          {say('tw.mt.json')}
        </a>
        <button
          onClick={() => void send()}
          disabled={busy || !report?.workOrders.length}
          data-testid="maintenance-send"
        >
          {say('tw.mt.send')}
        </button>
        {sent && <span className="muted">{sent}</span>}
      </div>
      {error && <p className="q-errors">{error}</p>}
      {report && (
        <>
          <table className="mt-findings" data-testid="maintenance-findings">
            <thead>
              <tr>
                <th>{say('tw.mt.priority')}</th>
                <th>{say('tw.mt.asset')}</th>
                <th>{say('tw.mt.finding')}</th>
                <th>{say('tw.mt.due')}</th>
              </tr>
            </thead>
            <tbody>
              {report.findings.length === 0 && (
                <tr>
                  <td colSpan={4} className="muted">
                    {say('tw.mt.none', { from: day(report.window.from_ms), to: day(report.window.to_ms) })}
                  </td>
                </tr>
              )}
              {report.findings.map((f) => (
                <tr key={`${f.asset}-${f.kind}`} data-asset={f.asset}>
                  <td className={`mt-prio-${f.priority}`}>{f.priority}</td>
                  <td>{f.asset}</td>
                  <td>
                    {f.finding}
                    <div className="mt-evidence">{f.evidence}</div>
                  </td>
                  <td>{day(f.due_ms)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <p>
            {say('tw.mt.fouling')}{' '}
            <select value={shown?.tank ?? ''} onChange={(e) => setTank(e.target.value)}>
              {report.fouling.map((f) => (
                <option key={f.tank}>{f.tank}</option>
              ))}
            </select>
          </p>
          {shown && (
            <>
              <p className="muted">
                {say('tw.mt.foulingNow', {
                  value: sci(shown.current?.value),
                  sd: sci(shown.current?.sd),
                  limit: sci(shown.capacity.criticalFouling_m2K_W),
                  low: sci(shown.limitRange.low),
                  high: sci(shown.limitRange.high),
                  loss: (shown.capacity.netLoss_W / 1000).toFixed(1),
                  ambient: shown.capacity.ambient_C.toFixed(1),
                  when: day(shown.crossing?.t_ms),
                  early: day(shown.crossing?.early_ms),
                  late: day(shown.crossing?.late_ms),
                })}
              </p>
              <FoulingTrend f={shown} />
            </>
          )}
        </>
      )}
    </div>
  );
}
