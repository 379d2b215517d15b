import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { usePlantConnection } from '../app/PlantConnection';
import { formatPlantTime } from '../app/format';
import { liveOf } from '../live/LiveClient';
import { LiveTrend } from '../live/LiveTrend';
import { t, useUi } from '../state/ui';

// A trend of tags on a plant-time axis (uPlot), refreshed twice a second from the client's history ring.
const PALETTE = ['#1f77b4', '#d62728', '#2ca02c', '#9467bd', '#ff7f0e', '#17becf'];
export const TREND_REFRESH_MS = 500;

/** Live mode's trends span the last hour of clock time (the historian's and the live samples). */
const LIVE_TREND_MS = 3_600_000;

export function Trend(props: Parameters<typeof PlantTimeTrend>[0]) {
  const live = liveOf(usePlantConnection()) !== null;
  if (live)
    return (
      <LiveTrend
        tags={props.tags}
        range_ms={LIVE_TREND_MS}
        width={props.width}
        height={props.height}
        testId={props.testId}
      />
    );
  return <PlantTimeTrend {...props} />;
}

function PlantTimeTrend({
  tags,
  width = 420,
  height = 180,
  testId,
  marks,
}: {
  tags: string[];
  width?: number;
  height?: number;
  testId?: string;
  marks?: number[];
}) {
  const conn = usePlantConnection();
  const box = useRef<HTMLDivElement>(null);
  const lang = useUi((s) => s.lang);
  useEffect(() => {
    const c = conn;
    const info = c.info!;
    const cols = tags.map((t) => c.tagIndex.get(t)).filter((i): i is number => i !== undefined);
    const units = cols.map((i) => info.tags[i].unit);
    const opts: uPlot.Options = {
      width,
      height,
      legend: { show: true, live: false },
      scales: { x: { time: false } },
      axes: [
        { values: (_u, ticks) => ticks.map((v) => formatPlantTime(v)), size: 30, font: '11px system-ui' },
        { size: 44, font: '11px system-ui' },
      ],
      hooks: marks?.length
        ? {
            // vertical lines at the moments the trainee acted
            draw: [
              (u: uPlot) => {
                const ctx = u.ctx;
                ctx.save();
                ctx.strokeStyle = '#e65100';
                ctx.setLineDash([4, 3]);
                for (const m of marks) {
                  const x = u.valToPos(m, 'x', true);
                  ctx.beginPath();
                  ctx.moveTo(x, u.bbox.top);
                  ctx.lineTo(x, u.bbox.top + u.bbox.height);
                  ctx.stroke();
                }
                ctx.restore();
              },
            ],
          }
        : {},
      series: [
        { label: t('plantTime', lang) },
        ...cols.map((i, k) => ({
          label: `${info.tags[i].name} (${units[k]})`,
          stroke: PALETTE[k % PALETTE.length],
          width: 1.5,
        })),
      ],
    };
    const plot = new uPlot(opts, (c.history?.series(cols) ?? [[]]) as uPlot.AlignedData, box.current!);
    const timer = setInterval(() => {
      const d = c.history?.series(cols);
      if (d) plot.setData(d as uPlot.AlignedData);
    }, TREND_REFRESH_MS);
    return () => {
      clearInterval(timer);
      plot.destroy();
    };
  }, [tags.join(','), width, height, marks?.join(','), conn, lang]);
  return <div ref={box} className="trend" data-testid={testId} data-tags={tags.join(',')} />;
}
