import { OK, type CommandHandlers } from './handler';

// The instructor's weather and clock: the ambient and sun the tanks lose heat to, and the time of day.

export const weatherHandlers: CommandHandlers<'setWeather' | 'setTimeOfDay'> = {
  setWeather(_m, s, c) {
    const w = s.weather;
    if (c.ambientMean_C !== undefined) w.ambientMean_C = c.ambientMean_C;
    if (c.ambientSwing_K !== undefined) w.ambientSwing_K = c.ambientSwing_K;
    if (c.wind_m_s !== undefined) w.wind_m_s = c.wind_m_s;
    if (c.rain_mm_h !== undefined) w.rain_mm_h = c.rain_mm_h;
    if (c.solarPeak_W_m2 !== undefined) w.solarPeak_W_m2 = c.solarPeak_W_m2;
    if (c.cloudCover !== undefined) w.cloudCover_frac = c.cloudCover;
    return OK;
  },
  setTimeOfDay(_m, s, c) {
    s.startHour_h = c.hour - s.t_s / 3600;
    return OK;
  },
};
