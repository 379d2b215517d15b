import type { Mapping, TagMapping } from '../scada/mapping';
import { toEngineering } from '../scada/scaling';
import type { PlantData } from '../sim/plant/schema';

/**
 * The calibrated quantities and where they live. Per tank one block: the coil's outside-film factor
 * (`coil.heatTransferFactor`), the insulation's conductivity (`insulation.k_W_mK`) and the offset of each
 * level and temperature instrument of the tank (nuisance parameters, written to a calibrated mapping).
 * Bounds are the plant schema's; the offsets' bound is 5 % of the instrument's calibrated span.
 */

/** The per-tank instruments whose offsets are fitted, and the nominal noise their residuals are weighted by. */
export const OFFSET_QUANTITIES = ['level', 'temp', 'temp_bottom', 'temp_top', 'temp_hh'] as const;
/** The instruments the shadow builds its start state from (initFromLive): their offsets move the model too. */
export const INIT_QUANTITIES: ReadonlySet<string> = new Set(['level', 'temp', 'temp_bottom', 'temp_top']);
/** Residual weights: a typical radar gauge's and RTD's noise (the fit is insensitive to them within ×3). */
export const NOMINAL_SIGMA: Record<string, number> = { m: 0.005, '°C': 0.2 };

export type ParamKind = 'coilFactor' | 'insulationK' | 'offset';

export interface Param {
  kind: ParamKind;
  /** `TK-101.heatTransferFactor`, `TK-101.insulation_k_W_mK`, or the instrument's tag for an offset. */
  name: string;
  unit: string;
  initial: number;
  lo: number;
  hi: number;
  /** Finite-difference step (bounded: never past a bound). */
  step: number;
  /** A Gaussian prior (offsets: the instrument's stated accuracy), or none. */
  prior?: { mean: number; sd: number };
  /** An offset of an instrument the shadow takes as an input (the coil valve's position): no residual of its own. */
  input?: boolean;
}

export interface TankBlock {
  tank: string;
  index: number;
  params: Param[];
  /** Tags whose residuals this block is judged on, with their residual weight 1/σ. */
  tags: string[];
  weights: number[];
}

export interface BlockOptions {
  /** The offsets' prior sd as a fraction of the instrument's calibrated span (default 0.5 %, a typical class). */
  offsetPriorOfSpan?: number;
}

/** The blocks for the tanks asked for (default all), with only the instruments the history holds. */
export function tankBlocks(
  plant: PlantData,
  mapping: Mapping,
  has: (tag: string) => boolean,
  tanks?: readonly string[],
  o: BlockOptions = {},
): TankBlock[] {
  const mapped = new Map(mapping.tags.map((t) => [t.tag, t]));
  const priorOfSpan = o.offsetPriorOfSpan ?? 0.005;
  const out: TankBlock[] = [];
  plant.tanks.forEach((t, index) => {
    if (tanks && !tanks.includes(t.tag)) return;
    const factor = t.coil.heatTransferFactor ?? 1;
    const k = t.insulation.k_W_mK;
    const params: Param[] = [
      { kind: 'coilFactor', name: `${t.tag}.heatTransferFactor`, unit: '1', initial: factor, lo: 0.2, hi: 5, step: 0 },
      { kind: 'insulationK', name: `${t.tag}.insulation_k_W_mK`, unit: 'W/mK', initial: k, lo: 0.01, hi: 1, step: 0 },
    ];
    const tags: string[] = [];
    const weights: number[] = [];
    for (const q of OFFSET_QUANTITIES) {
      const tag = `${t.tag}.${q}`;
      const m = mapped.get(tag);
      if (!m || !has(tag)) continue;
      const span = m.range[1] - m.range[0];
      const sd = priorOfSpan * span;
      params.push({
        kind: 'offset',
        name: tag,
        unit: m.unit,
        initial: 0,
        lo: -0.05 * span,
        hi: 0.05 * span,
        step: 0,
        prior: { mean: 0, sd },
      });
      tags.push(tag);
      weights.push(1 / (NOMINAL_SIGMA[m.unit] ?? 0.01 * span));
    }
    // the coil valve's position drives the model: a closed valve that reads 0.4 % open heats the model's
    // tank all night, and the insulation would take the blame
    const valve = `${t.tag}.valve`;
    const vm = mapped.get(valve);
    if (vm && has(valve)) {
      const span = vm.range[1] - vm.range[0];
      const sd = priorOfSpan * span;
      params.push({
        kind: 'offset',
        name: valve,
        unit: vm.unit,
        initial: 0,
        lo: -0.05 * span,
        hi: 0.05 * span,
        step: 0,
        prior: { mean: 0, sd },
        input: true,
      });
    }
    for (const p of params) p.step = p.kind === 'offset' ? 0.2 * p.prior!.sd : 0.02 * Math.abs(p.initial);
    out.push({ tank: t.tag, index, params, tags, weights });
  });
  return out;
}

/** A bounded finite-difference step for value x: backwards where a forward step would leave the bounds. */
export function fdStep(p: Param, x: number): number {
  const h = Math.max(p.step, 1e-9);
  return x + h <= p.hi ? h : -Math.min(h, x - p.lo);
}

/** The plant file with the blocks' physical values in place (a copy); offsets are not the plant's. */
export function applyToPlant(
  plant: PlantData,
  blocks: readonly TankBlock[],
  theta: readonly Float64Array[],
): PlantData {
  const p = structuredClone(plant);
  blocks.forEach((b, i) => {
    const t = p.tanks[b.index];
    b.params.forEach((q, j) => {
      if (q.kind === 'coilFactor') t.coil.heatTransferFactor = round(theta[i][j], 4);
      else if (q.kind === 'insulationK') t.insulation.k_W_mK = round(theta[i][j], 5);
    });
  });
  return p;
}

/** The instrument offsets of the blocks, by tag. */
export function offsetsOf(blocks: readonly TankBlock[], theta: readonly Float64Array[]): Map<string, number> {
  const m = new Map<string, number>();
  blocks.forEach((b, i) => b.params.forEach((q, j) => q.kind === 'offset' && m.set(q.name, theta[i][j])));
  return m;
}

/**
 * The mapping with each offset taken off in the bridge's scaling: engineering = old engineering − bias.
 * A gain/offset scale moves its offset; a span scale moves both engineering ends; none becomes
 * `{gain: 1, offset: −bias}`. A unit conversion after the scale is affine, so the bias is taken back
 * through its slope first (a bias in °C is 9/5 of it in °F).
 */
export function calibratedMapping(mapping: Mapping, offsets: ReadonlyMap<string, number>): Mapping {
  const m = structuredClone(mapping);
  m.tags = m.tags.map((t) => {
    const bias = offsets.get(t.tag);
    if (bias === undefined || bias === 0) return t;
    const slope = convertSlope(t);
    const d = round(-bias / slope, 6);
    const s = t.scale;
    if (!s) return { ...t, scale: { gain: 1, offset: d } };
    if ('raw' in s) return { ...t, scale: { raw: s.raw, eng: [round(s.eng[0] + d, 6), round(s.eng[1] + d, 6)] } };
    return { ...t, scale: { gain: s.gain, offset: round(s.offset + d, 6) } };
  });
  return m;
}

function convertSlope(t: TagMapping): number {
  if (!t.convert) return 1;
  const bare: TagMapping = { ...t, scale: undefined };
  return toEngineering(bare, 1) - toEngineering(bare, 0);
}

function round(x: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}
