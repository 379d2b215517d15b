import { describe, expect, it } from 'vitest';
import { Engine } from '../../../../src/worker/engine';
import { defaultPlantRaw } from '../../../../src/sim/plant/default';
import { LiveTagState } from '../../../../src/live/tagState';
import type { TagSample } from '../../../../src/protocol/live';
import { ShadowLink, type ShadowHost } from '../../../../src/live/shadow/ShadowLink';
import { T0 } from './batch';

// The page's side of the shadow: the live tag state read a few times a second, what changed sent to the
// worker's shadow in source-time order, the residual report put in the store. The worker here is the engine
// in-process; the page clock is the test's own.

async function setup() {
  const engine = new Engine();
  expect((await engine.init(defaultPlantRaw, { physics: false })).ok).toBe(true);
  let now = T0;
  const clock = { now: () => now, advance: (ms: number) => (now += ms) };
  const tags = new LiveTagState(engine.sim.tagIndex, clock.now);
  tags.linkUp = true;
  const host: ShadowHost = {
    api: {
      shadowStart: (b) => engine.shadowStart(b),
      shadowPush: (b) => engine.shadowPush(b),
      shadowWhatIf: () => engine.shadowWhatIf(),
    },
    info: engine.info(),
    tags,
  };
  const link = new ShadowLink(host);
  const feed = (samples: TagSample[]) => tags.applyBatch({ sent_ms: now, seq: 0, samples });
  return { engine, clock, tags, link, feed };
}

const row = (link: ShadowLink, tag: string) => {
  const s = link.store.getState();
  return s.rows[s.index[tag]];
};

describe('the shadow link (page side)', () => {
  it('starts the shadow from the first live snapshot, then scores each new output sample against the model', async () => {
    const { engine, clock, link, feed } = await setup();
    await link.flush();
    expect(link.store.getState().status).toBe('waiting'); // nothing measured yet
    feed([
      { tag: 'AMB.temp', v: 20, q: 'good', ts_ms: T0 },
      { tag: 'TK-101.level', v: 8, q: 'good', ts_ms: T0 },
      { tag: 'TK-101.temp', v: 150, q: 'good', ts_ms: T0 },
    ]);
    await link.flush();
    expect(link.store.getState().status).toBe('running');
    expect(link.store.getState().t0_ms).toBe(T0);
    expect(engine.shadow).not.toBeNull();
    expect(engine.sim.state.weather.ambient_C).toBe(20);

    clock.advance(10_000);
    feed([{ tag: 'TK-101.temp', v: 151.5, q: 'good', ts_ms: T0 + 10_000 }]);
    await link.flush();
    expect(engine.sim.state.t_s).toBe(10);
    const r = row(link, 'TK-101.temp');
    expect(r.measured).toBe(151.5);
    expect(r.model).toBe(engine.sim.read('TK-101.temp'));
    expect(r.residual).toBeCloseTo(151.5 - r.model, 12);
    expect(r.n).toBe(1);
    expect(r.uncertain).toBe(false);
    expect(row(link, 'TK-102.temp').noData).toBe(true);
    // the snapshot's republished sample (same source time) is not scored twice
    feed([{ tag: 'TK-101.temp', v: 151.5, q: 'good', ts_ms: T0 + 10_000 }]);
    await link.flush();
    expect(row(link, 'TK-101.temp').n).toBe(1);
  });

  it('an input gone stale by age marks the outputs depending on it uncertain', async () => {
    const { clock, link, feed } = await setup();
    feed([
      { tag: 'AMB.temp', v: 20, q: 'good', ts_ms: T0 },
      { tag: 'TK-101.temp', v: 150, q: 'good', ts_ms: T0 },
    ]);
    await link.flush();
    clock.advance(60_000); // AMB.temp has not updated for a minute: stale (3 × 5 s)
    feed([{ tag: 'TK-101.temp', v: 150, q: 'good', ts_ms: T0 + 60_000 }]);
    await link.flush();
    const r = row(link, 'TK-101.temp');
    expect(r.uncertain).toBe(true);
    expect(r.n).toBe(0);
  });

  it('starts a new shadow when the worker restarted without one', async () => {
    const { engine, clock, link, feed } = await setup();
    feed([{ tag: 'TK-101.temp', v: 150, q: 'good', ts_ms: T0 }]);
    await link.flush();
    await engine.init(defaultPlantRaw, { physics: false }); // as a worker restart: the shadow is gone
    expect(engine.shadow).toBeNull();
    clock.advance(5000);
    feed([{ tag: 'TK-101.temp', v: 149, q: 'good', ts_ms: T0 + 5000 }]);
    await link.flush(); // the push finds no shadow
    await link.flush(); // and the next flush starts one from the live state
    expect(engine.shadow).not.toBeNull();
    expect(link.store.getState().status).toBe('running');
  });
});
