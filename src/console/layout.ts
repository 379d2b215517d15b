import type { ScreenId } from './room';

// Where things are on each console screen, in canvas pixels (1024 × 640, origin top left), and what a
// press there does. The drawing (draw.ts) and the pointer (a ray or the mouse, through the mesh's uv) use
// the same rectangles, so what is seen is what is hit. Pure: tested without a page.

export const SCREEN_PX_W = 1024;
export const SCREEN_PX_H = 640;
export const HEADER_PX = 56;

export interface Rect {
  x: number;
  y: number;
  w: number;
  h: number;
}

/** What a press on a screen asks for. */
export type ConsoleAction =
  | { kind: 'select'; tank: string }
  | { kind: 'ack'; id: string }
  | { kind: 'ackAll' }
  | { kind: 'setpointBy'; delta_C: number }
  | { kind: 'mode'; mode: 'auto' | 'manual' }
  | { kind: 'outputBy'; delta_pct: number }
  | { kind: 'span'; span_s: number };

export interface Region {
  rect: Rect;
  action: ConsoleAction;
}

/** What the hit regions depend on: the tanks on the overview and the alarms listed. */
export interface LayoutInput {
  tanks: readonly string[];
  /** The listed alarms, newest first, and whether each still waits for an acknowledgement. */
  alarms: readonly { id: string; needsAck: boolean }[];
}

// overview: tank tiles in rows of five below the header; the radio log fills the bottom
export const TILE_COLS = 5;
export const TILE_W = 200;
export const TILE_H = 168;
export const TILE_GAP = 4;
export const RADIO_TOP_PX = 450;

export function tileRect(i: number): Rect {
  const col = i % TILE_COLS;
  const row = Math.floor(i / TILE_COLS);
  return { x: 8 + col * (TILE_W + TILE_GAP), y: HEADER_PX + 8 + row * (TILE_H + TILE_GAP), w: TILE_W, h: TILE_H };
}

// alarms: one row each under the header, an Ack button at the right of those that need one
export const ALARM_ROW_PX = 52;
export const ALARM_ROWS = 10;
export const ACK_ALL_RECT: Rect = { x: 744, y: 6, w: 272, h: 44 };

export function alarmRowRect(i: number): Rect {
  return { x: 0, y: HEADER_PX + 4 + i * ALARM_ROW_PX, w: SCREEN_PX_W, h: ALARM_ROW_PX - 4 };
}
export function alarmAckRect(i: number): Rect {
  const r = alarmRowRect(i);
  return { x: 880, y: r.y + 2, w: 136, h: r.h - 4 };
}

// faceplate: set point steps, mode, output steps (the output only counts in manual)
export const SP_STEPS_C = [-5, -1, 1, 5] as const;
export const OP_STEPS_PCT = [-10, 10] as const;
export function spButtonRect(i: number): Rect {
  return { x: 16 + i * 168, y: 372, w: 156, h: 84 };
}
export function modeButtonRect(mode: 'auto' | 'manual'): Rect {
  return { x: mode === 'auto' ? 704 : 864, y: 372, w: 148, h: 84 };
}
export function opButtonRect(i: number): Rect {
  return { x: 16 + i * 168, y: 500, w: 156, h: 84 };
}

// trends: the time span buttons in the header's right
export const TREND_SPANS_S = [600, 3600, 8 * 3600] as const;
export function spanButtonRect(i: number): Rect {
  return { x: 640 + i * 128, y: 6, w: 120, h: 44 };
}
export const PLOT_RECT: Rect = { x: 90, y: HEADER_PX + 20, w: 910, h: 480 };

/** Every region of a screen that does something when pressed. */
export function regions(screen: ScreenId, input: LayoutInput): Region[] {
  switch (screen) {
    case 'overview':
      return input.tanks.map((tank, i) => ({ rect: tileRect(i), action: { kind: 'select', tank } }));
    case 'alarms': {
      const out: Region[] = [];
      if (input.alarms.some((a) => a.needsAck)) out.push({ rect: ACK_ALL_RECT, action: { kind: 'ackAll' } });
      input.alarms.slice(0, ALARM_ROWS).forEach((a, i) => {
        if (a.needsAck) out.push({ rect: alarmAckRect(i), action: { kind: 'ack', id: a.id } });
      });
      return out;
    }
    case 'faceplate':
      return [
        ...SP_STEPS_C.map((d, i) => ({ rect: spButtonRect(i), action: { kind: 'setpointBy', delta_C: d } as const })),
        { rect: modeButtonRect('auto'), action: { kind: 'mode', mode: 'auto' } },
        { rect: modeButtonRect('manual'), action: { kind: 'mode', mode: 'manual' } },
        ...OP_STEPS_PCT.map((d, i) => ({ rect: opButtonRect(i), action: { kind: 'outputBy', delta_pct: d } as const })),
      ];
    case 'trends':
      return TREND_SPANS_S.map((s, i) => ({ rect: spanButtonRect(i), action: { kind: 'span', span_s: s } }));
  }
}

/** A point on the screen's mesh (uv, 0..1 with v up, as three gives it) in canvas pixels (y down). */
export function uvToPx(u: number, v: number): { x: number; y: number } {
  return { x: u * SCREEN_PX_W, y: (1 - v) * SCREEN_PX_H };
}

/** The canvas point's uv: the inverse of uvToPx (tests and automation aim with it). */
export function pxToUv(x: number, y: number): { u: number; v: number } {
  return { u: x / SCREEN_PX_W, v: 1 - y / SCREEN_PX_H };
}

export const inside = (r: Rect, x: number, y: number): boolean =>
  x >= r.x && x < r.x + r.w && y >= r.y && y < r.y + r.h;

/** The action under a press at uv, or null where the screen has nothing to press. */
export function hitAt(screen: ScreenId, input: LayoutInput, u: number, v: number): ConsoleAction | null {
  const p = uvToPx(u, v);
  return regions(screen, input).find((r) => inside(r.rect, p.x, p.y))?.action ?? null;
}
