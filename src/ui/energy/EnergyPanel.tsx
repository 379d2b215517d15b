import './energy.css';
import { useEffect, useRef, useState } from 'react';
import { useT } from '../../state/ui';
import { usePlantConnection } from '../../app/PlantConnection';
import type { PlantData } from '../../sim/plant/schema';
import type { SimClient } from '../../app/client';
import defaultSchedule from '../../../models/schedules/default-day.json';
import { computePlanInWorker } from './planInWorker';
import { energyStore, useEnergy } from './energyStore';
import { chartWidth, fuelLine, loadingMarks, supplyChartData, tankChartData } from './planView';
import { PlanChart, type PlanSeries } from './PlanChart';
import { KpiSection } from './KpiSection';
import { useSimText } from '../../state/useSimText';

// The Energy panel: the heating plan computed here from the simulated plant as it is now, the shipped loading
// schedule and the fuel price, sent to the plant's MPC (setHeatingPlan); a chart per tank of the plan with
// the measured temperature so far and the planned loadings marked; the expected fuel; and the running
// plant's figures (KpiSection).

/** The standard week's fuel price (models/weeks/standard-week.json), the field's default. */
export const DEFAULT_FUEL_PRICE = { per_GJ: 480, currency: 'THB' };

async function computeAndSend(conn: SimClient, plant: PlantData, price_per_GJ: number): Promise<void> {
  energyStore.setState({ busy: true, errors: [], sent: null, reason: null });
  // a shared session's page holds no copy of the plant to plan from: its refusal is the message
  const got = await conn.api.snapshot().then(
    (snap) => ({ snap, error: null }),
    (e: Error) => ({ snap: null, error: e.message }),
  );
  if (got.error !== null) {
    energyStore.setState({ busy: false, errors: [{ path: 'simulation', message: got.error }] });
    return;
  }
  const snapshot = got.snap;
  // off the page's thread (plan.worker.ts): a plan takes a few hundred milliseconds
  const r = await computePlanInWorker({
    plant,
    snapshot,
    schedule: defaultSchedule,
    price_per_GJ,
    currency: DEFAULT_FUEL_PRICE.currency,
  });
  if (!r.ok) {
    energyStore.setState({ busy: false, errors: r.errors });
    return;
  }
  energyStore.setState((s) => ({ result: r.value, version: s.version + 1 }));
  const sent = await conn.command({ type: 'setHeatingPlan', plan: r.value.heatingPlan });
  energyStore.setState({ busy: false, sent: sent.ok ? 'sent' : 'refused', reason: sent.ok ? null : sent.reason });
}

export function EnergyPanel({ plant }: { plant: PlantData }) {
  const conn = usePlantConnection();
  const t = useT();
  const sim = useSimText();
  const [price, setPrice] = useState(String(DEFAULT_FUEL_PRICE.per_GJ));
  const { busy, result, version, sent, reason, errors } = useEnergy((s) => s);
  return (
    <section className="energy-panel" data-testid="energy" aria-label={t('energy.open')}>
      <h3>{t('energy.plan')}</h3>
      <div className="controls">
        <span className="muted">
          {t('energy.schedule')}: {defaultSchedule.name}
        </span>
        <label>
          {t('energy.fuelPrice')} ({DEFAULT_FUEL_PRICE.currency}){' '}
          <input data-testid="fuel-price" size={6} value={price} onChange={(e) => setPrice(e.target.value)} />
        </label>
        <button
          data-testid="plan-compute"
          disabled={busy}
          onClick={() => void computeAndSend(conn, plant, Number(price))}
        >
          {busy ? t('energy.computing') : t('energy.compute')}
        </button>
        {result && (
          <button onClick={() => void conn.command({ type: 'setHeatingPlan', plan: null })}>
            {t('energy.clearPlan')}
          </button>
        )}
      </div>
      {errors.length > 0 && (
        <div className="result" data-testid="plan-errors">
          {errors.map((e) => `${e.path}: ${sim(e.message)}`).join('\n')}
        </div>
      )}
      {sent && (
        <div className={sent === 'sent' ? 'muted' : 'result'} data-testid="plan-sent" data-state={sent}>
          {sent === 'sent' ? t('energy.sent') : `${t('energy.notSent')}: ${sim(reason ?? '')}`}
        </div>
      )}
      {!result && <p className="muted">{t('energy.noPlan')}</p>}
      {result && <PlanView key={version} result={result} heater={plant.hotOil.heater.tag} />}
      <h3>{t('energy.figures')}</h3>
      <KpiSection plant={plant} />
    </section>
  );
}

function PlanView({
  result,
  heater,
}: {
  result: NonNullable<ReturnType<typeof energyStore.getState>['result']>;
  heater: string;
}) {
  const t = useT();
  const sim = useSimText();
  const { chart, fuel, warnings } = result;
  // the charts fill the panel's width (which follows the window): measured, then kept when it changes
  const box = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState(420);
  useEffect(() => {
    const el = box.current!;
    const ro = new ResizeObserver(() => setWidth(chartWidth(el.clientWidth)));
    ro.observe(el);
    return () => ro.disconnect();
  }, []);
  const f = fuelLine(fuel, chart);
  const tankSeries: PlanSeries[] = [
    { label: t('energy.target'), stroke: '#1f77b4' },
    { label: t('energy.min'), stroke: '#d62728', dash: [6, 4] },
    { label: t('energy.max'), stroke: '#ff7f0e', dash: [2, 4] },
    { label: t('energy.measured'), stroke: '#2ca02c' },
  ];
  const supplySeries: PlanSeries[] = [
    { label: t('energy.supply'), stroke: '#9467bd' },
    { label: t('energy.measured'), stroke: '#2ca02c' },
  ];
  return (
    <>
      <p className="energy-fuel" data-testid="plan-fuel">
        {t('energy.expectedFuel')} {t('energy.horizon')} {f.horizon_h} h: <b>{f.fuel_GJ} GJ</b> ({t('energy.cost')}{' '}
        {f.cost}); {t('energy.fuelCorrected')} {f.corrected_GJ} GJ ({t('energy.baseline')} {f.baseline_GJ} GJ,{' '}
        {t('energy.saved')} {f.saved})
      </p>
      {warnings.length > 0 && (
        <ul className="muted">
          {warnings.map((w) => (
            <li key={w}>{sim(w)}</li>
          ))}
        </ul>
      )}
      <p className="muted">
        <span className="energy-mark" /> {t('energy.loading')}
      </p>
      <div className="energy-charts" data-testid="plan-charts" ref={box}>
        <PlanChart
          title={`${t('energy.supply')}`}
          tag={`${heater}.supply_temp`}
          series={supplySeries}
          data={(m) => supplyChartData(chart, m) as never}
          marks={[]}
          width={width}
          testId="plan-chart-supply"
        />
        {chart.tanks.map((tk, i) => (
          <PlanChart
            key={tk.tag}
            title={`${tk.tag} ${tk.product}`}
            tag={`${tk.tag}.temp`}
            series={tankSeries}
            data={(m) => tankChartData(chart, i, m) as never}
            marks={loadingMarks(chart, i)}
            width={width}
            testId={`plan-chart-${tk.tag}`}
          />
        ))}
      </div>
    </>
  );
}
