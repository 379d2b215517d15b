import { describe, expect, it } from 'vitest';
import plantRaw from '../../../models/default-plant.json';
import { loadPlantOrThrow } from '../../../src/sim/plant/load';
import { buildModel } from '../../../src/sim/plantIndex';
import { buildTags } from '../../../src/sim/tags';
import { createState } from '../../../src/sim/initial';
import { watchedTag } from '../../../src/sim/safety/alarmTags';
import { LiveAlarms, LINK_ALARM_ID } from '../../../src/live/liveAlarms';
import { LiveTagState } from '../../../src/live/tagState';
import { LiveFeed } from '../../../src/live/feed';
import { createLiveStore } from '../../../src/live/liveStore';
import { liveTopics, type TagSample } from '../../../src/protocol/live';
import { LiveClient } from '../../../src/live/LiveClient';
import { HEADER_LEN, type AlarmView, type Frame } from '../../../src/protocol/frame';

// The real plant's alarms from the model's definitions, against measured tags. Hand-worked limits of TK-101 in
// the default plant (shell 14 m, levelHigh_frac 0.9, levelHighHigh_frac 0.925, cut-out 1.2 m):
//   LAH  = 0.9 · 14 = 12.6 m, deadband 0.05 m (returns below 12.55 m), on-delay 2 s, off-delay 10 s, high
//   LAHH = 0.925 · 14 = 12.95 m (the switch's trip point, the radar standing in), critical
//   LAL  = 1.2 + 0.3 = 1.5 m, LALL = 1.2 m
// H-201 TAH = trip 300 − 15 = 285 °C; V-201 LAL = 0.15 of the tag's % (scale 0.01).

const model = buildModel(loadPlantOrThrow(plantRaw));
const TAGS = ['TK-101.level', 'TK-101.temp', 'TK-101.temp_hh', 'H-201.supply_temp', 'V-201.level', 'AMB.temp'];
const SKEW_MS = 3_600_000; // the bridge's clock runs an hour ahead of the page's: alarm times are the bridge's
const tp = liveTopics('site1', 'terminal');

function setup() {
  let now = 1_700_000_000_000;
  let seq = 0;
  const tags = new LiveTagState(new Map(TAGS.map((t, i) => [t, i])), () => now);
  tags.linkUp = true;
  const alarms = new LiveAlarms(model.alarms, tags);
  const feed = new LiveFeed(tags, createLiveStore('http://st'), tp);
  let last: Partial<TagSample>[] = [];
  const send = (samples: Partial<TagSample>[]) => {
    last = samples;
    const ts_ms = now + SKEW_MS;
    const full = samples.map((s) => ({ q: 'good', ts_ms, ...s }));
    const r = feed.route(tp.tags, JSON.stringify({ sent_ms: ts_ms, seq: seq++, samples: full }));
    alarms.update(now); // as the client does on every batch
    return r;
  };
  /** Advance the page clock by ms in steps of 1 s, the bridge repeating the last samples, evaluating each second. */
  const run = (ms: number, repeat = true) => {
    for (let k = 0; k < ms / 1000; k++) {
      now += 1000;
      if (repeat) send(last);
      alarms.update(now);
    }
  };
  const view = (id: string) => alarms.views().find((a) => a.id === id);
  const state = (id: string) => view(id)?.state ?? 'normal';
  return { tags, alarms, send, run, view, state, now: () => now };
}

