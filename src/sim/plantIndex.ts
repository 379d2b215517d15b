// The plant index: the plant data resolved once into arrays and lookup maps (tags → indices, derived
// geometry, instruments, alarms), so the step never searches by name. Immutable after buildModel, except
// `scratch`, the step's working arrays, sized from this plant.
import type { PlantData, ProductData, TankData } from './plant/schema';
import { hydraulicData, type HydraulicData } from './plant/hydraulicData';
import { coilZone } from './plant/coilZone';
import type { BitumenProps } from './props/bitumen';
import { buildAlarms, type AlarmDef } from './safety/alarmDefs';
import { createScratch, type StepScratch } from './scratch';

export const STEEL_K_W_MK = 45; // carbon steel, handbook value
export const STEEL_CP_J_KGK = 500; // carbon steel, handbook value
export const STEEL_RHO_KG_M3 = 7850; // carbon steel, handbook value
export const H_INSIDE_WALL_W_M2K = 50; // bitumen-side film at the wall, estimate; gives U_wall ≈ 0.48 in PHYSICS.md §3
export const K_SOIL_W_MK = 1.0; // PHYSICS.md §3 (0.5–2)

export function productProps(p: ProductData): BitumenProps {
  return {
    rho25_kg_m3: p.rho25_kg_m3,
    expansion_1_K: p.expansion_1_K,
    cp25_J_kgK: p.cp25_J_kgK,
    cpSlope_J_kgK2: p.cpSlope_J_kgK2,
    k_W_mK: p.k_W_mK,
    viscA: p.viscosity.A,
    viscB: p.viscosity.B,
    powerLawIndex: p.powerLawIndex,
    referenceShearRate_1_s: p.referenceShearRate_1_s ?? 10,
    softeningPoint_C: p.softeningPoint_C,
    flashPoint_C: p.flashPoint_C,
  };
}

export interface TankModel {
  index: number;
  data: TankData;
  tag: string;
  D_m: number;
  area_m2: number;
  H_m: number;
  /** Conductive resistance of wall + insulation + inside film, m²K/W (outside film added per step). */
  rWallFixed: number;
  floorH_W_m2K: number; // 8·k_soil/(π·D), PHYSICS.md §3
  roofArea_m2: number;
  roofC_J_K: number;
  turnLength_m: number;
  turnArea_m2: number;
  turnHeights_m: number[];
  /** Top of the product below the coil (the lowest tube's underside), m: the bottom layer. */
  deadZoneTop_m: number;
  /** Top of the coil zone (the top tube's upper side), m: the second layer (components/tank.ts). */
  coilZoneTop_m: number;
  coilLength_m: number;
  cutout_m: number;
  levelHigh_m: number;
  levelHH_m: number;
  mixerPower_W: number;
  /** The vessel's edges (plant data `vessel`, defaults in vesselDefaults). */
  nozzle_m: number;
  overflow_m: number;
  loadingStop_m: number;
  designPressure_Pa: number;
  designVacuum_Pa: number;
  /** Indices into the instrument arrays, resolved once (the step's hot path does no string lookups). */
  insLevel: number;
  insLevelHH: number;
  insTemp: number;
  /** The independent high-high temperature element of the safety system (not the control PV). */
  insTempSafety: number;
}

export type InstrumentKind = 'level' | 'temp' | 'tempPoint' | 'h2s' | 'levelSwitch' | 'tempSafety';
export interface InstrumentDef {
  tag: string;
  unit: string;
  kind: InstrumentKind;
  tank: number;
  point: number; // for tempPoint: 0..4
  description: string;
}

