import { useUi, useT } from '../state/ui';
import { formatPlantTime } from '../app/format';
import { alarmText } from '../i18n/alarmTexts';
import { usePlant, usePlantConnection } from '../app/PlantConnection';
import { liveOf } from '../live/LiveClient';

/** ISA-18.2 alarm list: priority, time, tag, message, state; acknowledge and shelve. */
export function AlarmList({ compact = false }: { compact?: boolean }) {
  const conn = usePlantConnection();
  const alarms = usePlant((s) => s.alarms);
  const plant = usePlant((s) => s.info?.plant ?? null);
  const lang = useUi((s) => s.lang);
  const t = useT();
  const shown = compact ? alarms.slice(0, 4) : alarms;
  return (
    <div className={`alarm-list${compact ? ' compact' : ''}`} data-testid="alarm-list">
      <div className="alarm-head">
        <b>{t('alarms')}</b> <span className="count">{alarms.length}</span>
        {liveOf(conn) && (
          // the bridge carries values, not the control system's alarms: these are the model's
          <span className="q-model" title={t('live.modelAlarms')} data-testid="alarms-model">
            <span className="q-marker">{t('quality.model')}</span>
          </span>
        )}
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
              <tr key={a.id} className={`alarm ${a.priority} ${a.state}`} data-alarm={a.id} data-state={a.state}>
                <td>
                  <span className={`prio ${a.priority}`}>{a.priority}</span>
                </td>
                <td>{a.raisedAt_s >= 0 ? formatPlantTime(a.raisedAt_s) : ''}</td>
                <td>{a.tag}</td>
                <td>{alarmText(a, plant, lang)}</td>
                <td>{a.state}</td>
                <td>
                  {(a.state === 'unack' || a.state === 'rtnUnack') && (
                    <button onClick={() => void conn.command({ type: 'ackAlarm', id: a.id })}>{t('ack')}</button>
                  )}
                  {!compact && a.state !== 'shelved' && (
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
    </div>
  );
}
