import { Fragment, useEffect, type ReactNode } from 'react';
import { useStore } from 'zustand';
import type { SimClient } from '../../app/client';
import { PlantConnectionProvider } from '../../app/PlantConnection';
import { useT } from '../../state/ui';
import { liveOf } from '../LiveClient';
import { attachShadow } from './useShadow';
import { closeWhatIf, whatIfStore } from './whatIf';
import './shadow.css';

/**
 * Around the page's plant view: on a live page it starts the shadow model beside the live connection, and
 * while a what-if runs it shows that simulated plant instead, under a SIMULATION banner, with the way back.
 */
export function ShadowRoot({ connection, children }: { connection: SimClient; children: ReactNode }) {
  useEffect(() => {
    const live = liveOf(connection);
    if (!live) return;
    const link = attachShadow(live);
    return () => link.stop();
  }, [connection]);
  const whatIf = useStore(whatIfStore, (s) => s.client);
  if (!whatIf) return <Fragment key="live">{children}</Fragment>;
  return (
    <Fragment key="whatif">
      <PlantConnectionProvider connection={whatIf}>
        {children}
        <SimulationBanner />
      </PlantConnectionProvider>
    </Fragment>
  );
}

function SimulationBanner() {
  const t = useT();
  const from = useStore(whatIfStore, (s) => s.from_ms);
  return (
    <div className="simulation-banner" data-testid="simulation-banner" role="status">
      <b>{t('shadow.simulation')}</b> {t('shadow.simulationFrom')}{' '}
      {from === null ? '—' : new Date(from).toLocaleString()} · {t('shadow.simulationNote')}{' '}
      <button data-testid="whatif-close" onClick={closeWhatIf}>
        {t('shadow.backToLive')}
      </button>
    </div>
  );
}
