import './live.css';
import { useT, useUi, ui } from '../state/ui';
import { useLive, useLiveClient, liveSwitchUrl } from './useLive';

/**
 * The toolbar's live-mode part: the Live switch (it reloads the page with or without `?live=1`: a live page is
 * a different plant connection), and in live mode the link's state and the data-quality panel's button.
 */
export function LiveBar() {
  const t = useT();
  const client = useLiveClient();
  const link = useLive((s) => s.link);
  const error = useLive((s) => s.error);
  const panel = useUi((s) => s.panel);
  const on = client !== null;
  return (
    <span className="live-bar">
      <label className={`live-switch${on ? ' on' : ''}`} title={on ? t('live.switchOff') : t('live.switchOn')}>
        <input
          type="checkbox"
          role="switch"
          data-testid="live-switch"
          checked={on}
          onChange={(e) => location.assign(liveSwitchUrl(location.href, e.target.checked))}
        />{' '}
        {t('live')}
      </label>
      {on && (
        <>
          <span className={`live-link ${link}`} data-testid="live-link" data-link={link} title={error ?? undefined}>
            {t(`live.link.${link}`)}
          </span>
          <button
            className={panel === 'quality' ? 'on' : ''}
            data-testid="open-quality"
            onClick={() => ui.setState({ panel: panel === 'quality' ? 'none' : 'quality' })}
          >
            {t('live.dataQuality')}
          </button>
          <button
            className={panel === 'validation' ? 'on' : ''}
            data-testid="open-validation"
            onClick={() => ui.setState({ panel: panel === 'validation' ? 'none' : 'validation' })}
          >
            {t('shadow.validation')}
          </button>
          <button
            className={panel === 'twin' ? 'on' : ''}
            data-testid="open-twin"
            onClick={() => ui.setState({ panel: panel === 'twin' ? 'none' : 'twin' })}
          >
            {t('twin.open')}
          </button>
        </>
      )}
    </span>
  );
}
