import type { Lang, StringKey } from '../i18n/strings';
import { alarmText } from '../i18n/alarmTexts';
import { simText } from '../i18n/simTexts';
import { formatPlantTime } from '../app/format';
import { trends } from './drawTrends';
import { C, PRIORITY, button, fixed, font, header, say, type DrawInput } from './drawKit';
import type { ScreenId } from './room';
import {
  ACK_ALL_RECT,
  ALARM_ROWS,
  HEADER_PX,
  OP_STEPS_PCT,
  RADIO_TOP_PX,
  SCREEN_PX_H,
  SCREEN_PX_W,
  SP_STEPS_C,
  alarmAckRect,
  alarmRowRect,
  modeButtonRect,
  opButtonRect,
  spButtonRect,
  tileRect,
} from './layout';

// Drawing each console screen into its canvas (2D, so Thai shapes as the browser's own text does), in the
// ISA-101 manner the desktop HMI uses: grey, with colour only where something is abnormal. Called a few
// times a second, never per frame.

const MODE_KEYS: StringKey[] = ['console.manual', 'console.auto', 'console.cascade', 'console.mpc'];
function modeWord(lang: Lang, v: number): string {
  return Number.isInteger(v) && v >= 0 && v < MODE_KEYS.length ? say(lang, MODE_KEYS[v]) : '—';
}

function overview(g: CanvasRenderingContext2D, d: DrawInput): void {
  const { conn, plant, lang, state } = d;
  header(g, say(lang, 'console.overview'));
  const unack = new Set<string>();
  for (const a of d.alarms) if (a.state === 'unack' || a.state === 'rtnUnack') unack.add(a.tag.split('.')[0]);
  plant.tanks.forEach((tk, i) => {
    const r = tileRect(i);
    const sel = tk.tag === state.tank;
    g.fillStyle = C.tile;
    g.fillRect(r.x, r.y, r.w, r.h);
    const lvl = conn.value(`${tk.tag}.level`) / tk.shellHeight_m;
    const f = Number.isFinite(lvl) ? Math.max(0, Math.min(1, lvl)) : 0;
    g.fillStyle = C.level;
    g.fillRect(r.x + r.w - 34, r.y + r.h - 8 - (r.h - 16) * f, 26, (r.h - 16) * f);
    g.strokeStyle = unack.has(tk.tag) ? PRIORITY.high : sel ? C.selected : C.frame;
    g.lineWidth = sel || unack.has(tk.tag) ? 6 : 2;
    g.strokeRect(r.x + g.lineWidth / 2, r.y + g.lineWidth / 2, r.w - g.lineWidth, r.h - g.lineWidth);
    g.textAlign = 'left';
    g.textBaseline = 'top';
    g.fillStyle = C.text;
    g.font = font(30, true);
    g.fillText(tk.tag, r.x + 12, r.y + 10);
    g.font = font(34);
    g.fillText(`${fixed(conn.value(`${tk.tag}.temp`))} °C`, r.x + 12, r.y + 50, r.w - 52);
    g.font = font(24);
    g.fillStyle = C.muted;
    g.fillText(`${say(lang, 'console.sp')} ${fixed(conn.value(`${tk.tag}.setpoint`))}`, r.x + 12, r.y + 94);
    g.fillText(modeWord(lang, conn.value(`${tk.tag}.mode`)), r.x + 12, r.y + 126, r.w - 52);
  });
  const h = plant.hotOil.heater.tag;
  g.fillStyle = C.text;
  g.font = font(26);
  g.textAlign = 'left';
  g.fillText(
    `${h} ${say(lang, 'console.supply')} ${fixed(conn.value(`${h}.supply_temp`))} °C · ${say(lang, 'console.return')} ${fixed(conn.value(`${h}.return_temp`))} °C · ${say(lang, 'console.firing')} ${fixed(conn.value(`${h}.firing`), 0)} %`,
    12,
    RADIO_TOP_PX - 34,
    SCREEN_PX_W - 24,
  );
  radioLog(g, d);
}

/** The radio log at the overview's foot: the newest calls, the title lit for a few seconds after one. */
function radioLog(g: CanvasRenderingContext2D, d: DrawInput): void {
  const { lang, state } = d;
  const flash = state.lastCall_ms > 0 && d.now_ms - state.lastCall_ms < 4000;
  g.fillStyle = flash ? C.radioFlash : C.head;
  g.fillRect(0, RADIO_TOP_PX, SCREEN_PX_W, 40);
  g.fillStyle = flash ? C.text : C.headText;
  g.font = font(26, true);
  g.textBaseline = 'middle';
  g.fillText(say(lang, 'console.radio'), 16, RADIO_TOP_PX + 20);
  g.textBaseline = 'top';
  g.font = font(26);
  g.fillStyle = C.text;
  if (!state.radio.length) {
    g.fillStyle = C.muted;
    g.fillText(say(lang, 'console.radioQuiet'), 16, RADIO_TOP_PX + 52);
    return;
  }
  state.radio.slice(0, 4).forEach((l, i) => {
    g.fillText(`${formatPlantTime(l.t_s)}  ${l.who}: ${l.text}`, 16, RADIO_TOP_PX + 50 + i * 36, SCREEN_PX_W - 32);
  });
}

