import { useState } from 'react';
import { useT } from '../../state/ui';
import { usePlant } from '../../app/PlantConnection';
import { useSession, useSessionClient } from '../../session/useSession';
import { faultSchema } from '../../sim/commandSchema';
import { conditionSchema } from '../../scenario/schema';
import type { Action } from '../../protocol/actions';
import { SPEED_MAX, SPEED_MIN } from '../../protocol/frame';
import { FAULT_TEMPLATES } from './faultTemplates';

/** Run / freeze and the speed (0.1–1000×, on a log scale). */
export function ClockControls() {
  const t = useT();
  const c = useSessionClient();
  const running = usePlant((s) => s.running);
  const speed = usePlant((s) => s.speed);
  if (!c) return null;
  const toSlider = (x: number) => Math.log10(x);
  return (
    <section className="clock">
      <button data-testid="console-run" onClick={() => void c.act({ kind: 'clock', op: running ? 'pause' : 'run' })}>
        {running ? t('sessionFreeze') : t('run')}
      </button>
      <label>
        {t('speed')} <b data-testid="console-speed">{speed}×</b>
        <input
          type="range"
          data-testid="console-speed-range"
          min={toSlider(SPEED_MIN)}
          max={toSlider(SPEED_MAX)}
          step={0.01}
          defaultValue={toSlider(speed)}
          onChange={(e) => {
            const x = Number((10 ** Number(e.target.value)).toPrecision(2));
            void c.act({ kind: 'clock', op: 'speed', speed: Math.min(SPEED_MAX, Math.max(SPEED_MIN, x)) });
          }}
        />
      </label>
    </section>
  );
}

/** Inject any fault now, after a delay of plant time or when a condition first holds; clear one or all. */
export function FaultControls() {
  const t = useT();
  const c = useSessionClient();
  const faults = useSession((s) => s.faults);
  const pending = useSession((s) => s.pending);
  const [kind, setKind] = useState(Object.keys(FAULT_TEMPLATES)[0]);
  const [text, setText] = useState(JSON.stringify(FAULT_TEMPLATES[kind]));
  const [when, setWhen] = useState<'now' | 'delay' | 'condition'>('now');
  const [delay, setDelay] = useState(60);
  const [cond, setCond] = useState('{"tag":"TK-101.level","op":">","value":80}');
  const [error, setError] = useState<string | null>(null);
  if (!c) return null;
  const inject = () => {
    let fault, condition;
    try {
      fault = faultSchema.parse(JSON.parse(text));
      if (when === 'condition') condition = conditionSchema.parse(JSON.parse(cond));
    } catch (e) {
      return setError((e as Error).message.slice(0, 300));
    }
    setError(null);
    const a: Action = {
      kind: 'fault',
      op: 'inject',
      fault,
      ...(when === 'delay' && { delay_s: delay }),
      ...(when === 'condition' && { when: condition }),
    };
    void c.act(a);
  };
  return (
    <section className="faults" data-testid="console-faults">
      <h4>{t('sessionFaults')}</h4>
      <select
        data-testid="fault-kind"
        value={kind}
        onChange={(e) => {
          setKind(e.target.value);
          setText(JSON.stringify(FAULT_TEMPLATES[e.target.value]));
        }}
      >
        {Object.keys(FAULT_TEMPLATES).map((k) => (
          <option key={k}>{k}</option>
        ))}
      </select>
      <textarea data-testid="fault-json" value={text} rows={2} onChange={(e) => setText(e.target.value)} />
      <select data-testid="fault-when" value={when} onChange={(e) => setWhen(e.target.value as typeof when)}>
        <option value="now">{t('sessionNow')}</option>
        <option value="delay">{t('sessionAfterDelay')}</option>
        <option value="condition">{t('sessionOnCondition')}</option>
      </select>
      {when === 'delay' && (
        <input type="number" min={1} value={delay} onChange={(e) => setDelay(Math.max(1, Number(e.target.value)))} />
      )}
      {when === 'condition' && <textarea value={cond} rows={2} onChange={(e) => setCond(e.target.value)} />}
      <button data-testid="fault-inject" onClick={inject}>
        {t('sessionInject')}
      </button>
      {error && <p className="error">{error}</p>}
      <ul data-testid="active-faults">
        {faults.map((f) => (
          <li key={f.id}>
            #{f.id} {f.fault.kind}{' '}
            <button onClick={() => void c.act({ kind: 'fault', op: 'clear', id: f.id })}>{t('sessionClear')}</button>
          </li>
        ))}
        {pending.map((p) => (
          <li key={`p${p.key}`} className="muted">
            {p.fault.kind} · {p.at_s !== undefined ? `@ ${Math.round(p.at_s)} s` : t('sessionOnCondition')}
          </li>
        ))}
      </ul>
      {(faults.length > 0 || pending.length > 0) && (
        <button data-testid="fault-clear-all" onClick={() => void c.act({ kind: 'fault', op: 'clear' })}>
          {t('sessionClearAll')}
        </button>
      )}
    </section>
  );
}
