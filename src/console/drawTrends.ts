import type { StringKey } from '../i18n/strings';
import { formatPlantTime } from '../app/format';
import { C, button, font, header, say, type DrawInput } from './drawKit';
import { PLOT_RECT, SCREEN_PX_H, TREND_SPANS_S, spanButtonRect } from './layout';

// The trends screen: the selected tank's temperature and set point and the hot-oil supply over the chosen
// window of plant time, from the connection's history ring (drawn once a second, not per frame).

export function trends(g: CanvasRenderingContext2D, d: DrawInput): void {
  const { conn, plant, lang, state } = d;
  header(g, `${say(lang, 'console.trends')} · ${state.tank ?? ''}`);
  TREND_SPANS_S.forEach((s, i) =>
    button(g, spanButtonRect(i), say(lang, `console.span.${s}` as StringKey), s === state.span_s),
  );
  const P = PLOT_RECT;
  g.fillStyle = '#eceef0';
  g.fillRect(P.x, P.y, P.w, P.h);
  const hist = conn.history;
  const tk = plant.tanks.find((x) => x.tag === state.tank);
  const cols = tk
    ? [`${tk.tag}.temp`, `${tk.tag}.setpoint`, `${plant.hotOil.heater.tag}.supply_temp`].map(
        (t) => conn.tagIndex.get(t) ?? -1,
      )
    : [];
  if (!hist || !tk || hist.count < 2 || cols.some((c) => c < 0)) {
    g.fillStyle = C.muted;
    g.font = font(28);
    g.textAlign = 'center';
    g.textBaseline = 'middle';
    g.fillText(say(lang, tk ? 'console.collecting' : 'console.pickTank'), P.x + P.w / 2, P.y + P.h / 2);
    return;
  }
  const s = hist.series(cols);
  const n = s[0].length;
  const t1 = s[0][n - 1];
  const t0 = t1 - state.span_s;
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < n; i++) {
    if (s[0][i] < t0) continue;
    for (let c = 1; c < s.length; c++) {
      const y = s[c][i];
      if (!Number.isFinite(y)) continue;
      lo = Math.min(lo, y);
      hi = Math.max(hi, y);
    }
  }
  if (!Number.isFinite(lo)) return;
  lo = Math.floor((lo - 2) / 10) * 10;
  hi = Math.ceil((hi + 2) / 10) * 10;
  const X = (t: number) => P.x + ((t - t0) / state.span_s) * P.w;
  const Y = (y: number) => P.y + P.h - ((y - lo) / (hi - lo)) * P.h;
  g.strokeStyle = '#c3c8cd';
  g.lineWidth = 1;
  g.fillStyle = C.muted;
  g.font = font(22);
  g.textAlign = 'right';
  g.textBaseline = 'middle';
  for (let k = 0; k <= 4; k++) {
    const y = lo + ((hi - lo) * k) / 4;
    g.beginPath();
    g.moveTo(P.x, Y(y));
    g.lineTo(P.x + P.w, Y(y));
    g.stroke();
    g.fillText(y.toFixed(0), P.x - 8, Y(y));
  }
  const colours = [C.text, C.sp, C.supply];
  for (let c = 1; c < s.length; c++) {
    g.strokeStyle = colours[c - 1];
    g.lineWidth = c === 1 ? 4 : 3;
    g.beginPath();
    let started = false;
    for (let i = 0; i < n; i++) {
      if (s[0][i] < t0 || !Number.isFinite(s[c][i])) continue;
      if (started) g.lineTo(X(s[0][i]), Y(s[c][i]));
      else g.moveTo(X(s[0][i]), Y(s[c][i]));
      started = true;
    }
    g.stroke();
  }
  g.textAlign = 'left';
  g.textBaseline = 'top';
  g.font = font(24);
  const legend = [`${tk.tag} ${say(lang, 'console.pv')}`, say(lang, 'console.sp'), say(lang, 'console.supply')];
  legend.forEach((l, i) => {
    g.fillStyle = colours[i];
    g.fillText(`— ${l}`, P.x + 8 + i * 260, SCREEN_PX_H - 52, 250);
  });
  g.fillStyle = C.muted;
  g.textAlign = 'right';
  g.fillText(formatPlantTime(t1), P.x + P.w, SCREEN_PX_H - 52);
}
