import { useState } from 'react';
import { useT } from '../../state/ui';
import { usePlant } from '../../app/PlantConnection';
import { useSession, useSessionClient } from '../../session/useSession';
import { formatPlantTime } from '../../app/format';

const HELD_MINUTE_S = 60; // the station's ring holds one snapshot a plant minute

/** A message to one trainee or to all (shown on their VR panel and desktop HUD), and the weather. */
export function MessageControls() {
  const t = useT();
  const c = useSessionClient();
  const people = useSession((s) => s.info?.participants ?? []);
  const [to, setTo] = useState('all');
  const [text, setText] = useState('');
  const [wind, setWind] = useState(3);
  const [rain, setRain] = useState(0);
  const [ambient, setAmbient] = useState(28);
  if (!c) return null;
  return (
    <section className="message">
      <h4>{t('sessionMessage')}</h4>
      <select data-testid="message-to" value={to} onChange={(e) => setTo(e.target.value)}>
        <option value="all">{t('sessionEveryone')}</option>
        {people
          .filter((p) => p.role !== 'instructor')
          .map((p) => (
            <option key={p.pid} value={p.pid}>
              {p.name}
            </option>
          ))}
      </select>
      <input data-testid="message-text" value={text} onChange={(e) => setText(e.target.value)} maxLength={2000} />
      <button
        data-testid="message-send"
        disabled={!text.trim()}
        onClick={() => {
          void c.act({ kind: 'message', to, text: text.trim() });
          setText('');
        }}
      >
        {t('sessionSend')}
      </button>
      <h4>{t('weather')}</h4>
      <label>
        {t('ambient')} <input type="number" value={ambient} onChange={(e) => setAmbient(Number(e.target.value))} />
      </label>
      <label>
        {t('wind')} <input type="number" min={0} value={wind} onChange={(e) => setWind(Number(e.target.value))} />
      </label>
      <label>
        {t('rain')} <input type="number" min={0} value={rain} onChange={(e) => setRain(Number(e.target.value))} />
      </label>
      <button
        data-testid="weather-set"
        onClick={() =>
          void c.act({
            kind: 'command',
            command: { type: 'setWeather', ambientMean_C: ambient, wind_m_s: wind, rain_mm_h: rain },
          })
        }
      >
        {t('sessionApply')}
      </button>
    </section>
  );
}

/** Backtrack to a held minute, end the exercise (everyone's debrief opens). */
export function ExerciseControls() {
  const t = useT();
  const c = useSessionClient();
  const ended = useSession((s) => s.ended);
  const now_s = usePlant((s) => s.events[0]?.t_s ?? 0);
  const [minute, setMinute] = useState(0);
  const [ic, setIc] = useState('');
  if (!c) return null;
  const icOk = /^[\w.-]{1,64}$/.test(ic);
  const latest = Math.floor(Math.max(now_s, c.header('t_s') || 0) / HELD_MINUTE_S);
  return (
    <section className="exercise">
      <h4>{t('sessionBacktrack')}</h4>
      <input
        type="number"
        data-testid="backtrack-minute"
        min={0}
        max={latest}
        value={minute}
        onChange={(e) => setMinute(Math.max(0, Math.round(Number(e.target.value))))}
      />
      <span className="muted"> {formatPlantTime(minute * HELD_MINUTE_S)}</span>
      <button data-testid="backtrack" onClick={() => void c.act({ kind: 'backtrack', t_s: minute * HELD_MINUTE_S })}>
        {t('sessionBacktrackGo')}
      </button>
      <h4>{t('sessionIc')}</h4>
      <input data-testid="ic-name" value={ic} placeholder="hot-start" onChange={(e) => setIc(e.target.value)} />
      <button data-testid="ic-save" disabled={!icOk} onClick={() => void c.act({ kind: 'ic', op: 'save', name: ic })}>
        {t('sessionIcSave')}
      </button>
      <button data-testid="ic-load" disabled={!icOk} onClick={() => void c.act({ kind: 'ic', op: 'load', name: ic })}>
        {t('sessionIcLoad')}
      </button>
      <h4>{t('sessionEnd')}</h4>
      <button data-testid="end-exercise" disabled={!!ended} onClick={() => void c.act({ kind: 'end' })}>
        {ended ? t('sessionEnded') : t('sessionEndGo')}
      </button>
    </section>
  );
}