describe('live alarms from the model’s definitions', () => {
  it('takes the model’s limit alarms of the measured tags with its ids, tags, priorities and limits', () => {
    const { alarms } = setup();
    const d = (id: string) => alarms.defs.find((x) => x.id === id);
    expect(d('TK-101.LAH')).toMatchObject({ tag: 'LT-101', priority: 'high', sense: 'high', deadband: 0.05 });
    expect(d('TK-101.LAH')!.limit).toBeCloseTo(12.6, 12);
    expect(d('TK-101.LAHH')).toMatchObject({ tag: 'LT-101', priority: 'critical', sense: 'high' });
    expect(d('TK-101.LAHH')!.limit).toBeCloseTo(12.95, 12);
    expect(d('TK-101.LAL')!.limit).toBeCloseTo(1.5, 12);
    expect(d('TK-101.LALL')!.limit).toBeCloseTo(1.2, 12);
    expect(d('TK-101.TAHH')).toMatchObject({ tag: 'TT-101', priority: 'critical', limit: 200 });
    expect(d('TK-101.TSHH')).toMatchObject({ tag: 'TT-101B', priority: 'critical', limit: 200 });
    expect(d('TK-101.TAL')).toMatchObject({ limit: 135, suppressedBy: alarms.defs.indexOf(d('TK-101.LALL')!) });
    expect(d('H-201.TAH')).toMatchObject({ limit: 285, priority: 'high' });
    expect(d('V-201.LAL')).toMatchObject({ limit: 0.15, scale: 0.01 });
    // tags the plant does not measure here (H2S, TK-102) and the model's own flags give none
    expect(d('TK-101.AAH')).toBeUndefined();
    expect(d('TK-102.LAH')).toBeUndefined();
    expect(d('TK-101.XA_COIL')).toBeUndefined();
    expect(d('TK-101.level.XA_BADPV')).toMatchObject({ priority: 'low', tag: 'TK-101.level' });
  });

  it('every marked alarm reads exactly its plant tag (× scale) in the model', () => {
    const tags = new Map(buildTags(model).map((t) => [t.name, t]));
    const s = createState(model);
    let n = 0;
    for (const d of model.alarms) {
      const w = watchedTag(d);
      if (!w || w.standIn) continue;
      expect(tags.has(w.tag), w.tag).toBe(true);
      expect(d.read(s), d.id).toBe(tags.get(w.tag)!.read(s) * w.scale);
      n++;
    }
    expect(n).toBeGreaterThan(50);
  });

  it('a level above LAH raises it after its on-delay, stamped with the bridge’s time; ack; returns below limit − deadband', () => {
    const { send, run, view, state, now } = setup();
    send([{ tag: 'TK-101.level', v: 12.7 }]);
    run(1000);
    expect(state('TK-101.LAH')).toBe('normal'); // 1 s of the 2 s on-delay
    run(1000);
    expect(view('TK-101.LAH')).toMatchObject({ state: 'unack', priority: 'high', tag: 'LT-101' });
    expect(view('TK-101.LAH')!.raisedAt_s).toBe((now() + SKEW_MS) / 1000);
    expect(view('TK-101.LAH')!.message).toBe('TK-101 level high (10 % ullage)');
    expect(state('TK-101.LAHH')).toBe('normal'); // 12.7 < 12.95
  });

  it('acknowledging changes the state; inside the deadband it stays; below it returns after the off-delay', () => {
    const { alarms, send, run, state } = setup();
    send([{ tag: 'TK-101.level', v: 12.7 }]);
    run(3000);
    expect(state('TK-101.LAH')).toBe('unack');
    expect(alarms.ack('TK-101.LAH')).toBe(true);
    expect(state('TK-101.LAH')).toBe('ack');
    expect(alarms.ack('TK-101.LAH')).toBe(false);
    send([{ tag: 'TK-101.level', v: 12.56 }]); // below the limit, above 12.55: still active
    run(20_000);
    expect(state('TK-101.LAH')).toBe('ack');
    send([{ tag: 'TK-101.level', v: 12.54 }]);
    run(9000);
    expect(state('TK-101.LAH')).toBe('ack'); // 9 s of the 10 s off-delay
    run(1000);
    expect(state('TK-101.LAH')).toBe('normal');
    // unacknowledged, it returns to 'rtnUnack' and waits for the operator
    send([{ tag: 'TK-101.level', v: 12.7 }]);
    run(3000);
    send([{ tag: 'TK-101.level', v: 12 }]);
    run(10_000);
    expect(state('TK-101.LAH')).toBe('rtnUnack');
    expect(alarms.ackAll()).toBe(1);
    expect(state('TK-101.LAH')).toBe('normal');
  });

  it('a stale level raises its bad-measurement alarm and holds the level alarm', () => {
    const { alarms, send, run, state, view } = setup();
    send([{ tag: 'TK-101.level', v: 12.7 }]);
    run(3000);
    alarms.ackAll();
    run(16_000, false); // no update: stale past 3 × 5 s
    expect(view('TK-101.level.XA_BADPV')).toMatchObject({ state: 'unack', priority: 'low' });
    expect(view('TK-101.level.XA_BADPV')!.message).toMatch(/stale/);
    expect(state('TK-101.LAH')).toBe('ack'); // held, not cleared
    // a bad value far below every limit neither clears LAH nor raises LAL / LALL
    send([{ tag: 'TK-101.level', v: 1.0, q: 'bad', reason: 'out of range' }]);
    run(30_000);
    expect(state('TK-101.LAH')).toBe('ack');
    expect(state('TK-101.LAL')).toBe('normal');
    expect(state('TK-101.LALL')).toBe('normal');
    // good again: the measurement alarm returns (unacknowledged), the level alarm goes on from its state
    send([{ tag: 'TK-101.level', v: 12.7 }]);
    run(1000);
    expect(state('TK-101.level.XA_BADPV')).toBe('rtnUnack');
    expect(state('TK-101.LAH')).toBe('ack');
  });

  it('a lost link is one alarm, not one per tag, and holds the rest', () => {
    const { tags, send, run, state, alarms } = setup();
    send([
      { tag: 'TK-101.level', v: 12.7 },
      { tag: 'TK-101.temp', v: 160 },
    ]);
    run(3000);
    tags.linkUp = false;
    run(30_000);
    expect(state(LINK_ALARM_ID)).toBe('unack');
    expect(state('TK-101.level.XA_BADPV')).toBe('normal');
    expect(state('TK-101.LAH')).toBe('unack');
    expect(alarms.views().length).toBe(2);
  });

  it('ignores a malformed message and a tag the plant does not have', () => {
    const { alarms, send, run, tags } = setup();
    expect(send([{ tag: 'TK-999.level', v: 99 }]).ok).toBe(true);
    expect(tags.unknown.get('TK-999.level')).toBe(1);
    expect(send([{ tag: 'TK-101.level', v: 'high' as unknown as number }]).ok).toBe(false);
    run(30_000);
    expect(alarms.views()).toEqual([]);
  });

  it('a tank at its low-low level has no standing low-temperature alarm (the model’s designed suppression)', () => {
    const { send, run, state } = setup();
    send([
      { tag: 'TK-101.level', v: 1.0 },
      { tag: 'TK-101.temp', v: 90 },
    ]);
    run(60_000);
    expect(state('TK-101.LALL')).toBe('unack');
    expect(state('TK-101.TAL')).toBe('normal');
    send([
      { tag: 'TK-101.level', v: 8 },
      { tag: 'TK-101.temp', v: 90 },
    ]);
    run(60_000);
    expect(state('TK-101.TAL')).toBe('unack');
  });
});

