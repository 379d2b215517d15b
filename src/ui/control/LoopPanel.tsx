import './control.css';
import { useEffect, useState } from 'react';
import { useT } from '../../state/ui';
import { usePlantConnection } from '../../app/PlantConnection';
import { onLive } from '../../app/live';
import type { SimClient } from '../../app/client';
import type { Command } from '../../sim/commands';
import type { StringKey } from '../../i18n/strings';
import { useSimText } from '../../state/useSimText';
import type { Equipment } from '../../plantView/equipmentCatalog';
import type { PlantData } from '../../sim/plant/schema';
import { RULE_NAMES, STABLE_CYCLES } from '../../sim/control/tune/relay';
import {
  formatGain,
  formatTi,
  loopKey,
  mpcFallbackReason,
  readLoop,
  tuneDetail,
  TUNING_MODES,
  type AutotuneState,
  type LoopView,
  type TuneDetail,
} from './loopState';

// A temperature loop's advanced control on its faceplate (a tank's TIC, or the heater's supply loop): its MPC
// status, the supply set point in use under MPC (heater), and the self-tuning controls with the relay
// auto-tune's progress and report. States and gains are read from the loop's tags at the live rate (React
// re-renders only when something shown changes); the progress and report from a snapshot of the plant,
// twice a second while the relay runs and once when it ends. Every command goes through the connection, so
// a refusal shows on the faceplate as any other (its command-result line).

export const TUNE_POLL_MS = 500;
/** A TIC's modes in the order the faceplate has always offered them, MPC last. */
const MODE_BUTTONS = ['auto', 'manual', 'cascade', 'mpc'] as const;

