import { useT } from '../../state/ui';
import { setComfort, useComfort } from '../../state/comfort';
import { recentre } from '../../state/xrRig';
import { ToolbarMenu } from '../a11y/ToolbarMenu';

// The toolbar's VR comfort menu: snap or smooth turning, the vignette, seated mode, recentring.

export function ComfortMenu() {
  const t = useT();
  const c = useComfort((s) => s);
  return (
    <ToolbarMenu
      id="comfort-menu"
      label={t('comfort')}
      button={t('comfort')}
      buttonTestId="open-comfort"
      menuTestId="comfort"
    >
      {(pop) => (
        <>
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
        </>
      )}
    </ToolbarMenu>
  );
}
