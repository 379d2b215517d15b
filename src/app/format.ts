/** Plant time as d hh:mm:ss (the day only once past the first). */
export function formatPlantTime(t_s: number): string {
  const s = Math.floor(t_s);
  const d = Math.floor(s / 86400);
  const hh = String(Math.floor((s % 86400) / 3600)).padStart(2, '0');
  const mm = String(Math.floor((s % 3600) / 60)).padStart(2, '0');
  const ss = String(s % 60).padStart(2, '0');
  return `${d > 0 ? `${d}d ` : ''}${hh}:${mm}:${ss}`;
}

export function formatValue(v: number, unit: string): string {
  if (!Number.isFinite(v)) return '—';
  if (unit === '0/1') return v > 0.5 ? 'ON' : 'OFF';
  const a = Math.abs(v);
  const digits = a >= 1000 ? 0 : a >= 100 ? 1 : a >= 10 ? 1 : 2;
  return v.toFixed(digits);
}
