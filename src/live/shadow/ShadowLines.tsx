import { useT } from '../../state/ui';
import { formatValue } from '../../app/format';
import { useShadow, useShadowLink } from './useShadow';

/**
 * In live mode, the faceplate's measured / model / residual lines for those of its tags the shadow scores
 * (nothing on a training page or a what-if plant). Re-drawn with the shadow's store, a few times a second.
 */
export function ShadowLines({ tags }: { tags: readonly string[] }) {
  const t = useT();
  const link = useShadowLink();
  const rows = useShadow((s) => s.rows);
  const index = useShadow((s) => s.index);
  if (!link) return null;
  const mine = tags.map((tag) => rows[index[tag]]).filter((r) => r && !r.noData);
  if (!mine.length) return null;
  return (
    <table className="values shadow-lines" data-testid="faceplate-shadow">
      <thead>
        <tr>
          <th />
          <th>{t('shadow.measured')}</th>
          <th>{t('shadow.model')}</th>
          <th>{t('shadow.residual')}</th>
        </tr>
      </thead>
      <tbody>
        {mine.map((r) => (
          <tr key={r.tag} data-tag={r.tag} className={r.uncertain ? 'q-uncertain' : ''} title={r.tag}>
            <td>{r.tag.slice(r.tag.indexOf('.') + 1)}</td>
            <td className="num">{formatValue(r.measured, r.unit)}</td>
            <td className="num">{formatValue(r.model, r.unit)}</td>
            <td className="num">
              {formatValue(r.residual, r.unit)} {r.unit}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
