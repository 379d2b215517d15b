import { useT } from '../../state/ui';
import { setComfort, useComfort } from '../../state/comfort';
import { recentre } from '../../state/xrRig';
import { usePopover } from '../a11y/usePopover';

// The toolbar's VR comfort menu: snap or smooth turning, the vignette, seated mode, recentring.

export function ComfortMenu() {
  const t = useT();
  const pop = usePopover('comfort-menu');
  const c = useComfort((s) => s);
  return (
    <>
      <button
        ref={pop.buttonRef}
        data-testid="open-comfort"
        className={pop.open ? 'on' : ''}
        onClick={pop.toggle}
        {...pop.buttonProps}
      >
        {t('comfort')}
      </button>
      {pop.open && (
        <div
          className="popover"
          id="comfort-menu"
          role="dialog"
          aria-label={t('comfort')}
          data-testid="comfort"
          onKeyDown={pop.onKeyDown}
        >
          <label>
            <input
              ref={pop.firstRef}
              type="radio"
              checked={c.turn === 'snap'}
              onChange={() => setComfort({ turn: 'snap' })}
            />{' '}
            {t('snapTurn')}
          </label>
          <label>
            <input type="radio" checked={c.turn === 'smooth'} onChange={() => setComfort({ turn: 'smooth' })} />{' '}
            {t('smoothTurn')}
          </label>
          <label>
            <input type="checkbox" checked={c.vignette} onChange={(e) => setComfort({ vignette: e.target.checked })} />{' '}
            {t('vignette')}
          </label>
          <label>
            <input type="checkbox" checked={c.seated} onChange={(e) => setComfort({ seated: e.target.checked })} />{' '}
            {t('seated')}
          </label>
          <button onClick={() => recentre()}>{t('recentre')}</button>
        </div>
      )}
    </>
  );
}
