import { useState } from 'react';
import { useT } from '../../state/ui';
import { usePlantConnection } from '../../app/PlantConnection';
import type { Popover } from '../a11y/usePopover';
import { ToolbarMenu } from '../a11y/ToolbarMenu';

// The toolbar's Weather menu: ambient, wind, rain, sun and the hour, sent as plant commands on Apply (the
// schema bounds each; a refused value is reported as any refused command is).

export function WeatherMenu({ hidden }: { hidden: boolean }) {
  const t = useT();
  return (
    <ToolbarMenu
      id="weather-menu"
      label={t('weather')}
      button={t('weather')}
      buttonTestId="open-weather"
      menuTestId="weather"
      hidden={hidden}
    >
      {(pop) => <WeatherForm pop={pop} />}
    </ToolbarMenu>
  );
}

function WeatherForm({ pop }: { pop: Popover<HTMLInputElement> }) {
  const c = usePlantConnection();
  const t = useT();
  const [w, setW] = useState({
    ambient: c.value('AMB.temp').toFixed(0),
    wind: c.value('AMB.wind').toFixed(1),
    rain: c.value('AMB.rain').toFixed(0),
    sun: '850',
    hour: '12',
  });
  const field = (k: keyof typeof w, label: string, first = false) => (
    <label>
      {label}{' '}
      <input
        ref={first ? pop.firstRef : undefined}
        size={5}
        value={w[k]}
        onChange={(e) => setW({ ...w, [k]: e.target.value })}
      />
    </label>
  );
  return (
    <>
      {field('ambient', t('ambient'), true)}
      {field('wind', t('wind'))}
      {field('rain', t('rain'))}
      {field('sun', t('sun'))}
      {field('hour', t('timeOfDay'))}
      <button
        onClick={() => {
          void c.command({
            type: 'setWeather',
            ambientMean_C: Number(w.ambient),
            wind_m_s: Number(w.wind),
            rain_mm_h: Number(w.rain),
            solarPeak_W_m2: Number(w.sun),
          });
          void c.command({ type: 'setTimeOfDay', hour: Number(w.hour) });
          pop.close();
        }}
      >
        {t('apply')}
      </button>
    </>
  );
}
