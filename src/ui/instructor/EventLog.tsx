import { useState } from 'react';
import { useT } from '../../state/ui';
import { useSession, useSessionClient } from '../../session/useSession';
import { formatPlantTime } from '../../app/format';
import { scenarioFromLog } from '../../session/recordScenario';
import type { LogEntry } from '../../protocol/session';

function describe(a: unknown): string {
  if (!a || typeof a !== 'object') return String(a);
  const o = a as Record<string, unknown>;
  if (o.kind === 'command') return JSON.stringify(o.command);
  const { kind, ...rest } = o;
  return `${String(kind ?? '')} ${JSON.stringify(rest)}`;
}

/** Who did what (as authenticated), newest first; and recording a stretch of it as a scenario file. */
export function EventLog() {
  const t = useT();
  const c = useSessionClient();
  const log = useSession((s) => s.log);
  const name = useSession((s) => s.info?.name ?? 'session');
  const [from, setFrom] = useState<number | null>(null);
  if (!c) return null;
  const save = () => {
    const entries: LogEntry[] = log.filter((e) => from === null || e.seq > from);
    const file = scenarioFromLog(entries, name);
    const url = URL.createObjectURL(new Blob([JSON.stringify(file, null, 2)], { type: 'application/json' }));
    const a = document.createElement('a');
    a.href = url;
    a.download = `${file.id}.json`;
    a.click();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
    setFrom(null);
  };
  return (
    <section className="event-log" data-testid="event-log">
      <div className="controls">
        {from === null ? (
          <button data-testid="record-start" onClick={() => setFrom(log[0]?.seq ?? 0)}>
            {t('sessionRecord')}
          </button>
        ) : (
          <button data-testid="record-save" onClick={save}>
            {t('sessionSaveScenario')}
          </button>
        )}
      </div>
      <ul>
        {log.map((e) => (
          <li key={e.seq} className={e.ok ? '' : 'refused'} data-testid="log-entry" data-ok={e.ok}>
            <span className="mono">{formatPlantTime(e.t_s)}</span> <b>{e.by.name}</b>{' '}
            <span className="muted">({t(`role.${e.by.role}` as never)})</span> {describe(e.action)}
            {!e.ok && <span className="error"> — {e.reason}</span>}
          </li>
        ))}
      </ul>
    </section>
  );
}
