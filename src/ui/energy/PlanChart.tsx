import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { usePlantConnection } from '../../app/PlantConnection';
import { formatPlantTime } from '../../app/format';
import type { MeasuredSeries } from './planView';
import { t, useUi } from '../../state/ui';

// One chart of the heating plan (uPlot, plant-time axis): the plan's lines with the measured value so far
// over them, and vertical marks at the planned loadings. The measured line is re-read from the client's
// history ring once a second (not per frame), and only while the chart is shown.

export const PLAN_CHART_REFRESH_MS = 1000;
const HOUR_INCRS = [1, 2, 3, 6, 12, 24, 48, 96].map((h) => h * 3600);

export interface PlanSeries {
  label: string;
  stroke: string;
  dash?: number[];
}

export function PlanChart({
  title,
  tag,
  series,
  data,
  marks,
  width = 420,
  height = 150,
  testId,
}: {
  title: string;
  /** The measured tag drawn over the plan (its history ring column). */
  tag: string;
  /** The plan's series, then the measured one last. */
  series: PlanSeries[];
  data: (measured: MeasuredSeries) => uPlot.AlignedData;
  marks: number[];
  width?: number;
  height?: number;
  testId?: string;
}) {
  const conn = usePlantConnection();
  const box = useRef<HTMLDivElement>(null);
  const lang = useUi((s) => s.lang);
  // the data function changes with each plan; the chart is rebuilt on the plan, not on each render
  const dataRef = useRef(data);
  dataRef.current = data;
  const marksKey = marks.join(',');
  const seriesKey = JSON.stringify(series);
  useEffect(() => {
    const marks = marksKey ? marksKey.split(',').map(Number) : [];
    const series = JSON.parse(seriesKey) as PlanSeries[];
    const col = conn.tagIndex.get(tag);
    const measured = (): MeasuredSeries => {
      const h = col === undefined ? null : conn.history?.series([col]);
      return h ? { times_s: h[0], values: h[1] } : { times_s: [], values: [] };
    };
    const opts: uPlot.Options = {
      title,
      width,
      height,
      legend: { show: true, live: false },
      scales: { x: { time: false } },
      axes: [
        {
          // whole hours of plant time, spaced so that "1d 06:00" labels never run into each other
          incrs: HOUR_INCRS,
          space: 70,
          values: (_u, ticks) => ticks.map((v) => formatPlantTime(v).slice(0, -3)),
          size: 30,
          font: '11px system-ui',
        },
        { size: 40, font: '11px system-ui' },
      ],
      hooks: {
        // the planned loadings: a dashed vertical line each, where the plan must meet the loading minimum
        draw: [
          (u: uPlot) => {
            // a faint line through the plot and a solid triangle on its top edge: trucks every half hour
            // still read as separate loadings rather than as a hatched block
            const ctx = u.ctx;
            const top = u.bbox.top;
            const tri = 5 * devicePixelRatio;
            ctx.save();
            ctx.strokeStyle = 'rgba(106, 27, 154, 0.35)';
            ctx.fillStyle = '#6a1b9a';
            ctx.setLineDash([3, 3]);
            for (const m of marks) {
              const x = u.valToPos(m, 'x', true);
              ctx.beginPath();
              ctx.moveTo(x, top);
              ctx.lineTo(x, top + u.bbox.height);
              ctx.stroke();
              ctx.beginPath();
              ctx.moveTo(x - tri, top);
              ctx.lineTo(x + tri, top);
              ctx.lineTo(x, top + tri * 1.6);
              ctx.fill();
            }
            ctx.restore();
          },
        ],
      },
      series: [
        { label: t('plantTime', lang) },
        ...series.map((s, k) => ({
          label: s.label,
          stroke: s.stroke,
          dash: s.dash,
          width: k === series.length - 1 ? 2 : 1.5,
          // the plan is hourly and the measured line has its own times: join across the other's rows
          spanGaps: true,
        })),
      ],
    };
    const plot = new uPlot(opts, dataRef.current(measured()), box.current!);
    const timer = setInterval(() => plot.setData(dataRef.current(measured())), PLAN_CHART_REFRESH_MS);
    return () => {
      clearInterval(timer);
      plot.destroy();
    };
    // rebuilt when the plan (its marks and series) or the size changes
  }, [conn, tag, title, width, height, marksKey, seriesKey, lang]);
  return <div ref={box} className="plan-chart" data-testid={testId} data-tag={tag} />;
}
