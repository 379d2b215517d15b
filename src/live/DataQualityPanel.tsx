import { useEffect, useState } from 'react';
import { useT, ui } from '../state/ui';
import { QUALITY_CLASS, formatAge, formatQuality } from '../app/quality';
import { qualityLabel } from '../app/drawQuality';
import { useLive, useLiveClient } from './useLive';

/** How often the panel re-reads the tags (their ages move on), ms. */
export const DQ_REFRESH_MS = 1000;

const clock = (ms: number | null) => (ms === null ? '—' : new Date(ms).toLocaleTimeString());

/**
 * The data-quality panel: every measured tag that is not good now, with its value drawn as every view draws
 * it, its quality, the reason and the value's age; the bridge's sources and their health; and what the page
 * itself dropped (malformed messages, lost batches, mapped tags this plant lacks).
 */
export function DataQualityPanel() {
  const t = useT();
  const client = useLiveClient();
  const health = useLive((s) => s.health);
  const malformed = useLive((s) => s.malformed);
  const lastMalformed = useLive((s) => s.lastMalformed);
  const lostBatches = useLive((s) => s.lostBatches);
  const unknownTags = useLive((s) => s.unmappedInPlant);
  const [, setTick] = useState(0);
  useEffect(() => {
    const timer = setInterval(() => setTick((n) => n + 1), DQ_REFRESH_MS);
    return () => clearInterval(timer);
  }, []);
  const tags = client?.tags;
  if (!client || !tags) return null;
  const info = client.info!;
  const rows = tags.notGood();
  return (
    <section className="dq-panel" data-testid="quality-panel" aria-label={t('live.dqTitle')}>
      <h3>{t('live.dqTitle')}</h3>
      <p className="muted">
        {tags.measuredCount()} {t('live.measured')} · {malformed} {t('live.malformed')} · {lostBatches}{' '}
        {t('live.lostBatches')}
        {health?.readOnly && <> · {t('live.readOnlyBridge')}</>}
      </p>
      {lastMalformed && <p className="muted mono">{lastMalformed}</p>}
      {rows.length === 0 ? (
        <p data-testid="dq-none">{t('live.dqNone')}</p>
      ) : (
        <table className="dq-tags">
          <thead>
            <tr>
              <th>{t('live.dqTag')}</th>
              <th>{t('live.dqValue')}</th>
              <th>{t('live.dqQuality')}</th>
              <th>{t('live.dqReason')}</th>
              <th>{t('live.dqAge')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((i) => {
              const tag = info.tags[i];
              const code = tags.code(i);
              const f = formatQuality(tags.value(i), tag.unit, code);
              const reason = tags.reason(i);
              return (
                <tr key={tag.name} data-dq-tag={tag.name} data-quality={QUALITY_CLASS[code]}>
                  <td>
                    <button className="link" onClick={() => ui.setState({ selected: tag.name.split('.')[0] })}>
                      {tag.name}
                    </button>
                  </td>
                  <td className={`num ${f.className}`} aria-label={qualityLabel(f, tag.unit, code, reason)}>
                    <span className={f.struck ? 'q-value q-struck' : 'q-value'}>{f.text}</span>{' '}
                    {f.marker && <span className="q-marker">{t(f.marker)}</span>} {tag.unit}
                  </td>
                  <td>{t(`qualityName.${QUALITY_CLASS[code]}` as 'qualityName.bad')}</td>
                  <td>{reason ?? ''}</td>
                  <td className="num">{formatAge(tags.age_s(i))}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      {unknownTags.length > 0 && (
        <p className="muted">
          {t('live.unknownTags')}: {unknownTags.join(', ')}
        </p>
      )}
      <h4>{t('live.sources')}</h4>
      {!health ? (
        <p className="muted">{t('live.noHealth')}</p>
      ) : (
        <table className="dq-sources" data-testid="dq-sources">
          <thead>
            <tr>
              <th>{t('live.source')}</th>
              <th>{t('live.state')}</th>
              <th>{t('live.lastData')}</th>
              <th>{t('live.reconnects')}</th>
              <th>{t('live.lastError')}</th>
            </tr>
          </thead>
          <tbody>
            {health.sources.map((s) => (
              <tr key={s.id} data-source={s.id} data-state={s.state} className={`source ${s.state}`}>
                <td>
                  {s.id} <span className="muted">({s.kind})</span>
                </td>
                <td>{s.state}</td>
                <td className="num">{clock(s.lastData_ms)}</td>
                <td className="num">{s.reconnects}</td>
                <td>{s.lastError ?? ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
