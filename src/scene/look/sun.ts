// Where the sun stands for an hour of the plant's day, and which way that is in the scene.
//
// The plant clock is local solar time (the weather model's sun rises at 06:00 and sets at 18:00, see
// src/sim/components/weather.ts), so the hour angle is 15° per hour from noon. The declination defaults to
// the equinox's 0°: the plant has no calendar date, and at Bangkok's latitude the year changes the noon sun by
// at most ±23° while the day length barely changes.

const DEG = Math.PI / 180;

export interface SunPosition {
  /** Height above the horizon, radians (negative below it). */
  elevation_rad: number;
  /** Compass bearing, radians clockwise from north (0 … 2π). */
  azimuth_rad: number;
}

/** The sun's declination on a day of the year (1 = 1 January), degrees (Cooper's formula). */
export function declination_deg(dayOfYear: number): number {
  return 23.45 * Math.sin((2 * Math.PI * (284 + dayOfYear)) / 365);
}

/** Elevation and azimuth of the sun at a latitude and a solar hour, written into `out`. */
export function sunPosition(
  latitude_deg: number,
  hour: number,
  declination = 0,
  out: SunPosition = { elevation_rad: 0, azimuth_rad: 0 },
): SunPosition {
  const phi = latitude_deg * DEG;
  const delta = declination * DEG;
  const h = (hour - 12) * 15 * DEG;
  const sinEl = Math.sin(phi) * Math.sin(delta) + Math.cos(phi) * Math.cos(delta) * Math.cos(h);
  out.elevation_rad = Math.asin(Math.max(-1, Math.min(1, sinEl)));
  // bearing measured from north through east: atan2 gives it from south, hence the half turn
  const az = Math.atan2(Math.sin(h), Math.cos(h) * Math.sin(phi) - Math.tan(delta) * Math.cos(phi)) + Math.PI;
  out.azimuth_rad = ((az % (2 * Math.PI)) + 2 * Math.PI) % (2 * Math.PI);
  return out;
}

/**
 * The unit vector from the plant towards the sun in scene axes (y up), given the compass heading of the
 * scene's +x axis (the plant file's geoReference.xAxisHeading_deg; 90 means +x points east and +z south).
 */
export function sunDirection(
  sun: SunPosition,
  xAxisHeading_deg: number,
  out: { x: number; y: number; z: number },
): { x: number; y: number; z: number } {
  // seen from above, a bearing turns clockwise from +x towards +z
  const a = sun.azimuth_rad - xAxisHeading_deg * DEG;
  const c = Math.cos(sun.elevation_rad);
  out.x = c * Math.cos(a);
  out.y = Math.sin(sun.elevation_rad);
  out.z = c * Math.sin(a);
  return out;
}
