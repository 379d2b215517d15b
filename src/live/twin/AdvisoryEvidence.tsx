import './advisory.css';
import type { Advisory } from '../../diagnose/anomaly';
import type { StreamEvidence } from '../../diagnose/anomalyStream';
import { clockTime } from '../liveAlarms';
import { useSay } from '../../state/useSay';

// The evidence of a twin advisory (an early warning of src/diagnose/anomaly.ts), shown when it is selected in
// the alarm list: what it suspects, since when, and the residual trend behind it — the residual (measured −
// predicted) against its predicted ±2 sd, and the CUSUM and EWMA statistics against their limits.

const W = 360;
const H = 90;

/** A polyline of y over t in a box, y scaled to [lo, hi]. */
function path(t: readonly number[], y: readonly number[], t0: number, t1: number, lo: number, hi: number): string {
  const sx = (v: number) => ((v - t0) / Math.max(t1 - t0, 1)) * W;
  const sy = (v: number) => H - ((Math.min(hi, Math.max(lo, v)) - lo) / Math.max(hi - lo, 1e-12)) * H;
  let d = '';
  for (let i = 0; i < t.length; i++) d += `${i ? 'L' : 'M'}${sx(t[i]).toFixed(1)},${sy(y[i]).toFixed(1)}`;
  return d;
}

function ResidualChart({ e }: { e: StreamEvidence }) {
  const say = useSay();
  if (e.t_s.length < 2) return null;
  const t0 = e.t_s[0];
  const t1 = e.t_s[e.t_s.length - 1];
  const up = e.sd.map((s) => 2 * s);
  const dn = e.sd.map((s) => -2 * s);
  let m = 0;
  for (let i = 0; i < e.t_s.length; i++) m = Math.max(m, Math.abs(e.residual[i]), up[i]);
  return (
    <svg
      viewBox={`0 0 ${W} ${H}`}
      className="adv-chart"
      data-chart="residual"
      role="img"
      aria-label={say('tw.adv.residual')}
    >
      <line x1={0} x2={W} y1={H / 2} y2={H / 2} className="adv-zero" />
      <path d={path(e.t_s, up, t0, t1, -m, m)} className="adv-band" />
      <path d={path(e.t_s, dn, t0, t1, -m, m)} className="adv-band" />
      <path d={path(e.t_s, e.residual, t0, t1, -m, m)} className="adv-residual" />
    </svg>
  );
}

/** Both statistics in units of their own limits: the limits are the lines at ±1. */
function StatChart({ e }: { e: StreamEvidence }) {
  const say = useSay();
  if (e.t_s.length < 2 || !(e.cusumLimit > 0) || !(e.ewmaLimit > 0)) return null;
  const t0 = e.t_s[0];
  const t1 = e.t_s[e.t_s.length - 1];
  const c = e.stat.map((v) => v / e.cusumLimit);
  const w = e.ewma.map((v) => v / e.ewmaLimit);
  let m = 1.2;
  for (let i = 0; i < c.length; i++) m = Math.max(m, Math.abs(c[i]), Math.abs(w[i]));
  const y = (v: number) => H - ((v + m) / (2 * m)) * H;
  return (
    <svg
      viewBox={`0 0 ${W} ${H}`}
      className="adv-chart"
      data-chart="statistics"
      role="img"
      aria-label={say('tw.adv.statistics')}
    >
      <line x1={0} x2={W} y1={y(1)} y2={y(1)} className="adv-limit" />
      <line x1={0} x2={W} y1={y(-1)} y2={y(-1)} className="adv-limit" />
      <path d={path(e.t_s, c, t0, t1, -m, m)} className="adv-cusum" />
      <path d={path(e.t_s, w, t0, t1, -m, m)} className="adv-ewma" />
    </svg>
  );
}

export function AdvisoryEvidence({ advisory: a }: { advisory: Advisory }) {
  const say = useSay();
  const e = a.evidence;
  const hours = e.t_s.length > 1 ? (e.t_s[e.t_s.length - 1] - e.t_s[0]) / 3600 : 0;
  return (
    <div className="advisory-evidence" data-testid="advisory-evidence" data-advisory={a.id} data-kind={a.kind}>
      <div>
        <b>{say(a.kind === 'sensor' ? 'tw.adv.sensor' : 'tw.adv.process')}</b> {a.tag ?? a.tank}: {a.cause}
      </div>
      <div className="muted">
        {say('tw.adv.since', { since: clockTime(a.since_s), raised: clockTime(a.raised_s) })}
        {e.test
          ? say('tw.adv.byTest', { test: e.test === 'stuck' ? say('tw.adv.varianceCollapse') : e.test.toUpperCase() })
          : ''}
        {a.related.length ? say('tw.adv.related', { tags: a.related.map((r) => r.tag).join(', ') }) : ''}
        {a.shifts.length ? say('tw.adv.shifts', { names: a.shifts.map((s) => s.name).join(', ') }) : ''}
      </div>
      <div className="adv-caption">{say('tw.adv.residualCaption', { tag: e.tag, hours: hours.toFixed(1) })}</div>
      <ResidualChart e={e} />
      <div className="adv-caption">
        <span className="adv-key adv-cusum">CUSUM</span> <span className="adv-key adv-ewma">EWMA</span>{' '}
        {say('tw.adv.limitsCaption')}
      </div>
      <StatChart e={e} />
    </div>
  );
}
