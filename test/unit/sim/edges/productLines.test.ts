import { describe, expect, it } from 'vitest';
import { plantCopy } from '../../helpers';
import { Simulation } from '../../../../src/sim/simulation';
import { alarmStateName } from '../../../../src/sim/safety/alarms';

// Product lines that freeze (PHYSICS.md §8): a node per line and arm; a failed jacket lets a stopped line
// cool; below the pumping limit a pump started against it lifts its relief and trips until re-heated.

const alarm = (s: Simulation, id: string) => alarmStateName(s.state.alarms[s.model.alarmIndex.get(id)!], s.state.t_s);

function lineUp(s: Simulation) {
  s.command({ type: 'setValve', tag: 'XV-101', opening: 1 });
  s.command({ type: 'truckArrive', arm: 'LA-1A' });
  s.command({ type: 'setArm', arm: 'LA-1A', position: 'lowered' });
  s.step(4); // dt 10: 40 s for the MOV
}

describe('product lines', () => {
  it('a line whose jacket failed cools while stopped and becomes a plug within hours', () => {
    const s = new Simulation(plantCopy(), { dt_s: 10 });
    expect(s.read('L-1A.temp')).toBeGreaterThan(150);
    s.command({ type: 'injectFault', fault: { kind: 'lineHeatingFailure', line: 'L-1A' } });
    s.runUntil(2 * 3600);
    expect(s.read('L-1A.plugged')).toBe(0);
    s.runUntil(8 * 3600);
    expect(s.read('L-1A.temp')).toBeLessThan(110);
    expect(s.read('L-1A.plugged')).toBe(1);
    expect(s.read('L-1B.plugged')).toBe(0); // its jacket holds it warm
    expect(alarm(s, 'L-1A.XA_PLUG')).toBe('unack');
  }, 30000);
  it('pumping against the plug lifts the relief and trips; re-heated, the line pumps again', () => {
    const s = new Simulation(plantCopy(), { dt_s: 10 });
    s.command({ type: 'injectFault', fault: { kind: 'lineHeatingFailure', line: 'L-1A' } });
    s.runUntil(8 * 3600);
    lineUp(s);
    expect(s.command({ type: 'setPump', tag: 'P-301', run: true }).ok).toBe(true);
    s.step(2);
    expect(s.read('P-301.running')).toBe(0);
    const trip = s.state.events.find((e) => e.type === 'trip' && e.tag === 'P-301');
    expect(trip?.type === 'trip' && trip.cause).toMatch(/L-1A plugged/);
    // jacket repaired: an hour or two of re-heating, then the pump moves product
    s.command({ type: 'clearAllFaults' });
    s.runUntil(s.state.t_s + 3 * 3600);
    expect(s.read('L-1A.plugged')).toBe(0);
    s.command({ type: 'setPump', tag: 'P-301', run: true });
    s.step(3);
    expect(s.read('P-301.running')).toBe(1);
    expect(s.read('P-301.flow')).toBeGreaterThan(20);
  }, 30000);
  it('an unknown line is refused', () => {
    const s = new Simulation(plantCopy());
    expect(s.command({ type: 'injectFault', fault: { kind: 'lineHeatingFailure', line: 'L-9Z' } }).ok).toBe(false);
  });
});