export interface Model {
  plant: PlantData;
  layers: number;
  tanks: TankModel[];
  tankIndex: Map<string, number>;
  productProps: Map<string, BitumenProps>;
  hotOilPumpIndex: Map<string, number>;
  loadingPumpIndex: Map<string, number>;
  arms: {
    tag: string;
    bay: number;
    pump: number;
    data: PlantData['loading']['stations'][number]['bays'][number]['arms'][number];
  }[];
  armIndex: Map<string, number>;
  bays: { tag: string; data: PlantData['loading']['stations'][number]['bays'][number] }[];
  bayIndex: Map<string, number>;
  instruments: InstrumentDef[];
  instrumentIndex: Map<string, number>;
  alarms: AlarmDef[];
  alarmIndex: Map<string, number>;
  /** Every valve tag → what it moves. */
  valves: Map<string, { kind: 'coil' | 'coilBlock' | 'outlet' | 'receipt'; tank: number }>;
  /** Pumps' and valves' data-sheet values in SI (the plant file keeps bar and m³/h). */
  hydraulics: HydraulicData;
  /** Working arrays of the step, allocated once here and sized from the plant; no value survives a step. */
  scratch: StepScratch;
}

export const NOZZLE_DEFAULT_M = 0.25; // outlet nozzle centre above the floor, typical
export const OVERFLOW_BELOW_TOP_M = 0.1; // overflow nozzle just under the roof-to-shell joint, typical
export const LOADING_STOP_ABOVE_NOZZLE_M = 0.5; // submergence the pumps need, typical
export const DESIGN_PRESSURE_MBAR = 20; // cone roof, PHYSICS.md §8
export const DESIGN_VACUUM_MBAR = 5; // cone roof, PHYSICS.md §8

function vesselDefaults(t: TankData) {
  const v = t.vessel ?? {};
  const nozzle = v.outletNozzle_m ?? NOZZLE_DEFAULT_M;
  return {
    nozzle_m: nozzle,
    overflow_m: Math.min(v.overflow_m ?? t.shellHeight_m - OVERFLOW_BELOW_TOP_M, t.shellHeight_m),
    loadingStop_m: v.loadingStop_m ?? nozzle + LOADING_STOP_ABOVE_NOZZLE_M,
    designPressure_Pa: (v.designPressure_mbar ?? DESIGN_PRESSURE_MBAR) * 100,
    designVacuum_Pa: (v.designVacuum_mbar ?? DESIGN_VACUUM_MBAR) * 100,
  };
}

function buildTank(t: TankData, index: number): TankModel {
  const D = t.diameter_m;
  const area = (Math.PI * D * D) / 4;
  const ringD = t.coil.ringDiameterFraction * D;
  const turnLength = Math.PI * ringD;
  const slope = (t.roof.slope_deg * Math.PI) / 180;
  const roofArea = area / Math.cos(slope);
  const top = Math.max(...t.coil.turnHeights_m);
  return {
    index,
    data: t,
    tag: t.tag,
    D_m: D,
    area_m2: area,
    H_m: t.shellHeight_m,
    rWallFixed:
      1 / H_INSIDE_WALL_W_M2K + t.shellThickness_m / STEEL_K_W_MK + t.insulation.thickness_m / t.insulation.k_W_mK,
    floorH_W_m2K: (8 * K_SOIL_W_MK) / (Math.PI * D),
    roofArea_m2: roofArea,
    // roof plate plus the shell above a typical liquid line; the vapour itself is negligible
    roofC_J_K: roofArea * t.roof.steelThickness_m * STEEL_RHO_KG_M3 * STEEL_CP_J_KGK,
    turnLength_m: turnLength,
    turnArea_m2: Math.PI * t.coil.od_m * turnLength,
    turnHeights_m: [...t.coil.turnHeights_m].sort((a, b) => a - b),
    ...coilZone(t),
    coilLength_m: turnLength * t.coil.turns,
    cutout_m: Math.max(t.alarms.levelLowCutout_m, top + 0.1),
    levelHigh_m: t.alarms.levelHigh_frac * t.shellHeight_m,
    levelHH_m: t.alarms.levelHighHigh_frac * t.shellHeight_m,
    mixerPower_W: t.mixer ? t.mixer.power_kW * 1000 : 0,
    ...vesselDefaults(t),
    insLevel: -1,
    insLevelHH: -1,
    insTemp: -1,
    insTempSafety: -1,
  };
}

/** The independent high-high temperature element's tag: the plant's, or the control transmitter's + "B". */
export function safetyTempTag(t: TankData): string {
  return t.instruments.temperatureSafety ?? `${t.instruments.temperature}B`;
}

