import type { PlantData } from '../sim/plant/schema';

type Valve = PlantData['valves'][number];

/** What a valve does, which names it and which tank tag reads its position. */
export type ValveRole = 'control' | 'receipt' | 'coilBlock' | 'outlet';

export function valveRole(v: Valve): ValveRole {
  if (v.kind === 'control') return 'control';
  return v.service === 'receipt' ? 'receipt' : v.service === 'hotOil' ? 'coilBlock' : 'outlet';
}

const POSITION_TAG: Record<ValveRole, string> = {
  control: 'valve',
  receipt: 'receipt',
  coilBlock: 'block_valve',
  outlet: 'outlet',
};

/** The tag whose value is the valve's opening in %, e.g. `TK-101.block_valve`. */
export function valveTag(v: Valve): string {
  return `${v.tank}.${POSITION_TAG[valveRole(v)]}`;
}

/** The flow the valve governs: coil flow for hot-oil valves, the tank's outlet flow otherwise. */
export function valveFlowTag(v: Valve): string {
  return v.service === 'hotOil' ? `${v.tank}.coil_flow` : `${v.tank}.outlet_flow`;
}
