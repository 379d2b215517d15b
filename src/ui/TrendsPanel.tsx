import { useState } from 'react';
import { useUi, useT, ui } from '../state/ui';
import { usePlantConnection } from '../app/PlantConnection';
import { Trend } from './Trend';
import { liveOf } from '../live/LiveClient';
import { LiveTrendsPanel } from '../live/LiveTrendsPanel';

/** Trends of any tags the user picks, on a plant-time axis. */
export function TrendsPanel() {
  const live = liveOf(usePlantConnection()) !== null;
  return live ? <LiveTrendsPanel /> : <PlantTimeTrendsPanel />;
}

function PlantTimeTrendsPanel() {
  const conn = usePlantConnection();
  const t = useT();
  const tags = useUi((s) => s.trendTags);
  const [pick, setPick] = useState('');
  const all = conn.info!.tags;
  return (
    <section className="trends-panel" data-testid="trends">
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
      <Trend tags={tags} width={860} height={300} testId="trend-main" />
    </section>
  );
}
