import './control.css';
import { useEffect, useState } from 'react';
import { useT } from '../../state/ui';
import { usePlantConnection } from '../../app/PlantConnection';
import { onLive } from '../../app/live';
import type { Command } from '../../sim/commands';
import type { StringKey } from '../../i18n/strings';
import type { Equipment } from '../../plantView/equipmentCatalog';
import type { PlantData } from '../../sim/plant/schema';
import { Live } from '../Live';
import { formatGain, formatTi, loopKey, readLoop, TUNING_MODES, type LoopView } from './loopState';

// A temperature loop's advanced control on its faceplate (a tank's TIC, or the heater's supply loop): its MPC
// status, the supply set point in use under MPC (heater), and the self-tuning controls with the relay
// auto-tune's progress and report. Read from the loop's tags at the live rate; React re-renders only when
// something shown changes. Every command goes through the connection, so a refusal shows on the faceplate
// as any other (its command-result line).

function useLoop(prefix: string): LoopView {
  const conn = usePlantConnection();
  const [view, setView] = useState<LoopView>(() => readLoop((x) => conn.value(x), prefix));
  useEffect(() => {
    let last = '';
    return onLive(() => {
      const v = readLoop((x) => conn.value(x), prefix);
      const k = loopKey(v);
      if (k !== last) {
        last = k;
        setView(v);
      }
    });
  }, [conn, prefix]);
  return view;
}

/**
 * `prefix` names the loop's tags (TK-101, H-201); `loop` is the tag the commands address (TIC-101, H-201).
 */
export function LoopPanel({ prefix, loop, heater = false }: { prefix: string; loop: string; heater?: boolean }) {
  const conn = usePlantConnection();
  const send = (c: Command) => void conn.command(c);
  const t = useT();
  const v = useLoop(prefix);
  const mpc = v.mpc ?? (v.mode === 'mpc' ? 'active' : null);
  return (
    <div className="loop-panel" data-testid="loop-panel" data-loop={loop}>
      {mpc && mpc !== 'off' && (
        <div className={`mpc-status mpc-${mpc}`} data-testid="mpc-status" data-state={mpc}>
          {t(mpc === 'active' ? 'ctl.mpcActive' : 'ctl.mpcFallback')}
        </div>
      )}
      {heater && (
        <div data-testid="supply-in-use">
          {t('ctl.supplyInUse')}:{' '}
          {v.mpcSupply_C !== null ? (
            <b className="mono">
              {v.mpcSupply_C.toFixed(1)} °C ({t('ctl.mpc')})
            </b>
          ) : (
            <>
              <Live tag={`${prefix}.setpoint`} unit="°C" className="mono" /> °C
            </>
          )}
        </div>
      )}
      <div className="controls">
        <b>{t('ctl.tuning')}</b>
        {v.gains && (
          <span className="muted" data-testid="gains-in-use">
            {t('ctl.gains')}: Kp {formatGain(v.gains.kp)}, Ti {formatTi(v.gains.ti_s)}
          </span>
        )}
        <label>
          {t('ctl.tuningMode')}{' '}
          <select
            data-testid="tuning-mode"
            value={v.tuningMode ?? ''}
            onChange={(e) => {
              const mode = e.target.value as (typeof TUNING_MODES)[number];
              if (mode) send({ type: 'setTuningMode', tag: loop, mode });
            }}
          >
            {v.tuningMode === null && <option value="">—</option>}
            {TUNING_MODES.map((m) => (
              <option key={m} value={m}>
                {t(`ctl.mode.${m}` as StringKey)}
              </option>
            ))}
          </select>
        </label>
        {v.autotune === 'running' ? (
          <button data-testid="autotune-stop" onClick={() => send({ type: 'stopAutotune', tag: loop })}>
            {t('ctl.autotuneStop')}
          </button>
        ) : (
          <button data-testid="autotune-start" onClick={() => send({ type: 'startAutotune', tag: loop })}>
            {t('ctl.autotune')}
          </button>
        )}
      </div>
      {v.autotune === 'running' && (
        <div className="autotune-progress" data-testid="autotune-progress" data-cycles={v.cycles ?? ''}>
          {t('ctl.autotuneRunning')}
          {v.cycles !== null && `: ${v.cycles} ${t('ctl.cycles')}`}
          <progress />
        </div>
      )}
      {v.autotune === 'failed' && <div className="result">{t('ctl.autotuneFailed')}</div>}
      {v.report && (
        <Report report={v.report} onApply={(kp, ti_s) => send({ type: 'setTuning', tag: loop, kp, ti_s })} />
      )}
    </div>
  );
}

function Report({
  report: r,
  onApply,
}: {
  report: NonNullable<LoopView['report']>;
  onApply: (kp: number, ti_s: number) => void;
}) {
  const t = useT();
  return (
    <table className="values tuning-report" data-testid="tuning-report">
      <caption>{t('ctl.report')}</caption>
      <tbody>
        <tr>
          <td>{t('ctl.ku')}</td>
          <td className="num">{formatGain(r.ku)}</td>
        </tr>
        <tr>
          <td>{t('ctl.pu')}</td>
          <td className="num">{formatTi(r.pu_s)}</td>
        </tr>
        <tr>
          <td>{t('ctl.suggested')}</td>
          <td className="num" data-testid="tuning-suggested">
            Kp {formatGain(r.kp)}, Ti {formatTi(r.ti_s)}
          </td>
        </tr>
        {r.kpOld !== null && r.tiOld_s !== null && (
          <tr>
            <td>{t('ctl.old')}</td>
            <td className="num">
              Kp {formatGain(r.kpOld)}, Ti {formatTi(r.tiOld_s)}
            </td>
          </tr>
        )}
        <tr>
          <td colSpan={2}>
            <button data-testid="tuning-apply" onClick={() => onApply(r.kp, r.ti_s)}>
              {t('ctl.applyGains')}
            </button>
          </td>
        </tr>
      </tbody>
    </table>
  );
}

/** The loop panel of a faceplate's equipment: a tank's TIC, or the heater's supply loop; nothing for others. */
export function LoopFor({ e, plant }: { e: Equipment; plant: PlantData }) {
  if (e.kind === 'heater') return <LoopPanel prefix={e.tag} loop={e.tag} heater />;
  if (e.kind !== 'tank') return null;
  const tk = plant.tanks.find((x) => x.tag === e.tag);
  return tk ? <LoopPanel prefix={tk.tag} loop={tk.control.tag} /> : null;
}
