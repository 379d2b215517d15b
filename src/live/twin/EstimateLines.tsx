import './twin.css';
import { useMemo } from 'react';
import { useT } from '../../state/ui';
import { useTwin, useTwinStore } from './useTwin';
import { estimatesOf, isWide } from './store';
import { formatEstimate } from './format';

/**
 * In live mode, the faceplate's estimated quantities of its equipment (the twin service's: fouling, wall
 * loss, level bias …) as value ± 2 sd; greyed while too uncertain to act on, struck when the estimator
 * restarted. Nothing on a training page, nor for equipment the service estimates nothing for.
 */
export function EstimateLines({ equipment }: { equipment: string }) {
  const t = useT();
  const store = useTwinStore();
  const tags = useTwin((s) => s.tags);
  const estimates = useTwin((s) => s.estimates);
  const rows = useMemo(() => estimatesOf({ tags, estimates }, equipment), [tags, estimates, equipment]);
  if (!store || !rows.length) return null;
  return (
    <table className="values estimate-lines" data-testid="faceplate-estimates">
      <thead>
        <tr>
          <th>{t('twin.quantity')}</th>
          <th>{t('twin.value')}</th>
          <th />
        </tr>
      </thead>
      <tbody>
        {rows.map(({ tag, est }) => {
          const wide = isWide(tag, est);
          const bad = est !== undefined && est.q !== 'good';
          const f = formatEstimate(est?.v ?? null, est?.sd ?? null);
          const why = bad ? (est?.reason ?? t('twin.restarted')) : wide ? t('twin.wide') : undefined;
          return (
            <tr
              key={tag.tag}
              data-tag={tag.tag}
              data-wide={wide}
              data-quality={est?.q ?? 'none'}
              className={bad ? 'est-bad' : wide ? 'est-wide' : ''}
              title={why ? `${tag.description}: ${why}` : tag.description}
            >
              <td>{tag.name.replace(/_/g, ' ')}</td>
              <td className="num">
                <span className="est-value">{f.value}</span> <span className="est-pm">{f.pm}</span>
              </td>
              <td className="unit">{tag.unit}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