export function buildModel(plant: PlantData): Model {
  const tanks = plant.tanks.map(buildTank);
  const tankIndex = new Map(tanks.map((t, i) => [t.tag, i]));
  const products = new Map(plant.products.map((p) => [p.id, productProps(p)]));
  const loadingPumpIndex = new Map(plant.loading.pumps.map((p, i) => [p.tag, i]));
  const bays: Model['bays'] = [];
  const arms: Model['arms'] = [];
  for (const st of plant.loading.stations)
    for (const b of st.bays) {
      const bi = bays.length;
      bays.push({ tag: b.tag, data: b });
      for (const a of b.arms) arms.push({ tag: a.tag, bay: bi, pump: loadingPumpIndex.get(a.pump)!, data: a });
    }
  const instruments: InstrumentDef[] = [];
  tanks.forEach((t, i) => {
    const ins = t.data.instruments;
    instruments.push({
      tag: ins.level,
      unit: 'm',
      kind: 'level',
      tank: i,
      point: 0,
      description: `${t.tag} radar level`,
    });
    instruments.push({
      tag: ins.levelSwitchHH,
      unit: '0/1',
      kind: 'levelSwitch',
      tank: i,
      point: 0,
      description: `${t.tag} independent high-high level switch`,
    });
    instruments.push({
      tag: ins.temperature,
      unit: '°C',
      kind: 'temp',
      tank: i,
      point: 0,
      description: `${t.tag} mean of the 25/50/75 % points (control PV)`,
    });
    ins.tempPoints.forEach((p, k) =>
      instruments.push({
        tag: p,
        unit: '°C',
        kind: 'tempPoint',
        tank: i,
        point: k,
        description: `${t.tag} temperature at ${['0.5 m', '25 %', '50 %', '75 % of liquid', 'vapour space'][k]}`,
      }),
    );
    instruments.push({
      tag: ins.h2s,
      unit: 'ppm',
      kind: 'h2s',
      tank: i,
      point: 0,
      description: `${t.tag} H2S at the roof hatch`,
    });
  });
  // the safety system's own sensors after every control instrument, so the control indices stay as they were
  tanks.forEach((t, i) =>
    instruments.push({
      tag: safetyTempTag(t.data),
      unit: '°C',
      kind: 'tempSafety',
      tank: i,
      point: 0,
      description: `${t.tag} independent high-high temperature element (safety system)`,
    }),
  );
  const instrumentIndex = new Map(instruments.map((d, i) => [d.tag, i]));
  for (const t of tanks) {
    t.insLevel = instrumentIndex.get(t.data.instruments.level)!;
    t.insLevelHH = instrumentIndex.get(t.data.instruments.levelSwitchHH)!;
    t.insTemp = instrumentIndex.get(t.data.instruments.temperature)!;
    t.insTempSafety = instrumentIndex.get(safetyTempTag(t.data))!;
  }
  const alarms = buildAlarms(plant, tanks, instrumentIndex);
  const valves: Model['valves'] = new Map();
  tanks.forEach((t, i) => {
    valves.set(t.data.coil.valveTag, { kind: 'coil', tank: i });
    valves.set(t.data.coil.blockValveTag, { kind: 'coilBlock', tank: i });
    valves.set(t.data.outletValve, { kind: 'outlet', tank: i });
    valves.set(t.data.receiptValve, { kind: 'receipt', tank: i });
  });
  return {
    plant,
    layers: plant.simulation.layers,
    tanks,
    tankIndex,
    productProps: products,
    hotOilPumpIndex: new Map(plant.hotOil.pumps.map((p, i) => [p.tag, i])),
    loadingPumpIndex,
    arms,
    armIndex: new Map(arms.map((a, i) => [a.tag, i])),
    bays,
    bayIndex: new Map(bays.map((b, i) => [b.tag, i])),
    instruments,
    instrumentIndex,
    alarms,
    alarmIndex: new Map(alarms.map((a, i) => [a.id, i])),
    valves,
    hydraulics: hydraulicData(plant),
    scratch: createScratch(
      tanks.map((t) => t.turnHeights_m.length),
      arms.length,
      plant.simulation.layers,
    ),
  };
}