describe('the live client’s alarm list', () => {
  it('shows the plant’s alarms, not the model’s, and acknowledges them locally', async () => {
    let now = 1_700_000_000_000;
    const c = new LiveClient(null, 'http://st', { now: () => now });
    c.tagIndex = new Map(TAGS.map((t, i) => [t, i]));
    const tags = c.attach(model.plant);
    tags.linkUp = true;
    const frame = (alarms?: AlarmView[]) =>
      (c as unknown as { onFrame(f: Frame): void }).onFrame({
        values: new Float64Array(HEADER_LEN),
        events: [],
        alarms,
      });
    const modelAlarm: AlarmView = {
      id: 'TK-101.TAH',
      tag: 'TT-101',
      priority: 'high',
      state: 'unack',
      message: 'TK-101 temperature high',
      raisedAt_s: 5,
    };
    frame([modelAlarm]);
    expect(c.store.getState().alarms).toEqual([]);
    for (let k = 0; k < 3; k++) {
      tags.applyBatch({ sent_ms: now, seq: k, samples: [{ tag: 'TK-101.level', v: 12.7, q: 'good', ts_ms: now }] });
      frame([modelAlarm]);
      now += 1000;
    }
    frame();
    expect(c.store.getState().alarms.map((a) => [a.id, a.state])).toEqual([['TK-101.LAH', 'unack']]);
    expect(await c.command({ type: 'ackAlarm', id: 'TK-101.LAH' })).toEqual({ ok: true });
    expect(c.store.getState().alarms.map((a) => [a.id, a.state])).toEqual([['TK-101.LAH', 'ack']]);
    expect((await c.command({ type: 'ackAll' })).ok).toBe(true);
    expect((await c.command({ type: 'shelveAlarm', id: 'TK-101.LAH', duration_s: 600 })).ok).toBe(false);
  });
});
