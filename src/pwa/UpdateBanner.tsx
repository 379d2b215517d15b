import { useStore } from 'zustand';
import { usePlant } from '../app/PlantConnection';
import { useT } from '../state/ui';
import { updateOffer } from './offer';
import { pwaStore } from './store';

/**
 * "A new version is ready — Reload": shown once a new version has been installed, and never as a reload
 * mid-exercise (during a briefing or a run it says the offer comes after the debrief). Announced politely
 * (role=status), it takes no focus from the trainee; its buttons are ordinary buttons in the tab order.
 */
export function UpdateBanner() {
  const s = useStore(pwaStore);
  const phase = usePlant((p) => p.training?.phase ?? null);
  const t = useT();
  const offer = updateOffer(s, phase);
  if (offer === 'none') return null;
  return (
    <div className="pwa-update" role="status" aria-label={t('pwa.region')} data-testid="pwa-update">
      <span>{t('pwa.ready')}</span>
      {offer === 'reload' ? (
        <>
          <button data-testid="pwa-reload" onClick={() => s.apply?.()}>
            {t('pwa.reload')}
          </button>
          <button onClick={() => pwaStore.setState({ dismissed: 'page' })}>{t('pwa.later')}</button>
        </>
      ) : (
        <>
          <span>{t('pwa.afterDebrief')}</span>
          <button onClick={() => pwaStore.setState({ dismissed: 'exercise' })}>{t('close')}</button>
        </>
      )}
    </div>
  );
}
