import { describe, expect, it } from 'vitest';
import { hitAt, pxToUv, regions, tileRect, uvToPx, type LayoutInput } from '../../../src/console/layout';

const TANKS = ['TK-101', 'TK-102', 'TK-103', 'TK-104', 'TK-105', 'TK-106', 'TK-107', 'TK-108', 'TK-109', 'TK-110'];
const input: LayoutInput = {
  tanks: TANKS,
  alarms: [
    { id: 'TK-104.AAHH', needsAck: true },
    { id: 'TK-101.TH', needsAck: false },
    { id: 'H-201.FLAME', needsAck: true },
  ],
};
/** A press at a canvas pixel (1024 × 640, y down), given as the uv three reports on the plane (v up). */
const at = (screen: Parameters<typeof hitAt>[0], x: number, y: number, inp = input) => {
  const { u, v } = pxToUv(x, y);
  return hitAt(screen, inp, u, v);
};

describe('console screen hit regions', () => {
  it('turns uv (v up) into canvas pixels (y down) and back', () => {
    expect(uvToPx(0, 1)).toEqual({ x: 0, y: 0 });
    expect(uvToPx(0.5, 0.25)).toEqual({ x: 512, y: 480 });
    expect(pxToUv(512, 480)).toEqual({ u: 0.5, v: 0.25 });
  });

  it('selects a tank from its overview tile, five tiles a row', () => {
    // tile 0: x 8…208, y 64…232; tile 6 (row 2, column 2): x 212…412, y 236…404
    expect(tileRect(6)).toEqual({ x: 212, y: 236, w: 200, h: 168 });
    expect(at('overview', 108, 148)).toEqual({ kind: 'select', tank: 'TK-101' });
    expect(at('overview', 312, 320)).toEqual({ kind: 'select', tank: 'TK-107' });
    expect(at('overview', 1000, 400)).toEqual({ kind: 'select', tank: 'TK-110' });
    expect(at('overview', 210, 148)).toBeNull(); // the gap between tiles 0 and 1
    expect(at('overview', 500, 600)).toBeNull(); // the radio log
  });

  it('acknowledges the alarm of the row pressed, and offers Ack only where one is waited for', () => {
    // row 2's Ack button: y 56 + 4 + 2·52 + 2 = 166 … 210, x 880 … 1016
    expect(at('alarms', 950, 188)).toEqual({ kind: 'ack', id: 'H-201.FLAME' });
    expect(at('alarms', 950, 84)).toEqual({ kind: 'ack', id: 'TK-104.AAHH' });
    expect(at('alarms', 950, 136)).toBeNull(); // row 1 is acknowledged already
    expect(at('alarms', 400, 188)).toBeNull(); // the row's text is not a button
    expect(at('alarms', 880, 28)).toEqual({ kind: 'ackAll' });
    const none: LayoutInput = { tanks: TANKS, alarms: [{ id: 'TK-101.TH', needsAck: false }] };
    expect(at('alarms', 880, 28, none)).toBeNull();
  });

  it('steps the set point, the mode and the output from the faceplate', () => {
    // set point buttons 156 wide every 168 from x 16, y 372…456
    expect(at('faceplate', 94, 414)).toEqual({ kind: 'setpointBy', delta_C: -5 });
    expect(at('faceplate', 598, 414)).toEqual({ kind: 'setpointBy', delta_C: 5 });
    expect(at('faceplate', 778, 414)).toEqual({ kind: 'mode', mode: 'auto' });
    expect(at('faceplate', 938, 414)).toEqual({ kind: 'mode', mode: 'manual' });
    expect(at('faceplate', 262, 542)).toEqual({ kind: 'outputBy', delta_pct: 10 });
    expect(at('faceplate', 500, 200)).toBeNull(); // the values are not buttons
    expect(regions('faceplate', input)).toHaveLength(8);
  });

  it('switches the trend span from the header', () => {
    expect(at('trends', 700, 28)).toEqual({ kind: 'span', span_s: 600 });
    expect(at('trends', 956, 28)).toEqual({ kind: 'span', span_s: 28800 });
    expect(at('trends', 500, 300)).toBeNull();
  });
});
