import { describe, expect, it } from 'vitest';
import plantRaw from '../../../models/default-plant.json';
import { loadPlantOrThrow } from '../../../src/sim/plant/load';
import { buildModel } from '../../../src/sim/plantIndex';
import { LiveAlarms } from '../../../src/live/liveAlarms';
import { LiveTagState } from '../../../src/live/tagState';
import { alarmedEquipment } from '../../../src/scene/alarmed';
import type { Advisory } from '../../../src/diagnose/anomaly';

// The twin's advisories as their own ISA-18.2 class in the live alarm list: listed after every process alarm,
// acknowledged like one, never flashing the plant.

const model = buildModel(loadPlantOrThrow(plantRaw));

function advisory(id: string, raised_s: number, kind: Advisory['kind'] = 'sensor'): Advisory {
  const tank = id.slice(0, id.indexOf('.'));
  const evidence = {
    tag: `${tank}.temp`,
    t_s: [raised_s - 60, raised_s],
    residual: [0.1, 0.9],
    sd: [0.3, 0.3],
    stat: [3, 17],
    cusumLimit: 16,
    ewma: [0.2, 0.9],
    ewmaLimit: 0.8,
    test: 'cusum' as const,
  };
  return {
    id,
    tank,
    tag: kind === 'sensor' ? `${tank}.temp` : undefined,
    kind,
    cause: 'drift: reads high, increasingly',
    message: `${tank}.temp sensor fault suspected`,
    since_s: raised_s - 1800,
    raised_s,
    active: true,
    evidence,
    related: [],
    shifts: [],
  };
}

function setup() {
  const tags = new LiveTagState(new Map([['TK-101.level', 0]]), () => 1_700_000_000_000);
  tags.linkUp = true;
  return new LiveAlarms(model.alarms, tags);
}

describe('live alarm list: the twin’s advisories', () => {
  it('lists an advisory as its own class, low, after the process alarms, until acknowledged and cleared', () => {
    const al = setup();
    const a = advisory('TK-101.temp.ADV_SENSOR', 1_700_000_100);
    expect(al.setAdvisories([a])).toBe(true);
    expect(al.setAdvisories([a])).toBe(false); // the same: nothing to redraw
    let v = al.views();
    expect(v.at(-1)).toMatchObject({
      id: a.id,
      tag: 'TK-101.temp',
      priority: 'low',
      alarmClass: 'advisory',
      state: 'unack',
      raisedAt_s: a.raised_s,
    });
    expect(al.advisory(a.id)?.evidence.stat).toEqual([3, 17]);
    expect(al.ack(a.id)).toBe(true);
    expect(al.ack(a.id)).toBe(false);
    expect(al.views().at(-1)!.state).toBe('ack');
    // new evidence for the same raise: stays acknowledged
    const grown = { ...a, evidence: { ...a.evidence, t_s: [...a.evidence.t_s, a.raised_s + 60] } };
    al.setAdvisories([grown]);
    expect(al.views().at(-1)!.state).toBe('ack');
    expect(al.advisory(a.id)!.evidence.t_s.length).toBe(3);
    // cleared once acknowledged: gone
    expect(al.setAdvisories([])).toBe(true);
    v = al.views();
    expect(v.some((x) => x.alarmClass === 'advisory')).toBe(false);
  });

  it('a cleared advisory not yet acknowledged returns (rtnUnack); a new raise asks again', () => {
    const al = setup();
    const a = advisory('TK-103.ADV_PROCESS', 1_700_000_100, 'process');
    al.setAdvisories([a]);
    al.setAdvisories([]);
    expect(al.views().at(-1)).toMatchObject({ id: a.id, state: 'rtnUnack', tag: 'TK-103' });
    expect(al.ackAll()).toBeGreaterThanOrEqual(1);
    expect(al.views().some((x) => x.id === a.id)).toBe(false);
    al.setAdvisories([a]);
    al.ack(a.id);
    al.setAdvisories([{ ...a, raised_s: a.raised_s + 3600 }]);
    expect(al.views().at(-1)!.state).toBe('unack');
  });

  it('an advisory never flashes the plant’s equipment', () => {
    const al = setup();
    al.setAdvisories([advisory('TK-101.temp.ADV_SENSOR', 1_700_000_100)]);
    const views = al.views();
    expect(views.some((x) => x.alarmClass === 'advisory' && x.state === 'unack')).toBe(true);
    expect(alarmedEquipment(views).has('TK-101.temp')).toBe(false);
    expect(alarmedEquipment(views).has('TK-101')).toBe(false);
  });
});
