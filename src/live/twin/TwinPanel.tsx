import './twin.css';
import { useState } from 'react';
import { useT } from '../../state/ui';
import { dictionaries, type StringKey } from '../../i18n/strings';
import { useLiveClient } from '../useLive';
import { twinTabs } from './panels';

/**
 * The live twin panel (live mode only), beside the data-quality and validation panels: one tab per twin
 * feature (estimates, and the panels of the others as they are listed in panels.ts).
 */
export function TwinPanel() {
  const t = useT();
  const live = useLiveClient();
  const [tab, setTab] = useState(twinTabs[0].id);
  const text = (l: string) => (l in dictionaries.en ? t(l as StringKey) : l);
  if (!live) return null;
  const current = twinTabs.find((x) => x.id === tab) ?? twinTabs[0];
  return (
    <section className="dq-panel twin-panel" data-testid="twin-panel" aria-label={t('twin.title')}>
      <h3>{t('twin.title')}</h3>
      <div className="twin-tabs" role="tablist">
        {twinTabs.map((x) => (
          <button
            key={x.id}
            role="tab"
            aria-selected={x.id === current.id}
            className={x.id === current.id ? 'on' : ''}
            data-testid={`twin-tab-${x.id}`}
            onClick={() => setTab(x.id)}
          >
            {text(x.label)}
          </button>
        ))}
      </div>
      <div role="tabpanel" data-tab={current.id}>
        <current.Panel />
      </div>
    </section>
  );
}
