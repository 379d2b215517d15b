import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { useT } from '../../state/ui';
import { HEAT_PALETTES, TEXT_SCALES, setA11y, useA11y } from '../../state/a11y';
import { heatGradientCss } from '../../scene/colors';

// The toolbar's Display menu: heat-map palette, text size, sound captions (src/state/a11y.ts keeps them).
// A button and its popover; Escape closes it and gives the focus back to the button.

export function DisplayMenu() {
  const t = useT();
  const [open, setOpen] = useState(false);
  const button = useRef<HTMLButtonElement>(null);
  const first = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (open) first.current?.focus();
  }, [open]);
  const onKey = (e: KeyboardEvent) => {
    if (e.key !== 'Escape') return;
    e.preventDefault();
    setOpen(false);
    button.current?.focus();
  };
  return (
    <>
      <button
        ref={button}
        data-testid="open-display"
        aria-expanded={open}
        aria-controls={open ? 'display-menu' : undefined}
        title={t('a11y.displayTitle')}
        className={open ? 'on' : ''}
        onClick={() => setOpen(!open)}
      >
        {t('a11y.display')}
      </button>
      {open && <DisplayForm firstRef={first} onKey={onKey} />}
    </>
  );
}

function DisplayForm({
  firstRef,
  onKey,
}: {
  firstRef: React.RefObject<HTMLInputElement | null>;
  onKey: (e: KeyboardEvent) => void;
}) {
  const t = useT();
  const s = useA11y((x) => x);
  return (
    <div
      className="popover display-menu"
      id="display-menu"
      role="dialog"
      aria-labelledby="display-title"
      data-testid="display-menu"
      onKeyDown={onKey}
    >
      <b id="display-title">{t('a11y.displayTitle')}</b>
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
    </div>
  );
}
