import { ToolbarMenu } from './ToolbarMenu';
import { useT } from '../../state/ui';
import { HEAT_PALETTES, TEXT_SCALES, setA11y, useA11y } from '../../state/a11y';
import { heatGradientCss } from '../../scene/colors';

// The toolbar's Display menu: heat-map palette, text size, sound captions (src/state/a11y.ts keeps them).
// A ToolbarMenu: Escape closes it and gives the focus back to the button.

export function DisplayMenu() {
  const t = useT();
  return (
    <ToolbarMenu
      id="display-menu"
      label={t('a11y.displayTitle')}
      button={t('a11y.display')}
      buttonTestId="open-display"
      buttonTitle={t('a11y.displayTitle')}
      menuTestId="display-menu"
      menuClass="display-menu"
    >
      {(pop) => <DisplayForm firstRef={pop.firstRef} />}
    </ToolbarMenu>
  );
}

function DisplayForm({ firstRef }: { firstRef: React.RefObject<HTMLInputElement | null> }) {
  const t = useT();
  const s = useA11y((x) => x);
  return (
    <>
      <b>{t('a11y.displayTitle')}</b>
      <fieldset>
        <legend>{t('a11y.palette')}</legend>
        {HEAT_PALETTES.map((p, i) => (
          <label key={p}>
            <input
              ref={i === 0 ? firstRef : undefined}
              type="radio"
              name="a11y-palette"
              data-palette={p}
              checked={s.palette === p}
              onChange={() => setA11y({ palette: p })}
            />{' '}
            {t(`a11y.palette.${p}`)}
            <span className="swatch" aria-hidden="true" style={{ background: heatGradientCss(p) }} />
          </label>
        ))}
      </fieldset>
      <fieldset>
        <legend>{t('a11y.textSize')}</legend>
        {TEXT_SCALES.map((k) => (
          <label key={k}>
            <input
              type="radio"
              name="a11y-text"
              data-text-scale={k}
              checked={s.textScale === k}
              onChange={() => setA11y({ textScale: k })}
            />{' '}
            {`${Math.round(k * 100)} %`}
          </label>
        ))}
      </fieldset>
      <label>
        <input
          type="checkbox"
          data-testid="captions-toggle"
          checked={s.captions}
          onChange={(e) => setA11y({ captions: e.target.checked })}
        />{' '}
        {t('a11y.captions')}
      </label>
    </>
  );
}
