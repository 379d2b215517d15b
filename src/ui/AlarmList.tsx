import { useUi, useT } from '../state/ui';
import { formatPlantTime } from '../app/format';
import { alarmText } from '../i18n/alarmTexts';
import { usePlant, usePlantConnection } from '../app/PlantConnection';
import { liveOf } from '../live/LiveClient';
import { clockTime } from '../live/liveAlarms';
import { useState } from 'react';
import { AdvisoryEvidence } from '../live/twin/AdvisoryEvidence';

/** ISA-18.2 alarm list: priority, time, tag, message, state; acknowledge and shelve. */
export function AlarmList({ compact = false }: { compact?: boolean }) {
  const conn = usePlantConnection();
  const alarms = usePlant((s) => s.alarms);
  const plant = usePlant((s) => s.info?.plant ?? null);
  const lang = useUi((s) => s.lang);
  const t = useT();
  const shown = compact ? alarms.slice(0, 4) : alarms;
  // live: the plant's measured values against the model's limits (src/live/liveAlarms.ts), on the bridge's
  // clock; acknowledged here, never shelved (that would be a change to the plant's alarm system)
  const live = liveOf(conn) !== null;
  // the live twin's advisories (their own class) show their evidence when selected
  const [picked, setPicked] = useState<string | null>(null);
  const advisory = !compact && picked ? liveOf(conn)?.alarms?.advisory(picked) : undefined;
  return (
    <div
      className={`alarm-list${compact ? ' compact' : ''}`}
      data-testid="alarm-list"
      data-source={live ? 'plant' : 'model'}
    >
      <div className="alarm-head">
        <b>{t('alarms')}</b> <span className="count">{alarms.length}</span>
        <button
          onClick={() => void conn.command({ type: 'ackAll' })}
          disabled={!alarms.some((a) => a.state === 'unack' || a.state === 'rtnUnack')}
        >
          {t('ackAll')}
        </button>
      </div>
      {alarms.length === 0 ? (
        <div className="muted">{t('noAlarms')}</div>
      ) : (
        <table>
          {!compact && (
            <thead>
              <tr>
                <th>{t('priority')}</th>
                <th>{t('time')}</th>
                <th>{t('tag')}</th>
                <th>{t('message')}</th>
                <th>{t('state')}</th>
                <th />
              </tr>
            </thead>
          )}
          <tbody>
            {shown.map((a) => (
              <tr
                key={a.id}
                className={`alarm ${a.alarmClass ?? a.priority} ${a.state}${a.id === picked ? ' selected' : ''}`}
                data-alarm={a.id}
                data-state={a.state}
                data-class={a.alarmClass ?? 'process'}
                onClick={a.alarmClass ? () => setPicked(a.id === picked ? null : a.id) : undefined}
              >
                <td>
                  <span className={`prio ${a.alarmClass ?? a.priority}`}>
                    {t(`alarm.prio.${a.alarmClass ?? a.priority}`)}
                  </span>
                </td>
                <td>{a.raisedAt_s < 0 ? '' : live ? clockTime(a.raisedAt_s) : formatPlantTime(a.raisedAt_s)}</td>
                <td>{a.tag}</td>
                <td>{alarmText(a, plant, lang)}</td>
                <td>{t(`alarm.state.${a.state}`)}</td>
                <td>
                  {(a.state === 'unack' || a.state === 'rtnUnack') && (
                    <button onClick={() => void conn.command({ type: 'ackAlarm', id: a.id })}>{t('ack')}</button>
                  )}
                  {!compact && !live && a.state !== 'shelved' && (
                    <button onClick={() => void conn.command({ type: 'shelveAlarm', id: a.id, duration_s: 600 })}>
                      {t('shelve')}
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {advisory && <AdvisoryEvidence advisory={advisory} />}
    </div>
  );
}
