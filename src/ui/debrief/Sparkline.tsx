import type { ScorePoint } from './history';

// A score trend small enough for a table cell: one dot per run (green passed, red failed), joined in run
// order, with the pass mark as a dashed line; scores run 0 (bottom) to 100 (top).

const W = 120;
const H = 30;
const PAD = 3;

export function Sparkline({ points, passMark, label }: { points: ScorePoint[]; passMark: number; label: string }) {
  const x = (i: number) => (points.length < 2 ? W / 2 : PAD + (i * (W - 2 * PAD)) / (points.length - 1));
  const y = (score: number) => H - PAD - (score / 100) * (H - 2 * PAD);
  return (
    <svg
      className="sparkline"
      width={W}
      height={H}
      viewBox={`0 0 ${W} ${H}`}
      role="img"
      aria-label={`${label}: ${points.map((p) => p.score).join(', ')}`}
      data-testid="sparkline"
      data-scores={points.map((p) => p.score).join(',')}
    >
      <line className="pass-mark" x1={0} x2={W} y1={y(passMark)} y2={y(passMark)} />
      <polyline points={points.map((p, i) => `${x(i)},${y(p.score)}`).join(' ')} />
      {points.map((p, i) => (
        <circle key={p.runId} cx={x(i)} cy={y(p.score)} r={2.5} className={p.pass ? 'pass' : 'fail'}>
          <title>
            {p.date.slice(0, 10)}: {p.score}
          </title>
        </circle>
      ))}
    </svg>
  );
}
