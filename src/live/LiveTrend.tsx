import { useEffect, useRef, useState } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { useT } from '../state/ui';
import { Q, type QualityCode } from '../app/quality';
import { alignSeries, badSpans, fetchHistory, joinSeries, type History, type Series } from './history';
import { useLive, useLiveClient } from './useLive';

// A trend of live tags on a clock-time axis: the historian's past for the range, then the samples that arrived
// since; bad and stale stretches break the line and are hatched magenta, uncertain ones cyan.

const PALETTE = ['#1f77b4', '#d62728', '#2ca02c', '#9467bd', '#ff7f0e', '#17becf'];
export const LIVE_TREND_REFRESH_MS = 1000;
/** The history is read again this often (the rings keep the live end meanwhile), ms. */
export const HISTORY_REFRESH_MS = 300_000;

function hatch(color: string): HTMLCanvasElement {
  const c = document.createElement('canvas');
  c.width = c.height = 8;
  const g = c.getContext('2d')!;
  g.strokeStyle = color;
  g.lineWidth = 1.5;
  g.beginPath();
  g.moveTo(0, 8);
  g.lineTo(8, 0);
  g.stroke();
  return c;
}

type Span = { from: number; to: number; q: QualityCode };

export function LiveTrend({
  tags,
  range_ms,
  width = 420,
  height = 180,
  testId,
}: {
  tags: string[];
  range_ms: number;
  width?: number;
  height?: number;
  testId?: string;
}) {
  const client = useLiveClient();
  const historyUrl = useLive((s) => s.historyUrl);
  const plant = useLive((s) => s.plant);
  // the views may mount before the client has made its tag state (it needs the model's tag list first)
  const attached = useLive((s) => s.attached);
  const t = useT();
  const box = useRef<HTMLDivElement>(null);
  const [status, setStatus] = useState<'loading' | 'ok' | 'none' | 'error'>('loading');
  const key = tags.join(',');
  useEffect(() => {
    if (!client?.info || !client.tags) return;
    const info = client.info;
    const state = client.tags;
    const idx = tags.map((x) => client.tagIndex.get(x) ?? -1);
    const spans: { bad: Span[]; odd: Span[] } = { bad: [], odd: [] };
    let past: History | null = null;
    let plot: uPlot | null = null;
    let pattern: { bad: CanvasPattern | null; odd: CanvasPattern | null } | null = null;
    const now = () => Date.now();
    const build = () => {
      const end = now();
      const from = end - range_ms;
      const list: Series[] = tags.map((tag, k) => {
        const s = joinSeries(past?.series.get(tag), client.rings, idx[k], from);
        const code = idx[k] >= 0 ? state.code(idx[k]) : Q.MODEL;
        // a tag bad or stale now is bad up to now, even though no new sample says so
        if ((code === Q.BAD || code === Q.STALE) && (s.t.length === 0 || s.t[s.t.length - 1] < end)) {
          s.t.push(end);
          s.v.push(Number.NaN);
          s.q.push(code);
        }
        return s;
      });
      spans.bad = [];
      spans.odd = [];
      for (const s of list) for (const b of badSpans(s, end)) (b.q === Q.UNCERTAIN ? spans.odd : spans.bad).push(b);
      const data = alignSeries(list);
      box.current?.setAttribute('data-points', String(data[0].length));
      return { data, from, end };
    };
    const first = build();
    // as wide as asked, or as the panel around it allows (a narrow window must not clip the live end)
    const room = box.current!.parentElement?.clientWidth ?? width;
    plot = new uPlot(
      {
        width: Math.max(240, Math.min(width, room - 4)),
        height,
        legend: { show: true, live: false },
        scales: { x: { time: true, range: () => [(now() - range_ms) / 1000, now() / 1000] } },
        axes: [
          { size: 30, font: '11px system-ui' },
          { size: 44, font: '11px system-ui' },
        ],
        hooks: {
          drawClear: [
            (u: uPlot) => {
              const ctx = u.ctx;
              pattern ??= {
                bad: ctx.createPattern(hatch('#b0009e'), 'repeat'),
                odd: ctx.createPattern(hatch('#00838f'), 'repeat'),
              };
              ctx.save();
              for (const [list, fill] of [
                [spans.odd, pattern.odd],
                [spans.bad, pattern.bad],
              ] as const) {
                if (!fill) continue;
                ctx.fillStyle = fill;
                for (const s of list) {
                  const x0 = u.valToPos(s.from / 1000, 'x', true);
                  const x1 = u.valToPos(s.to / 1000, 'x', true);
                  const l = Math.max(x0, u.bbox.left);
                  const r = Math.min(x1, u.bbox.left + u.bbox.width);
                  if (r > l) ctx.fillRect(l, u.bbox.top, Math.max(1, r - l), u.bbox.height);
                }
              }
              ctx.restore();
            },
          ],
        },
        series: [
          { label: t('time') },
          ...tags.map((tag, k) => ({
            label: `${tag} (${idx[k] >= 0 ? info.tags[idx[k]].unit : '?'})`,
            stroke: PALETTE[k % PALETTE.length],
            width: 1.5,
            spanGaps: false,
          })),
        ],
      },
      first.data as uPlot.AlignedData,
      box.current!,
    );
    let alive = true;
    const load = () => {
      if (!historyUrl || !plant) return setStatus('none');
      const end = now();
      fetchHistory(historyUrl, plant, tags, end - range_ms, end)
        .then((h) => {
          if (!alive) return;
          past = h;
          setStatus('ok');
          plot?.setData(build().data as uPlot.AlignedData);
        })
        .catch((e) => {
          if (!alive) return;
          console.warn(`live trend: ${(e as Error).message}`);
          setStatus('error');
        });
    };
    load();
    const refresh = setInterval(() => plot?.setData(build().data as uPlot.AlignedData), LIVE_TREND_REFRESH_MS);
    const reload = setInterval(load, HISTORY_REFRESH_MS);
    return () => {
      alive = false;
      clearInterval(refresh);
      clearInterval(reload);
      plot?.destroy();
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- `tags` is keyed by its joined names
  }, [key, range_ms, width, height, client, historyUrl, plant, attached]);
  return (
    <div className="live-trend">
      <div ref={box} className="trend" data-testid={testId} data-tags={key} data-history={status} />
      {status === 'loading' && <span className="muted">{t('live.historyLoading')}</span>}
      {status === 'none' && <span className="muted">{t('live.historyNone')}</span>}
      {status === 'error' && <span className="muted">{t('live.historyError')}</span>}
    </div>
  );
}
