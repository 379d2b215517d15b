import { useState } from 'react';
import { useUi, useT, ui } from '../state/ui';
import { usePlantConnection } from '../app/PlantConnection';
import { LiveTrend } from './LiveTrend';
import { RANGES, type RangeKey } from './history';

/** The trends panel in live mode: any tags, over the last hour, day, week or month of the historian. */
export function LiveTrendsPanel() {
  const conn = usePlantConnection();
  const t = useT();
  const tags = useUi((s) => s.trendTags);
  const [pick, setPick] = useState('');
  const [range, setRange] = useState<RangeKey>('1h');
  const all = conn.info!.tags;
  return (
    <section className="live-trends" data-testid="trends">
      <div>
        <input list="tag-names" value={pick} onChange={(e) => setPick(e.target.value)} placeholder="TK-101.temp" />
        <datalist id="tag-names">
          {all.map((x) => (
            <option key={x.name} value={x.name} />
          ))}
        </datalist>
        <button
          onClick={() => all.some((x) => x.name === pick) && ui.setState({ trendTags: [...new Set([...tags, pick])] })}
        >
          {t('addTrend')}
        </button>
        {tags.map((x) => (
          <button key={x} className="chip" onClick={() => ui.setState({ trendTags: tags.filter((y) => y !== x) })}>
            {x} ×
          </button>
        ))}
      </div>
      <div className="range" role="radiogroup" aria-label={t('live.range')}>
        {t('live.range')}:{' '}
        {(Object.keys(RANGES) as RangeKey[]).map((k) => (
          <button
            key={k}
            role="radio"
            aria-checked={range === k}
            className={range === k ? 'on' : ''}
            data-range={k}
            onClick={() => setRange(k)}
          >
            {t(`live.range.${k}`)}
          </button>
        ))}
      </div>
      <LiveTrend tags={tags} range_ms={RANGES[range]} width={860} height={300} testId="trend-main" />
    </section>
  );
}
