import { useMemo } from 'react';
import { useT } from '../../state/ui';
import { useTwin } from './useTwin';
import { isWide } from './store';
import { formatEstimate } from './format';

const clock = (ms: number | null) => (ms === null ? '—' : new Date(ms).toLocaleString());

/** Every estimate the twin service publishes, by equipment: value ± 2 sd, greyed while too uncertain. */
export function EstimatesPanel() {
  const t = useT();
  const tags = useTwin((s) => s.tags);
  const estimates = useTwin((s) => s.estimates);
  const updated = useTwin((s) => s.updated_ms);
  const rows = useMemo(
    () => Object.values(tags).sort((a, b) => a.equipment.localeCompare(b.equipment) || a.tag.localeCompare(b.tag)),
    [tags],
  );
  return (
    <div data-testid="twin-estimates">
      <p className="muted">
        {t('twin.estimatesTitle')}
        <br />
        {updated === null ? t('twin.waiting') : `${t('twin.updated')} ${clock(updated)}`}
      </p>
      <table>
        <thead>
          <tr>
            <th>{t('shadow.tag')}</th>
            <th>{t('twin.quantity')}</th>
            <th>{t('twin.value')}</th>
            <th>{t('twin.unit')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((d) => {
            const e = estimates[d.tag];
            const wide = isWide(d, e);
            const bad = e !== undefined && e.q !== 'good';
            const f = formatEstimate(e?.v ?? null, e?.sd ?? null);
            return (
              <tr
                key={d.tag}
                data-tag={d.tag}
                data-wide={wide}
                className={bad ? 'est-bad' : wide ? 'est-wide' : ''}
                title={`${d.description}${bad ? `: ${e?.reason ?? t('twin.restarted')}` : wide ? `: ${t('twin.wide')}` : ''}`}
              >
                <td>{d.equipment}</td>
                <td>{d.name.replace(/_/g, ' ')}</td>
                <td className="num">
                  {f.value} {f.pm}
                </td>
                <td>{d.unit}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
