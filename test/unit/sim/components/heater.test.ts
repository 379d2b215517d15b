import { describe, expect, it } from 'vitest';
import { stepHeater } from '../../../../src/sim/components/heater';
import type { Model, SimState } from './fixtures';

// Heater: 2.5 MW, purge 60 s, minimum fire 0.3, PI kp 0.05 per K with Ti 200 s, trips at 300 °C oil and
// 450 °C stack, low flow below 5 kg/s for 20 s.
const m = {
  plant: {
    hotOil: {
      heater: {
        tag: 'H-1',
        capacity_W: 2.5e6,
        purgeTime_s: 60,
        minFiring: 0.3,
        kp: 0.05,
        ti_s: 200,
        tripOilTemp_C: 300,
        tripStackTemp_C: 450,
        lowFlowTrip_kg_s: 5,
        lowFlowDelay_s: 20,
        furnaceVolume_m3: 12,
        purgeAirFlow_m3_s: 0.9, // 4 volume changes take 53 s, inside the 60 s purge
        pilotTrial_s: 10,
        mainFlameTrial_s: 10,
        lowFireHold_s: 30,
        postPurge_s: 60,
        warmupRate_K_h: 40,
        warmupHold_C: 110,
        warmupHold_s: 1800,
        tubeId_m: 0.1,
        tubePasses: 2,
        radiantArea_m2: 1e5, // a vast radiant section: the film stays at the bulk in these tests
        peakFluxFactor: 1.8,
        maxFilm_C: 375,
      },
    },
  },
} as unknown as Model;

function plant(mode: SimState['hotOil']['heaterMode'], over: Partial<SimState['hotOil']> = {}): SimState {
  return {
    t_s: 0,
    esd: false,
    faults: [],
    events: [],
    hotOil: {
      heaterMode: mode,
      heaterTimer_s: 0,
      tripCause: '',
      firing_frac: 0,
      duty_W: 0,
      setpoint_C: 250,
      integral: 0,
      supply_C: 240,
      stack_C: 300,
      flow_kg_s: 30,
      lowFlowTimer_s: 0,
      bms: {
        phase: mode === 'running' ? 'modulating' : mode === 'purge' ? 'prePurge' : 'idle',
        phaseTimer_s: 0,
        purgeVolumes: 0,
        flame: mode === 'running',
        flameLoss_s: 0,
        relight: false,
        warmup: false,
        warmupSetpoint_C: 240,
        warmupHold_s: 0,
      },
      edge: { lowLowTrip: false, film_C: 240, filmHigh_s: 0, tubeVelocity_m_s: 0 },
      ...over,
    },
  } as unknown as SimState;
}

