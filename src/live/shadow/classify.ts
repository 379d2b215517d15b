import type { PlantData } from '../../sim/plant/schema';

/**
 * Which plant tags drive the shadow model and which it is judged on: the one place that says so.
 *
 * Inputs are the plant's boundary as the control system measures it (weather, the hot-oil supply
 * temperature, metered product flows, valve positions, pump run states); the shadow takes them as given.
 * Outputs are what the model predicts from them (levels, temperatures, the oil loop's response); each is
 * compared with its measurement. A tag that is neither (alarm flags, the model's own internals) is shown
 * but not scored. Each output names the inputs it depends on, so that a bad or stale input marks that
 * output's residual uncertain and keeps it out of the validation score.
 */

export type InputKind =
  | 'ambient'
  | 'wind'
  | 'rain'
  | 'solar'
  | 'supplyTemp'
  | 'hotOilPump'
  | 'receiptFlow'
  | 'outletFlow'
  | 'coilValve'
  | 'blockValve'
  | 'mixer'
  | 'tankSetpoint'
  | 'heaterSetpoint';

export interface ShadowInput {
  tag: string;
  kind: InputKind;
  /** The tank or hot-oil pump it belongs to (index in the plant's list); −1 for plant-wide inputs. */
  index: number;
}

export interface ShadowOutput {
  tag: string;
  /** Indexes into `inputs` of the inputs this output depends on. */
  dependsOn: readonly number[];
}

export interface ShadowTags {
  inputs: readonly ShadowInput[];
  outputs: readonly ShadowOutput[];
  /** Tag name → index in inputs / outputs. */
  inputIndex: ReadonlyMap<string, number>;
  outputIndex: ReadonlyMap<string, number>;
}

/** Per tank: the inputs measured at the tank. Setpoints do not move the shadow (its valve is forced); a what-if starts with them. */
const TANK_INPUTS: readonly [string, InputKind][] = [
  ['receipt_flow', 'receiptFlow'],
  ['outlet_flow', 'outletFlow'],
  ['valve', 'coilValve'],
  ['block_valve', 'blockValve'],
  ['mixer', 'mixer'],
  ['setpoint', 'tankSetpoint'],
];
/** Per tank: what the model predicts and the plant measures. */
const TANK_OUTPUTS = [
  'level',
  'temp',
  'temp_bottom',
  'temp_top',
  'temp_hh',
  'temp_vapour',
  'coil_flow',
  'coil_duty',
  'coil_out_temp',
];
/** The heater's predicted quantities (its supply temperature is an input). */
const HEATER_OUTPUTS = ['return_temp', 'duty', 'firing', 'stack_temp', 'flow', 'fuel'];

export function classifyTags(plant: PlantData): ShadowTags {
  const inputs: ShadowInput[] = [];
  const outputs: ShadowOutput[] = [];
  const H = plant.hotOil.heater.tag;
  const addIn = (tag: string, kind: InputKind, index = -1) => inputs.push({ tag, kind, index }) - 1;
  const plantWide = [
    addIn('AMB.temp', 'ambient'),
    addIn('AMB.wind', 'wind'),
    addIn('AMB.rain', 'rain'),
    addIn('AMB.solar', 'solar'),
    addIn(`${H}.supply_temp`, 'supplyTemp'),
    ...plant.hotOil.pumps.map((p, i) => addIn(`${p.tag}.running`, 'hotOilPump', i)),
  ];
  addIn(`${H}.setpoint`, 'heaterSetpoint');
  const perTank = plant.tanks.map((t, i) => TANK_INPUTS.map(([q, kind]) => addIn(`${t.tag}.${q}`, kind, i)));
  plant.tanks.forEach((t, i) => {
    const deps = [...plantWide, ...perTank[i]];
    for (const q of TANK_OUTPUTS) outputs.push({ tag: `${t.tag}.${q}`, dependsOn: deps });
  });
  // the loop's return, flow and duty answer to every coil on it
  const all = inputs.map((_, k) => k);
  for (const q of HEATER_OUTPUTS) outputs.push({ tag: `${H}.${q}`, dependsOn: all });
  outputs.push({ tag: 'HO.header_dp', dependsOn: all }, { tag: 'HO.bypass_flow', dependsOn: all });
  for (const p of plant.hotOil.pumps) outputs.push({ tag: `${p.tag}.flow`, dependsOn: all });
  outputs.push({ tag: `${plant.hotOil.expansionTank.tag}.level`, dependsOn: all });
  return {
    inputs,
    outputs,
    inputIndex: new Map(inputs.map((x, k) => [x.tag, k])),
    outputIndex: new Map(outputs.map((x, k) => [x.tag, k])),
  };
}

/** Quality codes as sent to the worker, in the order of protocol/live.ts QUALITIES. */
export const Q_GOOD = 0;
export const Q_UNCERTAIN = 1;
export const Q_BAD = 2;
export const Q_STALE = 3;

/** A sample the shadow may take as an input: a value, and not bad or stale (an uncertain one is used but marks its outputs). */
export function usable(q: number, v: number): boolean {
  return (q === Q_GOOD || q === Q_UNCERTAIN) && Number.isFinite(v);
}
