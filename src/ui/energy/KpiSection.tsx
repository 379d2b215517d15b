import { useEffect, useMemo } from 'react';
import { useStore } from 'zustand';
import { useT } from '../../state/ui';
import { usePlantConnection } from '../../app/PlantConnection';
import type { SimClient } from '../../app/client';
import type { PlantData } from '../../sim/plant/schema';
import { formatPlantTime } from '../../app/format';
import { KpiFeed } from './kpiFeed';
import { kpiLines, type KpiFigures } from './kpiView';
import { makeKpi } from './kpiSource';

// The running plant's figures: fuel raw and corrected for the stored heat, heater starts, each tank's time
// outside its band and overshoot, loading-temperature misses; counted from the first time the panel opened
// (or the last "restart counting") and kept counting while the panel is shut.

const feeds = new WeakMap<SimClient, KpiFeed<KpiFigures>>();

function feedFor(conn: SimClient, plant: PlantData): KpiFeed<KpiFigures> {
  let f = feeds.get(conn);
  if (!f) {
    f = new KpiFeed(
      () => makeKpi(plant),
      () => conn.api.snapshot(),
    );
    feeds.set(conn, f);
  }
  return f;
}

export function KpiSection({ plant }: { plant: PlantData }) {
  const conn = usePlantConnection();
  const feed = useMemo(() => feedFor(conn, plant), [conn, plant]);
  useEffect(() => feed.run(), [feed]);
  return <Figures feed={feed} />;
}

function Figures({ feed }: { feed: KpiFeed<KpiFigures> }) {
  const t = useT();
  const report = useStore(feed.store, (s) => s.report);
  const since = useStore(feed.store, (s) => s.since_s);
  if (!report) return <p className="muted">{t('energy.kpiWaiting')}</p>;
  const l = kpiLines(report);
  return (
    <div data-testid="energy-kpi">
      <p className="muted">
        {t('energy.since')} {formatPlantTime(since)} ({l.duration_h} h){' '}
        <button onClick={() => void feed.restart()}>{t('energy.reset')}</button>
      </p>
      <table className="energy-table">
        <tbody>
          <tr>
            <td>{t('energy.fuelRaw')}</td>
            <td className="num" data-testid="kpi-fuel">
              {l.fuel_GJ} GJ
            </td>
          </tr>
          <tr>
            <td>{t('energy.stored')}</td>
            <td className="num">{l.storedChange_GJ} GJ</td>
          </tr>
          <tr>
            <td>{t('energy.fuelCorrected')}</td>
            <td className="num" data-testid="kpi-fuel-corrected">
              {l.fuelCorrected_GJ} GJ
            </td>
          </tr>
          <tr>
            <td>{t('energy.heaterStarts')}</td>
            <td className="num">{l.heaterStarts}</td>
          </tr>
          <tr>
            <td>{t('energy.misses')}</td>
            <td className="num">{l.misses}</td>
          </tr>
          <tr>
            <td>{t('energy.onMpc')}</td>
            <td className="num">{l.mpcShare}</td>
          </tr>
        </tbody>
      </table>
      <table className="energy-table">
        <thead>
          <tr>
            <th>{t('energy.tank')}</th>
            <th>°C</th>
            <th>{t('energy.outsideBand')} h</th>
            <th>{t('energy.overshoot')} K</th>
            <th>{t('energy.misses')}</th>
            <th>{t('energy.onMpc')} h</th>
          </tr>
        </thead>
        <tbody>
          {l.tanks.map((r) => (
            <tr key={r.tag}>
              <td>{r.tag}</td>
              <td className="num">{r.band}</td>
              <td className="num">{r.outside_h}</td>
              <td className="num">{r.overshoot_K}</td>
              <td className="num">{r.misses}</td>
              <td className="num">{r.mpc_h}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
