import { readFileSync } from 'node:fs';
import { parseMapping, type Mapping } from '../../../src/scada/mapping';
import { defaultPlant } from '../../../src/sim/plant/default';
import type { PlantData } from '../../../src/sim/plant/schema';
import { hiddenFromSeed, type Hidden } from '../../../src/virtualPlant/hidden';
import { VirtualPlant } from '../../../src/virtualPlant/plant';
import type { HistorianStore } from '../../../src/historian/types';
import type { TagSample } from '../../../src/protocol/live';
import { RECEIPT_ABOVE_SETPOINT_K } from '../../../src/plantView/receipt';

// The virtual plant the calibration is tested on: the design plant file as the twin knows it, and a "real"
// plant that differs from it the way a terminal a few years on does (fouled coils, wet lagging, a heater
// below its nameplate efficiency, instruments off by their calibration), measured with noise. Both windows
// (calibration, then validation) carry set-point changes and transfers so that the parameters show.

/** A fixed source time: tests never read the clock. */
export const T0_MS = Date.UTC(2026, 10, 1, 0, 0, 0);
export const HOUR_MS = 3_600_000;
export const SAMPLE_MS = 60_000;

/** The design plant file (a copy: defaultPlant() is shared). */
export function nominalPlant(): PlantData {
  return structuredClone(defaultPlant());
}

/** The mapping, plus the heater's fuel input (a gas meter): without it the efficiency cannot be seen. */
export function testMapping(): Mapping {
  const raw = JSON.parse(
    readFileSync(new URL('../../../models/scada/virtual-plant.json', import.meta.url), 'utf8'),
  ) as { tags: unknown[] };
  raw.tags.push({
    tag: 'H-201.fuel',
    source: 'scada',
    address: { nodeId: 'ns=1;s=H-201.fuel' },
    unit: 'kW',
    range: [0, 4000],
    rate_ms: 1000,
  });
  const r = parseMapping(raw);
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.value;
}

/** What the real plant has that the plant file does not say. */
export function truePlant(): PlantData {
  const p = structuredClone(defaultPlant());
  p.hotOil.heater.efficiency = 0.8; // the nameplate says 0.85
  p.tanks[2].coil.heatTransferFactor = 0.75; // TK-103: a coil that never did what the correlation says
  return p;
}

export const HIDDEN_TANKS: Hidden['tanks'] = {
  'TK-101': { fouling_m2K_W: 0.006, insulationFactor: 2.5 },
  'TK-102': { fouling_m2K_W: 0, insulationFactor: 1.8 },
  'TK-103': { fouling_m2K_W: 0, insulationFactor: 1 },
  'TK-104': { fouling_m2K_W: 0.004, insulationFactor: 1 },
  'TK-105': { fouling_m2K_W: 0, insulationFactor: 3 },
};

/**
 * The hidden file: the tanks above; every analog instrument's bias as seed 7 draws it (±0.5 % of span), and
 * noise of a good transmitter: 0.15 K on temperatures, 3 mm on levels, 0.5 % of span elsewhere at most.
 */
export function hidden(plant: PlantData, mapping: Mapping): Hidden {
  const h = hiddenFromSeed(7, plant, mapping);
  h.tanks = { ...HIDDEN_TANKS };
  for (const [tag, s] of Object.entries(h.sensors)) {
    const unit = mapping.tags.find((t) => t.tag === tag)!.unit;
    if (unit === '°C') s.sigma = 0.05;
    if (tag.endsWith('.level')) s.sigma = 0.002;
    // flow meters cut off at low flow (a transmitter's or the DCS's low-flow cut-off): no bias and no noise
    // at zero flow, so a metered receipt or draw that is not running reads 0, as on a real site
    if (unit === 'kg/s') s.bias = s.sigma = 0;
    if (tag.endsWith('.fuel') || tag.endsWith('.duty')) s.bias = 0; // energy meters read true (a calibrated meter)
  }
  return h;
}

function ok(r: { ok: boolean; reason?: string }, what: string): void {
  if (!r.ok) throw new Error(`${what}: ${r.reason}`);
}

/** Set-point steps and transfers: both windows excite every tank (cool-downs show the insulation, heat-ups the coil). */
export function schedule(vp: VirtualPlant, hour: number): void {
  const tanks = vp.sim.model.plant.tanks;
  tanks.forEach((t, i) => {
    const base = t.control.setpoint_C;
    const sign = i % 2 === 0 ? 1 : -1;
    const steps: [number, number][] = [
      [1 + 0.5 * i, base + 12 * sign],
      [18 + 0.5 * i, base - 10 * sign],
      [37 + 0.5 * i, base + 12 * sign],
      [49 + 0.5 * i, base - 10 * sign],
    ];
    for (const [h, sp] of steps)
      if (hour === h) vp.sim.command({ type: 'setSetpoint', tag: t.control.tag, value_C: sp });
  });
  // receipts (metered into the tank) and transfers out to the slop tank (metered out of the source; the
  // slop tank's own inflow through the transfer line is no shadow input, so TK-110's level is not judged)
  const receipts: [number, number, string][] = [
    [4, 6, 'TK-102'],
    [9, 11, 'TK-105'],
    [39, 41, 'TK-101'],
    [44, 46, 'TK-103'],
  ];
  for (const [from, to, tank] of receipts) {
    const i = tanks.findIndex((t) => t.tag === tank);
    const temp_C = tanks[i].control.setpoint_C + RECEIPT_ABOVE_SETPOINT_K;
    if (hour === from) ok(vp.sim.command({ type: 'startReceipt', tank, flow_kg_s: 20, temp_C }), tank);
    if (hour === to) ok(vp.sim.command({ type: 'stopReceipt', tank }), tank);
  }
  const transfers: [number, number, string][] = [
    [13, 15, 'TK-101'],
    [24, 26, 'TK-104'],
    [48, 50, 'TK-102'],
    [53, 55, 'TK-105'],
  ];
  for (const [from, to, tank] of transfers) {
    if (hour === from) ok(vp.sim.command({ type: 'startTransfer', from: tank, to: 'TK-110', flow_kg_s: 20 }), tank);
    if (hour === to) ok(vp.sim.command({ type: 'stopTransfer' }), tank);
  }
}

/** Run the virtual plant for `hours` from T0, sampling every mapped tag each minute into the store. */
export async function record(store: HistorianStore, vp: VirtualPlant, hours: number, dt_s: number): Promise<void> {
  const plantId = vp.mapping.plant;
  const stepsPerSample = Math.round(SAMPLE_MS / 1000 / dt_s);
  let seq = 0;
  let samples: TagSample[] = [];
  const total = (hours * HOUR_MS) / SAMPLE_MS;
  for (let k = 0; k <= total; k++) {
    const ts = T0_MS + k * SAMPLE_MS;
    if (k > 0) vp.step(stepsPerSample, ts);
    if ((ts - T0_MS) % (HOUR_MS / 2) === 0) schedule(vp, (ts - T0_MS) / HOUR_MS);
    for (let j = 0; j < vp.tags.length; j++) {
      const s = vp.valueAt(j);
      samples.push({ tag: vp.tags[j].tag, v: s.v, q: s.status === 'good' ? 'good' : 'bad', ts_ms: ts });
    }
    if (samples.length > 20_000 || k === total) {
      await store.write([{ plant: plantId, batch: { sent_ms: ts, seq: seq++, samples } }]);
      samples = [];
    }
  }
}