function alarms(g: CanvasRenderingContext2D, d: DrawInput): void {
  const { lang, plant } = d;
  header(g, say(lang, 'console.alarms'));
  const needs = d.alarms.some((a) => a.state === 'unack' || a.state === 'rtnUnack');
  if (needs) button(g, ACK_ALL_RECT, say(lang, 'console.ackAll'));
  if (!d.alarms.length) {
    g.fillStyle = C.muted;
    g.font = font(30);
    g.textAlign = 'left';
    g.textBaseline = 'top';
    g.fillText(say(lang, 'console.noAlarms'), 16, HEADER_PX + 20);
    return;
  }
  d.alarms.slice(0, ALARM_ROWS).forEach((a, i) => {
    const r = alarmRowRect(i);
    const waiting = a.state === 'unack' || a.state === 'rtnUnack';
    // an unacknowledged alarm blinks at the redraw rate's half (1 s on, 1 s off)
    const lit = !waiting || Math.floor(d.now_ms / 1000) % 2 === 0;
    g.fillStyle = i % 2 ? C.tile : C.bg;
    g.fillRect(r.x, r.y, r.w, r.h);
    g.fillStyle = lit ? (PRIORITY[a.priority] ?? C.frame) : C.bg;
    g.fillRect(r.x + 8, r.y + 6, 30, r.h - 12);
    g.fillStyle = C.text;
    g.textAlign = 'left';
    g.textBaseline = 'middle';
    g.font = font(24, true);
    g.fillText(a.tag, 50, r.y + r.h / 2, 150);
    g.font = font(24);
    g.fillText(alarmText(a, plant, lang), 210, r.y + r.h / 2, (waiting ? 870 : 1010) - 210);
    if (waiting) button(g, alarmAckRect(i), say(lang, 'console.ack'));
  });
}

function faceplate(g: CanvasRenderingContext2D, d: DrawInput): void {
  const { conn, plant, lang, state } = d;
  const tk = plant.tanks.find((x) => x.tag === state.tank);
  header(g, tk ? `${tk.control.tag} · ${tk.tag} ${d.tankName}` : say(lang, 'console.faceplate'));
  if (!tk) return;
  const v = (k: string) => conn.value(`${tk.tag}.${k}`);
  g.textAlign = 'left';
  g.textBaseline = 'top';
  g.fillStyle = C.muted;
  g.font = font(28);
  g.fillText(say(lang, 'console.pv'), 24, HEADER_PX + 24);
  g.fillText(say(lang, 'console.sp'), 24, HEADER_PX + 144);
  g.fillText(say(lang, 'console.op'), 24, HEADER_PX + 224);
  g.fillText(say(lang, 'console.level'), 560, HEADER_PX + 144);
  g.fillStyle = C.text;
  g.font = font(84, true);
  g.fillText(`${fixed(v('temp'))} °C`, 110, HEADER_PX + 10);
  g.font = font(44, true);
  g.fillStyle = C.sp;
  g.fillText(`${fixed(v('setpoint'))} °C`, 110, HEADER_PX + 134);
  g.fillStyle = C.text;
  g.fillText(`${fixed(v('valve'), 0)} %`, 110, HEADER_PX + 214);
  g.fillText(`${fixed(v('level'), 2)} m`, 700, HEADER_PX + 134);
  g.font = font(40, true);
  g.fillText(modeWord(lang, v('mode')), 560, HEADER_PX + 30);
  SP_STEPS_C.forEach((s, i) =>
    button(g, spButtonRect(i), `${say(lang, 'console.sp')} ${s > 0 ? '+' : '−'}${Math.abs(s)}`),
  );
  const mode = v('mode');
  button(g, modeButtonRect('auto'), say(lang, 'console.auto'), mode === 1);
  button(g, modeButtonRect('manual'), say(lang, 'console.manual'), mode === 0);
  OP_STEPS_PCT.forEach((s, i) =>
    button(g, opButtonRect(i), `${say(lang, 'console.op')} ${s > 0 ? '+' : '−'}${Math.abs(s)} %`),
  );
  g.fillStyle = C.muted;
  g.font = font(24);
  g.textAlign = 'left';
  g.textBaseline = 'middle';
  g.fillText(say(lang, 'console.outputManual'), 360, 542, 320);
  if (state.refused) {
    g.fillStyle = PRIORITY.high;
    g.fillText(`${say(lang, 'console.refused')}: ${simText(state.refused, lang)}`, 16, 612, SCREEN_PX_W - 32);
  }
}

const DRAW: Record<ScreenId, (g: CanvasRenderingContext2D, d: DrawInput) => void> = {
  overview,
  alarms,
  faceplate,
  trends,
};

/** Paint a whole screen. */
export function drawScreen(id: ScreenId, g: CanvasRenderingContext2D, d: DrawInput): void {
  g.fillStyle = C.bg;
  g.fillRect(0, 0, SCREEN_PX_W, SCREEN_PX_H);
  DRAW[id](g, d);
}
