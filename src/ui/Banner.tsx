import { useUi, useT, ui } from '../state/ui';

export function Banner() {
  const notice = useUi((s) => s.notice);
  const warnings = useUi((s) => s.warnings);
  const t = useT();
  if (!notice && warnings.length === 0) return null;
  return (
    <div className="banner" role="status" data-testid="banner">
      {notice && (
        <div>
          {notice} <button onClick={() => ui.setState({ notice: null })}>{t('close')}</button>
        </div>
      )}
      {warnings.map((w) => (
        <div key={w}>
          {t('badParam')}: {w}
        </div>
      ))}
    </div>
  );
}
