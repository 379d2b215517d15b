import { useMemo, useState } from 'react';
import { useUi, useT, ui } from '../state/ui';
import { buildEquipment, type Equipment } from '../plantView/equipmentCatalog';
import type { PlantData } from '../sim/plant/schema';
import type { Command } from '../sim/commands';
import { Live } from './Live';
import { Trend } from './Trend';
import { procedureFor } from '../maintenance/procedures';
import { textIn } from '../scenario/schema';
import { valveFlowTag, valveTag } from '../plantView/valves';
import { equipmentName } from '../i18n/equipmentNames';
import { DEFAULT_PRESET_KG, receiptDefaults } from '../plantView/receipt';
import { usePlant, usePlantConnection } from '../app/PlantConnection';
import { focusOn } from '../state/camera';
import { ShadowLines } from '../live/shadow/ShadowLines';
import { liveOf } from '../live/LiveClient';
import { EstimateLines } from '../live/twin/EstimateLines';
import { LoopFor } from './control/LoopPanel';

// The faceplate of the selected equipment: live values with units, a trend, and its controls.

const HIDDEN = /\.layer\d+$/;

function keyTags(e: Equipment, plant: PlantData): string[] {
  switch (e.kind) {
    case 'tank':
      return [`${e.tag}.temp`, `${e.tag}.setpoint`, `${e.tag}.temp_bottom`];
    case 'heater':
      return [`${e.tag}.supply_temp`, `${e.tag}.return_temp`];
    case 'hotOilPump':
    case 'loadingPump':
      return [`${e.tag}.flow`];
    case 'expansionTank':
      return [`${e.tag}.level`];
    case 'arm':
      return [`${e.tag}.metered`];
    case 'bay':
      return [`${e.tag}.fire`];
    case 'valve': {
      const v = plant.valves.find((x) => x.tag === e.tag)!;
      return [valveTag(v), valveFlowTag(v)];
    }
    default:
      return [];
  }
}

