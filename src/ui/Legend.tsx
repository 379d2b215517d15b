import { heatGradientCss, HEAT_MIN_C, HEAT_MAX_C } from '../scene/colors';
import { useT } from '../state/ui';
import { useA11y } from '../state/a11y';

export function Legend() {
  const t = useT();
  // the palette picked in the Display menu, as the 3D heat map draws it
  const palette = useA11y((s) => s.palette);
  return (
    <div className="legend" data-testid="legend" data-palette={palette} role="group" aria-label={t('a11y.legend')}>
      <div>{t('legend')}</div>
      <div className="bar" style={{ background: heatGradientCss(palette) }} />
      <div className="ticks">
        <span>{HEAT_MIN_C} °C</span>
        <span>{(HEAT_MIN_C + HEAT_MAX_C) / 2}</span>
        <span>{HEAT_MAX_C} °C</span>
      </div>
    </div>
  );
}