function useLoop(conn: SimClient, prefix: string): LoopView {
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

/** The auto-tune's progress and report; none where the connection gives no snapshot (a shared session). */
function useTuneDetail(conn: SimClient, loop: string, state: AutotuneState | null): TuneDetail | null {
  const [detail, setDetail] = useState<TuneDetail | null>(null);
  useEffect(() => {
    if (state === null || state === 'idle') return;
    let live = true;
    const read = () =>
      void conn.api
        .snapshot()
        .then((snap) => live && setDetail(tuneDetail(snap.state, loop)))
        .catch(() => undefined);
    read();
    if (state !== 'running') return () => void (live = false);
    const timer = setInterval(read, TUNE_POLL_MS);
    return () => {
      live = false;
      clearInterval(timer);
    };
  }, [conn, loop, state]);
  return state === null || state === 'idle' ? null : detail;
}

/** Why the tank's loop fell back to PI, read once from the plant state when it does (none in a shared session). */
function useFallbackReason(conn: SimClient, tank: number, fallback: boolean): string | null {
  const [reason, setReason] = useState<string | null>(null);
  useEffect(() => {
    if (!fallback || tank < 0) return;
    let live = true;
    void conn.api
      .snapshot()
      .then((snap) => live && setReason(mpcFallbackReason(snap.state, tank)))
      .catch(() => undefined);
    return () => void (live = false);
  }, [conn, tank, fallback]);
  return fallback ? reason : null;
}

/**
 * `prefix` names the loop's tags (TK-101, H-201); `loop` is the tag the commands address (TIC-101, H-201).
 */
export function LoopPanel({
  prefix,
  loop,
  heater = false,
  tank = -1,
}: {
  prefix: string;
  loop: string;
  heater?: boolean;
  /** The tank's index in the plant (its MPC state), −1 for the heater. */
  tank?: number;
}) {
  const conn = usePlantConnection();
  const send = (c: Command) => void conn.command(c);
  const t = useT();
  const sim = useSimText();
  const v = useLoop(conn, prefix);
  const detail = useTuneDetail(conn, loop, v.autotune);
  const mpc = v.mpc ?? (v.mode === 'mpc' ? 'active' : null);
  const reason = useFallbackReason(conn, tank, mpc === 'fallback');
  return (
    <div className="loop-panel" data-testid="loop-panel" data-loop={loop}>
      {!heater && (
        <div className="controls">
          <span className="group" data-testid="tic-mode">
            {t('mode')}:
            {MODE_BUTTONS.map((m) => (
              <button
                key={m}
                className={v.mode === m ? 'on' : ''}
                aria-pressed={v.mode === m}
                onClick={() => send({ type: 'setMode', tag: loop, mode: m })}
              >
                {t(m)}
              </button>
            ))}
          </span>
        </div>
      )}
      {mpc && mpc !== 'off' && (
        <div className={`mpc-status mpc-${mpc}`} data-testid="mpc-status" data-state={mpc}>
          {t(mpc === 'active' ? 'ctl.mpcActive' : 'ctl.mpcFallback')}
          {reason && <span className="mpc-reason">: {sim(reason)}</span>}
        </div>
      )}
      {heater && v.supplyInUse_C !== null && (
        <div data-testid="supply-in-use" data-mpc={v.supplyByMpc}>
          {t('ctl.supplyInUse')}: <b className="mono">{v.supplyInUse_C.toFixed(1)} °C</b>
          {v.supplyByMpc && ` (${t('ctl.mpc')})`}
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
      {v.autotune === 'running' && <Progress progress={detail?.progress ?? null} />}
      {detail?.report && (
        <Report
          report={detail.report}
          gains={v.gains}
          onApply={(kp, ti_s) => send({ type: 'setTuning', tag: loop, kp, ti_s })}
        />
      )}
    </div>
  );
}

function Progress({ progress: p }: { progress: TuneDetail['progress'] }) {
  const t = useT();
  return (
    <div className="autotune-progress" data-testid="autotune-progress" data-cycles={p?.cycles ?? ''}>
      {t('ctl.autotuneRunning')}
      {p && (
        <>
          : {p.switches} {t('ctl.switches')}, {p.cycles}/{STABLE_CYCLES} {t('ctl.cycles')}, {t('ctl.elapsed')}{' '}
          {formatTi(p.elapsed_s)}
        </>
      )}
      <progress value={p?.cycles ?? undefined} max={STABLE_CYCLES} />
    </div>
  );
}

/** The gains in use are these (the tags carry them rounded to nothing: a relative match). */
const same = (a: { kp: number; ti_s: number } | null, kp: number, ti_s: number) =>
  a !== null && Math.abs(a.kp - kp) <= 1e-6 * Math.abs(kp) && Math.abs(a.ti_s - ti_s) <= 1e-6 * ti_s;

function Report({
  report: r,
  gains,
  onApply,
}: {
  report: NonNullable<TuneDetail['report']>;
  gains: LoopView['gains'];
  onApply: (kp: number, ti_s: number) => void;
}) {
  const t = useT();
  const sim = useSimText();
  if (r.outcome === 'aborted')
    return (
      <div className="result" data-testid="tuning-report" data-outcome="aborted">
        {t('ctl.autotuneAborted')}: {sim(r.reason ?? '')}
      </div>
    );
  return (
    <table className="values tuning-report" data-testid="tuning-report" data-outcome="done">
      <caption>{t('ctl.report')}</caption>
      <tbody>
        {r.ku !== null && (
          <tr>
            <td>{t('ctl.ku')}</td>
            <td className="num">{formatGain(r.ku)}</td>
            <td />
          </tr>
        )}
        {r.pu_s !== null && (
          <tr>
            <td>{t('ctl.pu')}</td>
            <td className="num">{formatTi(r.pu_s)}</td>
            <td />
          </tr>
        )}
        {r.rules.map((g) => (
          <tr key={g.rule} data-rule={g.rule}>
            <td>
              {t('ctl.suggested')} ({RULE_NAMES[g.rule]})
            </td>
            <td className="num">
              Kp {formatGain(g.kp)}, Ti {formatTi(g.ti_s)}
            </td>
            <td>
              {same(gains, g.kp, g.ti_s) && <span className="muted">{t('ctl.applied')} </span>}
              <button data-testid="tuning-apply" onClick={() => onApply(g.kp, g.ti_s)}>
                {t('ctl.applyGains')}
              </button>
            </td>
          </tr>
        ))}
        <tr>
          <td>{t('ctl.old')}</td>
          <td className="num">
            Kp {formatGain(r.old.kp)}, Ti {formatTi(r.old.ti_s)}
          </td>
          <td>
            {same(gains, r.old.kp, r.old.ti_s) && <span className="muted">{t('ctl.applied')} </span>}
            <button onClick={() => onApply(r.old.kp, r.old.ti_s)}>{t('ctl.applyGains')}</button>
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
  const i = plant.tanks.findIndex((x) => x.tag === e.tag);
  if (i < 0) return null;
  const tk = plant.tanks[i];
  return <LoopPanel prefix={tk.tag} loop={tk.control.tag} tank={i} />;
}
