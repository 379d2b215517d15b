import { useCallback, useEffect, useRef, useState } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { useLive } from '../useLive';
import { useSay } from '../../state/useSay';

// The root-cause tab of the live twin: the fault library ranked against the last hours of the plant
// (/api/twin/rootcause, which replays each hypothesis on the station), the top three with their
// probability and log-likelihood, and on the tags that tell them apart the measured trend with each of
// the three's simulated trends laid over it.

interface Ranked {
  id: string;
  label: string;
  probability: number;
  logLik: number;
}
interface Series {
  tag: string;
  unit: string;
  measured: number[];
  model: number[][];
}
interface Report {
  from_ms: number;
  to_ms: number;
  onset_ms: number;
  simulations: number;
  ranked: Ranked[];
  overlay: { t_ms: number[]; ids: string[]; series: Series[] };
}

/** Measured in black; the three hypotheses in rank order. */
const COLORS = ['#222', '#d62728', '#1f77b4', '#2ca02c'];
const W = 520;
const H = 170;

function Overlay({ t_ms, s, labels }: { t_ms: number[]; s: Series; labels: string[] }) {
  const box = useRef<HTMLDivElement>(null);
  const measured = useSay()('tw.rc.measured');
  useEffect(() => {
    if (!box.current) return;
    const nan = (v: number) => (Number.isFinite(v) ? v : null);
    const data: uPlot.AlignedData = [
      t_ms.map((t) => t / 1000),
      s.measured.map(nan),
      ...s.model.map((m) => m.map(nan)),
    ] as uPlot.AlignedData;
    const plot = new uPlot(
      {
        width: W,
        height: H,
        title: `${s.tag} (${s.unit})`,
        series: [
          {},
          { label: measured, stroke: COLORS[0], width: 1, points: { show: false } },
          ...s.model.map((_, k) => ({
            label: labels[k] ?? `#${k + 1}`,
            stroke: COLORS[k + 1],
            width: 1.5,
            dash: k ? [4, 3] : undefined,
          })),
        ],
        axes: [{}, { size: 60 }],
      },
      data,
      box.current,
    );
    return () => plot.destroy();
  }, [t_ms, s, labels, measured]);
  return <div ref={box} data-testid="rootcause-overlay" />;
}

export function RootCausePanel() {
  const station = useLive((s) => s.station);
  const say = useSay();
  const [hours, setHours] = useState(4);
  const [onset, setOnset] = useState(1);
  const [report, setReport] = useState<Report | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const run = useCallback(async () => {
    setBusy(true);
    setError(null);
    try {
      const res = await fetch(`${station}/api/twin/rootcause?hours=${hours}&onset_h=${onset}`);
      const body = (await res.json()) as Report | { error: string };
      if (!res.ok || 'error' in body) throw new Error('error' in body ? body.error : res.statusText);
      setReport(body);
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  }, [station, hours, onset]);

  const top = report?.ranked.slice(0, 3) ?? [];
  const labels = report ? report.overlay.ids.map((id) => report.ranked.find((r) => r.id === id)?.label ?? id) : [];
  return (
    <div className="twin-rootcause" data-testid="rootcause-panel">
      <div className="twin-row">
        <label>
          {say('tw.rc.window')}{' '}
          <input type="number" min={1} max={12} step={0.5} value={hours} onChange={(e) => setHours(+e.target.value)} />
        </label>{' '}
        <label>
          {say('tw.rc.onset')}{' '}
          <input
            type="number"
            min={0}
            max={hours - 0.5}
            step={0.25}
            value={onset}
            onChange={(e) => setOnset(+e.target.value)}
          />
        </label>{' '}
        <button onClick={() => void run()} disabled={busy} data-testid="rootcause-run">
          {say(busy ? 'tw.rc.ranking' : 'tw.rc.rank')}
        </button>
      </div>
      {error && <p className="twin-error">{error}</p>}
      {report && (
        <>
          <p>
            {say('tw.rc.simulations', {
              n: report.simulations,
              from: new Date(report.from_ms).toISOString().slice(11, 16),
              to: new Date(report.to_ms).toISOString().slice(11, 16),
            })}
          </p>
          <table data-testid="rootcause-top">
            <thead>
              <tr>
                <th>#</th>
                <th>{say('tw.rc.hypothesis')}</th>
                <th>{say('tw.rc.probability')}</th>
                <th>{say('tw.rc.logLik')}</th>
              </tr>
            </thead>
            <tbody>
              {top.map((r, k) => (
                <tr key={r.id}>
                  <td style={{ color: COLORS[k + 1] }}>■ {k + 1}</td>
                  <td>{r.label}</td>
                  <td>{(100 * r.probability).toFixed(1)} %</td>
                  <td>{r.logLik.toFixed(1)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {report.overlay.series.map((s) => (
            <Overlay key={s.tag} t_ms={report.overlay.t_ms} s={s} labels={labels} />
          ))}
        </>
      )}
    </div>
  );
}
