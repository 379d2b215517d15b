import { heatGradientCss, HEAT_MIN_C, HEAT_MAX_C } from '../scene/colors';
import { useT } from '../state/ui';

export function Legend() {
  const t = useT();
  return (
    <div className="legend" data-testid="legend">
      <div>{t('legend')}</div>
      <div className="bar" style={{ background: heatGradientCss() }} />
      <div className="ticks">
        <span>{HEAT_MIN_C} °C</span>
        <span>{(HEAT_MIN_C + HEAT_MAX_C) / 2}</span>
        <span>{HEAT_MAX_C} °C</span>
      </div>
    </div>
  );
}
