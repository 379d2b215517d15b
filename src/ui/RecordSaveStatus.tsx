import { useT } from '../state/ui';
import { usePlant } from '../app/PlantConnection';

/** Tells the trainee when the training record cannot be written (it is kept and retried), or another tab tried to take the run. */
export function RecordSaveStatus() {
  const t = useT();
  const error = usePlant((s) => s.training?.saveError ?? null);
  const notice = usePlant((s) => s.training?.notice ?? null);
  if (!error && !notice) return null;
  return (
    <div className="record-save-status" role="alert" data-testid="record-save-status">
      {error && (
        <p data-testid="save-failing">
          <b>{t('saveFailing')}</b>: {error} — {t('saveKept')}
        </p>
      )}
      {notice === 'otherTab' && <p data-testid="other-tab">{t('otherTabResume')}</p>}
    </div>
  );
}
