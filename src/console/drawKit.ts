import type { AlarmView } from '../protocol/frame';
import type { SimClient } from '../app/client';
import type { Lang, StringKey } from '../i18n/strings';
import { dictionaries } from '../i18n/strings';
import type { PlantData } from '../sim/plant/schema';
import type { ConsoleState } from './consoleStore';
import { HEADER_PX, SCREEN_PX_W, type Rect } from './layout';

// What every console screen's drawing shares: its inputs, colours, fonts, the title bar and the buttons.

/** The Thai-and-Latin font shipped with the app (public/fonts), loaded once as a page font. */
export const FONT_FAMILY = 'TankTwinConsole, sans-serif';
export const C = {
  bg: '#d5d8dc',
  text: '#1c2126',
  muted: '#59636d',
  head: '#37424c',
  headText: '#ffffff',
  tile: '#e4e6e9',
  frame: '#7d8791',
  level: '#8fa3b8',
  selected: '#1565c0',
  button: '#f2f3f5',
  sp: '#2e7d32',
  supply: '#b5651d',
  radioFlash: '#ffb300',
} as const;
export const PRIORITY: Record<string, string> = {
  critical: '#b71c1c',
  high: '#e53935',
  medium: '#f9a825',
  low: '#00838f',
};

export interface DrawInput {
  conn: SimClient;
  plant: PlantData;
  lang: Lang;
  alarms: readonly AlarmView[];
  state: ConsoleState;
  /** The selected tank's name in the page's language. */
  tankName: string;
  now_ms: number;
}

export const say = (lang: Lang, k: StringKey) => dictionaries[lang][k];
export const font = (px: number, bold = false) => `${bold ? 'bold ' : ''}${px}px ${FONT_FAMILY}`;
export const fixed = (v: number, d = 1) => (Number.isFinite(v) ? v.toFixed(d) : '—');

export function header(g: CanvasRenderingContext2D, title: string, flash = false): void {
  g.fillStyle = flash ? C.radioFlash : C.head;
  g.fillRect(0, 0, SCREEN_PX_W, HEADER_PX);
  g.fillStyle = flash ? C.text : C.headText;
  g.font = font(32, true);
  g.textBaseline = 'middle';
  g.textAlign = 'left';
  g.fillText(title, 16, HEADER_PX / 2);
}

export function button(g: CanvasRenderingContext2D, r: Rect, label: string, active = false): void {
  g.fillStyle = active ? C.selected : C.button;
  g.fillRect(r.x, r.y, r.w, r.h);
  g.strokeStyle = C.frame;
  g.lineWidth = 2;
  g.strokeRect(r.x + 1, r.y + 1, r.w - 2, r.h - 2);
  g.fillStyle = active ? C.headText : C.text;
  g.font = font(Math.min(30, r.h * 0.5), true);
  g.textAlign = 'center';
  g.textBaseline = 'middle';
  g.fillText(label, r.x + r.w / 2, r.y + r.h / 2, r.w - 8);
}