describe('heater burner management', () => {
  it('purge, pilot trial 10 s, main-flame trial 10 s at low fire, low-fire hold 30 s, then release to control', () => {
    const s = plant('purge');
    for (let i = 0; i < 5; i++) stepHeater(m, s, 10); // 50 s of the 60 s purge
    expect(s.hotOil.heaterMode).toBe('purge');
    expect(s.hotOil.duty_W).toBe(0);
    stepHeater(m, s, 10); // 60 s, 4.5 volume changes
    expect(s.hotOil.heaterMode).toBe('lightoff');
    expect(s.hotOil.bms.phase).toBe('pilot');
    stepHeater(m, s, 10);
    expect(s.hotOil.duty_W).toBe(0); // the pilot's heat is negligible
    expect(s.hotOil.bms.phase).toBe('mainTrial');
    stepHeater(m, s, 5);
    expect(s.hotOil.firing_frac).toBe(0.3);
    expect(s.hotOil.duty_W).toBe(0.3 * 2.5e6); // 750 kW at low fire
    stepHeater(m, s, 5);
    expect(s.hotOil.bms.phase).toBe('lowFireHold');
    for (let i = 0; i < 5; i++) stepHeater(m, s, 5); // 25 s of the 30 s hold
    expect(s.hotOil.heaterMode).toBe('lightoff');
    stepHeater(m, s, 5);
    expect(s.hotOil.heaterMode).toBe('running');
    expect(s.hotOil.integral).toBe(0.3); // bumpless: the integral starts at the light-off firing
    expect(s.events.map((e) => e.type)).toEqual(['info', 'info', 'info']);
  });
  it('modulates by PI: e 10 K → P 0.5 + I (0.3 + 0.05·10·10/200 = 0.325) = 0.825 → 2.0625 MW', () => {
    const s = plant('running', { integral: 0.3, firing_frac: 0.3 });
    stepHeater(m, s, 10);
    expect(s.hotOil.firing_frac).toBeCloseTo(0.825, 12);
    expect(s.hotOil.integral).toBeCloseTo(0.325, 12);
    expect(s.hotOil.duty_W).toBeCloseTo(2.0625e6, 3);
  });
  it('never modulates below minimum fire', () => {
    // supply 258: P = −0.4, I 0.3 − 0.05·8·1/200 = 0.298 → −0.102 → held at 0.3
    const s = plant('running', { integral: 0.3, firing_frac: 0.3, supply_C: 258 });
    stepHeater(m, s, 1);
    expect(s.hotOil.firing_frac).toBe(0.3);
  });
  it('hot standby: the burner stops 15 K above set point and stays off until the supply falls below it', () => {
    const s = plant('running', { integral: 0.3, firing_frac: 0.3, supply_C: 266 }); // 250 + 15 < 266
    stepHeater(m, s, 1);
    expect(s.hotOil.firing_frac).toBe(0);
    expect(s.hotOil.duty_W).toBe(0);
    s.hotOil.supply_C = 255; // inside the band but above set point: stays off
    stepHeater(m, s, 1);
    expect(s.hotOil.firing_frac).toBe(0);
    s.hotOil.supply_C = 249; // below set point: the relight begins with a purge, as every start does
    stepHeater(m, s, 1);
    expect(s.hotOil.heaterMode).toBe('purge');
    expect(s.hotOil.firing_frac).toBe(0);
  });
});

describe('heater trips', () => {
  it('high oil temperature trips at once and latches with its cause', () => {
    const s = plant('running', { firing_frac: 0.5, supply_C: 300 });
    stepHeater(m, s, 1);
    expect(s.hotOil.heaterMode).toBe('tripped');
    expect(s.hotOil.tripCause).toBe('high oil temperature');
    expect(s.hotOil.duty_W).toBe(0);
    s.hotOil.supply_C = 200; // cause gone: still tripped until reset
    stepHeater(m, s, 1);
    expect(s.hotOil.heaterMode).toBe('tripped');
    expect(s.events.filter((e) => e.type === 'trip')).toHaveLength(1);
  });
  it('high stack temperature and ESD are causes too', () => {
    const a = plant('running', { stack_C: 450 });
    stepHeater(m, a, 1);
    expect(a.hotOil.tripCause).toBe('high stack temperature');
    const b = plant('purge');
    b.esd = true;
    stepHeater(m, b, 1);
    expect(b.hotOil.tripCause).toBe('emergency shutdown');
  });
  it('low flow trips only after its delay: 19 s below 5 kg/s holds, 20 s trips; flow back resets the timer', () => {
    const s = plant('running', { integral: 0.3, firing_frac: 0.3, flow_kg_s: 4 });
    for (let i = 0; i < 19; i++) stepHeater(m, s, 1);
    expect(s.hotOil.heaterMode).toBe('running');
    s.hotOil.flow_kg_s = 30; // a moment of flow resets the timer
    stepHeater(m, s, 1);
    expect(s.hotOil.lowFlowTimer_s).toBe(0);
    s.hotOil.flow_kg_s = 4;
    for (let i = 0; i < 19; i++) stepHeater(m, s, 1);
    expect(s.hotOil.heaterMode).toBe('running');
    stepHeater(m, s, 1);
    expect(s.hotOil.heaterMode).toBe('tripped');
    expect(s.hotOil.tripCause).toBe('low hot-oil flow');
  });
  it('an off heater is not tripped by its causes', () => {
    const s = plant('off', { supply_C: 320 });
    stepHeater(m, s, 1);
    expect(s.hotOil.heaterMode).toBe('off');
    expect(s.events).toHaveLength(0);
  });
});
