import { useState } from 'react';
import { useUi, useT, ui } from '../state/ui';
import { usePlantConnection } from '../app/PlantConnection';
import { Trend } from './Trend';
import { liveOf } from '../live/LiveClient';
import { LiveTrend } from '../live/LiveTrend';
import { RANGES, type RangeKey } from '../live/history';

/**
 * Trends of any tags the user picks: on the plant-time axis of a simulated plant, or in live mode over the
 * last hour, day, week or month of the historian.
 */
export function TrendsPanel() {
  const conn = usePlantConnection();
  const t = useT();
  const tags = useUi((s) => s.trendTags);
  const [pick, setPick] = useState('');
  const [range, setRange] = useState<RangeKey>('1h');
  const live = liveOf(conn) !== null;
  const all = conn.info!.tags;
  return (
    <section className="trends-panel" data-testid="trends" aria-label={t('trends')}>
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
      {live ? (
        <>
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
        </>
      ) : (
        <Trend tags={tags} width={860} height={300} testId="trend-main" />
      )}
    </section>
  );
}
