import { useMemo, useState } from 'react';
import { useT } from '../../state/ui';
import { usePlantConnection } from '../../app/PlantConnection';
import { formatValue } from '../../app/format';
import type { StringKey } from '../../i18n/strings';
import { useShadow, useShadowLink } from './useShadow';
import { worstFirst, type ShadowRow } from './store';
import { startWhatIf, whatIfStore } from './whatIf';
import { useStore } from 'zustand';

type SortKey = 'worst' | 'tag' | 'residual' | 'rms' | 'corr';
const SORTS: SortKey[] = ['worst', 'tag', 'residual', 'rms', 'corr'];
const num = (x: number, d = -Infinity) => (Number.isFinite(x) ? x : d);
const ORDER: Record<SortKey, (a: ShadowRow, b: ShadowRow) => number> = {
  worst: worstFirst,
  tag: (a, b) => (a.tag < b.tag ? -1 : a.tag > b.tag ? 1 : 0),
  residual: (a, b) => num(Math.abs(b.residual)) - num(Math.abs(a.residual)),
  rms: (a, b) => num(b.rms) - num(a.rms),
  corr: (a, b) => num(a.corr, Infinity) - num(b.corr, Infinity),
};

const clock = (ms: number | null) => (ms === null ? '—' : new Date(ms).toLocaleString());
const corrText = (c: number) => (Number.isFinite(c) ? c.toFixed(3) : '—');

/**
 * The model-validation panel: every output tag the plant measures, with its measured value, the shadow
 * model's, the residual and the 24 h score (RMS error, correlation), sortable, worst first by default; and
 * the "What-if from now" button that starts a separate simulated plant from the live state.
 */
export function ValidationPanel() {
  const t = useT();
  const conn = usePlantConnection();
  const link = useShadowLink();
  const status = useShadow((s) => s.status);
  const error = useShadow((s) => s.error);
  const t0 = useShadow((s) => s.t0_ms);
  const now = useShadow((s) => s.now_ms);
  const rows = useShadow((s) => s.rows);
  const starting = useStore(whatIfStore, (s) => s.starting);
  const whatIfError = useStore(whatIfStore, (s) => s.error);
  const [sort, setSort] = useState<SortKey>('worst');
  const shown = useMemo(() => rows.filter((r) => !r.noData).sort(ORDER[sort]), [rows, sort]);
  if (!link) return null;
  const unmeasured = rows.length - shown.length;
  return (
    <section className="dq-panel shadow-panel" data-testid="validation-panel" aria-label={t('shadow.title')}>
      <h3>{t('shadow.title')}</h3>
      <p className="muted" data-testid="shadow-status" data-status={status}>
        {status === 'waiting' && t('shadow.waiting')}
        {status === 'running' && `${t('shadow.running')} ${clock(t0)} (${clock(now)})`}
        {status === 'failed' && `${t('shadow.failed')}: ${error}`}
      </p>
      <p>
        <button
          data-testid="whatif-start"
          title={t('shadow.whatIfHint')}
          disabled={status !== 'running' || starting}
          onClick={() => void startWhatIf(link, conn.info!.plant, now)}
        >
          {t('shadow.whatIf')}
        </button>{' '}
        {whatIfError && <span className="muted">{whatIfError}</span>}
      </p>
      <label>
        {t('shadow.sort')}{' '}
        <select data-testid="shadow-sort" value={sort} onChange={(e) => setSort(e.target.value as SortKey)}>
          {SORTS.map((k) => (
            <option key={k} value={k}>
              {t(`shadow.sort.${k}` as StringKey)}
            </option>
          ))}
        </select>
      </label>
      {shown.length === 0 ? (
        <p>{t('shadow.none')}</p>
      ) : (
        <table className="dq-tags" data-testid="validation-table">
          <thead>
            <tr>
              <th>{t('shadow.tag')}</th>
              <th>{t('shadow.measured')}</th>
              <th>{t('shadow.model')}</th>
              <th>{t('shadow.residual')}</th>
              <th>{t('shadow.rms')}</th>
              <th>{t('shadow.corr')}</th>
              <th>{t('shadow.samples')}</th>
            </tr>
          </thead>
          <tbody>
            {shown.map((r) => (
              <tr key={r.tag} data-tag={r.tag} className={r.uncertain ? 'q-uncertain' : ''}>
                <td>
                  {r.tag}
                  {r.uncertain && (
                    <span className="q-marker" title={t('shadow.uncertain')}>
                      {' '}
                      ?
                    </span>
                  )}
                </td>
                <td className="num">{formatValue(r.measured, r.unit)}</td>
                <td className="num">{formatValue(r.model, r.unit)}</td>
                <td className="num" data-testid="residual">
                  {formatValue(r.residual, r.unit)}
                </td>
                <td className="num">{formatValue(r.rms, r.unit)}</td>
                <td className="num">{corrText(r.corr)}</td>
                <td className="num">{r.n}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <p className="muted">
        {t('shadow.note')} {unmeasured > 0 && `${unmeasured} ${t('shadow.notMeasured')}.`}
      </p>
    </section>
  );
}
