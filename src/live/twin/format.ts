/**
 * An estimate as `value ± 2 sd`, both to the decimal of the uncertainty's second significant digit (an sd
 * of 0.00042 m²K/W shows as 0.0031 ± 0.00084), so the digits shown are the digits known.
 */
export function formatEstimate(v: number | null, sd: number | null): { value: string; pm: string } {
  if (v === null || !Number.isFinite(v)) return { value: '—', pm: '' };
  if (sd === null || !Number.isFinite(sd) || sd <= 0) return { value: v.toPrecision(4), pm: '' };
  const two = 2 * sd;
  const decimals = Math.min(10, Math.max(0, 1 - Math.floor(Math.log10(two))));
  // a value that rounds to zero shows no sign (−0.000 ± 0.090 reads as a negative estimate)
  const value = v.toFixed(decimals).replace(/^-(0\.?0*)$/, '$1');
  return { value, pm: `± ${two.toFixed(decimals)}` };
}