export function Faceplate({ plant }: { plant: PlantData }) {
  const conn = usePlantConnection();
  const selected = useUi((s) => s.selected);
  const lastResult = usePlant((s) => s.lastResult);
  const lang = useUi((s) => s.lang);
  const t = useT();
  const equipment = useMemo(() => buildEquipment(plant), [plant]);
  const e = equipment.find((x) => x.tag === selected);
  if (!e) return null;
  const info = conn.info!;
  const valve = e.kind === 'valve' ? plant.valves.find((v) => v.tag === e.tag)! : null;
  const prefix = valve ? null : `${e.tagPrefix}.`;
  const rows = prefix
    ? info.tags.filter((x) => x.name.startsWith(prefix) && !HIDDEN.test(x.name))
    : info.tags.filter((x) => keyTags(e, plant).includes(x.name));
  return (
    <aside className="faceplate" data-testid="faceplate" data-equipment={e.tag} aria-labelledby="faceplate-title">
      <header>
        <div id="faceplate-title">
          <b>{e.tag}</b> <span className="muted">{equipmentName(e, plant, lang)}</span>
        </div>
        <div>
          <button onClick={() => focusOn(...e.position)}>{t('goTo')}</button>
          <button onClick={() => ui.setState({ selected: null })} aria-label={t('close')}>
            ×
          </button>
        </div>
      </header>
      {/* the real plant is operated from its own control system: live mode offers no control that would be refused */}
      {liveOf(conn) === null ? (
        <>
          <Controls e={e} plant={plant} />
          <LoopFor e={e} plant={plant} />
        </>
      ) : (
        <p className="muted" data-testid="faceplate-read-only">
          {t('live.readOnly')}
        </p>
      )}
      {lastResult && (
        <div className="result" data-testid="command-result">
          {lastResult}
        </div>
      )}
      <Trend tags={keyTags(e, plant)} width={380} height={150} testId="faceplate-trend" />
      <Maintenance e={e} />
      <table className="values">
        <tbody>
          {rows.map((r) => (
            <tr key={r.name} title={r.description}>
              <td>{r.name.slice(r.name.indexOf('.') + 1)}</td>
              <td className="num">
                <Live tag={r.name} unit={r.unit} />
              </td>
              <td className="unit">{r.unit}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <ShadowLines tags={rows.map((r) => r.name)} />
      <EstimateLines equipment={e.tag} />
    </aside>
  );
}

function Maintenance({ e }: { e: Equipment }) {
  const lang = useUi((s) => s.lang);
  const p = procedureFor(e.kind);
  if (!p) return null;
  return (
    <details className="maintenance" data-testid="maintenance">
      <summary>{textIn(p.title, lang)}</summary>
      <ol>
        {p.steps.map((s, i) => (
          <li key={i}>{textIn(s, lang)}</li>
        ))}
      </ol>
    </details>
  );
}

function Controls({ e, plant }: { e: Equipment; plant: PlantData }) {
  const conn = usePlantConnection();
  const send = (c: Command) => void conn.command(c);
  const t = useT();
  const [sp, setSp] = useState('');
  const [preset, setPreset] = useState(String(DEFAULT_PRESET_KG));
  switch (e.kind) {
    case 'tank': {
      const tk = plant.tanks.find((x) => x.tag === e.tag)!;
      const ctl = tk.control.tag;
      return (
        <div className="controls">
          <label>
            {t('setpoint')}{' '}
            <input
              data-testid="setpoint-input"
              size={5}
              value={sp}
              placeholder={String(tk.control.setpoint_C)}
              onChange={(x) => setSp(x.target.value)}
            />
          </label>
          <button onClick={() => send({ type: 'setSetpoint', tag: ctl, value_C: Number(sp) })}>{t('apply')}</button>
          {/* the TIC's mode buttons are with its MPC and tuning (control/LoopPanel.tsx), showing the one in force */}
          <span className="group">
            {tk.outletValve}:
            <button onClick={() => send({ type: 'setValve', tag: tk.outletValve, opening: 1 })}>{t('open')}</button>
            <button onClick={() => send({ type: 'setValve', tag: tk.outletValve, opening: 0 })}>
              {t('closeValve')}
            </button>
          </span>
          <span className="group">
            {t('receipt')}:
            <button onClick={() => send({ type: 'startReceipt', tank: tk.tag, ...receiptDefaults(tk) })}>
              {t('startReceipt')}
            </button>
            <button onClick={() => send({ type: 'stopReceipt', tank: tk.tag })}>{t('stopReceipt')}</button>
          </span>
          {tk.mixer && (
            <span className="group">
              {t('mixer')}:
              <button onClick={() => send({ type: 'setMixer', tank: tk.tag, on: true })}>{t('start')}</button>
              <button onClick={() => send({ type: 'setMixer', tank: tk.tag, on: false })}>{t('stop')}</button>
            </span>
          )}
          <button onClick={() => send({ type: 'resetTrip', tag: tk.tag })}>{t('reset')}</button>
          <span className="group">
            <button onClick={() => send({ type: 'drainWater', tank: tk.tag, open: true })}>{t('drainWater')}</button>
            <button onClick={() => send({ type: 'drainWater', tank: tk.tag, open: false })}>{t('closeDrain')}</button>
          </span>
        </div>
      );
    }
    case 'valve': {
      const v = plant.valves.find((x) => x.tag === e.tag)!;
      if (v.kind === 'control') {
        const ctl = plant.tanks.find((x) => x.tag === v.tank)!.control.tag;
        return (
          <div className="controls">
            <span className="group">
              {ctl}:{' '}
              {(['auto', 'manual'] as const).map((m) => (
                <button key={m} onClick={() => send({ type: 'setMode', tag: ctl, mode: m })}>
                  {t(m)}
                </button>
              ))}
            </span>
            <label>
              {t('output')} <input size={4} value={sp} onChange={(x) => setSp(x.target.value)} />
            </label>
            <button onClick={() => send({ type: 'setOutput', tag: ctl, output: Number(sp) / 100 })}>
              {t('apply')}
            </button>
          </div>
        );
      }
      return (
        <div className="controls">
          <button data-testid="valve-open" onClick={() => send({ type: 'setValve', tag: v.tag, opening: 1 })}>
            {t('open')}
          </button>
          <button data-testid="valve-close" onClick={() => send({ type: 'setValve', tag: v.tag, opening: 0 })}>
            {t('closeValve')}
          </button>
        </div>
      );
    }
    case 'hotOilPump':
    case 'loadingPump':
      return (
        <div className="controls">
          <button data-testid="pump-start" onClick={() => send({ type: 'setPump', tag: e.tag, run: true })}>
            {t('start')}
          </button>
          <button data-testid="pump-stop" onClick={() => send({ type: 'setPump', tag: e.tag, run: false })}>
            {t('stop')}
          </button>
          {e.kind === 'loadingPump' && (
            <label>
              {t('speed')} %{' '}
              <input
                size={4}
                defaultValue="100"
                onKeyDown={(x) =>
                  x.key === 'Enter' &&
                  send({ type: 'setPumpSpeed', tag: e.tag, speed: Number((x.target as HTMLInputElement).value) / 100 })
                }
              />
            </label>
          )}
        </div>
      );
    case 'heater':
      return (
        <div className="controls">
          <button onClick={() => send({ type: 'heaterStart' })}>{t('heaterStart')}</button>
          <button onClick={() => send({ type: 'heaterStop' })}>{t('heaterStop')}</button>
          <button onClick={() => send({ type: 'resetTrip', tag: e.tag })}>{t('reset')}</button>
          <label>
            {t('setpoint')} <input size={5} value={sp} onChange={(x) => setSp(x.target.value)} />
          </label>
          <button onClick={() => send({ type: 'setSetpoint', tag: e.tag, value_C: Number(sp) })}>{t('apply')}</button>
        </div>
      );
    case 'arm': {
      const arm = plant.loading.stations
        .flatMap((s) => s.bays)
        .flatMap((b) => b.arms)
        .find((a) => a.tag === e.tag)!;
      return (
        <div className="controls">
          <button data-testid="truck-arrive" onClick={() => send({ type: 'truckArrive', arm: e.tag })}>
            {t('truckArrive')}
          </button>
          <button onClick={() => send({ type: 'truckDepart', arm: e.tag })}>{t('truckDepart')}</button>
          <button onClick={() => send({ type: 'setArm', arm: e.tag, position: 'parked' })}>{t('armPark')}</button>
          <button onClick={() => send({ type: 'setArm', arm: e.tag, position: 'overTruck' })}>{t('armOver')}</button>
          <button data-testid="arm-lower" onClick={() => send({ type: 'setArm', arm: e.tag, position: 'lowered' })}>
            {t('armLower')}
          </button>
          <label>
            {t('preset')} <input size={6} value={preset} onChange={(x) => setPreset(x.target.value)} />
          </label>
          <button onClick={() => send({ type: 'setPreset', arm: e.tag, preset_kg: Number(preset) })}>
            {t('apply')}
          </button>
          <span className="group">
            {arm.pump}:<button onClick={() => send({ type: 'setPump', tag: arm.pump, run: true })}>{t('start')}</button>
            <button onClick={() => send({ type: 'setPump', tag: arm.pump, run: false })}>{t('stop')}</button>
          </span>
        </div>
      );
    }
    case 'bay':
      return (
        <div className="controls">
          <button className="danger" onClick={() => send({ type: 'bayEstop', bay: e.tag, pressed: true })}>
            {t('estop')}
          </button>
          <button onClick={() => send({ type: 'bayEstop', bay: e.tag, pressed: false })}>{t('estopReset')}</button>
          <button
            onMouseDown={() => send({ type: 'extinguish', bay: e.tag, on: true })}
            onMouseUp={() => send({ type: 'extinguish', bay: e.tag, on: false })}
            onMouseLeave={() => send({ type: 'extinguish', bay: e.tag, on: false })}
          >
            {t('extinguisher')}
          </button>
        </div>
      );
    default:
      return null;
  }
}
