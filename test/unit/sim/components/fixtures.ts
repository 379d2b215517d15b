import type { Simulation } from '../../../../src/sim/simulation';
import type { BitumenProps } from '../../../../src/sim/props/bitumen';

// Small hand-built inputs for the component tests: round numbers, so every expected value can be worked
// out on paper. The types come from the Simulation so a move of the plant-index module does not touch them.

export type Model = Simulation['model'];
export type TankModel = Model['tanks'][number];
export type SimState = Simulation['state'];
export type TankState = SimState['tanks'][number];

/** A product with constant cp 2000 J/kg·K (h = 2000·(T − 25)) and ρ = 1000·(1 − 0.001·(T − 25)). */
export function simpleProps(over: Partial<BitumenProps> = {}): BitumenProps {
  return {
    rho25_kg_m3: 1000,
    expansion_1_K: 0.001,
    cp25_J_kgK: 2000,
    cpSlope_J_kgK2: 0,
    k_W_mK: 0.5,
    viscA: 9.6722, // the 60/70 Walther fit of PHYSICS.md §1
    viscB: -3.547,
    powerLawIndex: 1,
    referenceShearRate_1_s: 10,
    softeningPoint_C: 50,
    flashPoint_C: 250,
    ...over,
  };
}

/** A tank state of `temps.length` equal-mass layers holding `mass_kg`, enthalpies consistent with simpleProps. */
export function tankState(mass_kg: number, temps: number[], over: Partial<TankState> = {}): TankState {
  const props = over.props ?? simpleProps();
  const h = temps.map((t) => props.cp25_J_kgK * (t - 25) + 0.5 * props.cpSlope_J_kgK2 * (t - 25) ** 2);
  return {
    mass_kg,
    h_J_kg: h,
    layerMass_frac: temps.map(() => 1 / temps.length),
    T_C: [...temps],
    props,
    roof_C: 20,
    water_kg: 0,
    water_C: 20,
    drainOpen: false,
    valvePos_frac: 0,
    valveTarget_frac: 0,
    blockPos_frac: 1,
    coilFlow_kg_s: 0,
    coilFriction: 0,
    coilDuty_W: 0,
    coilOut_C: 0,
    coilExposed: false,
    fouling_m2K_W: 0,
    heatLoss_W: 0,
    crust: false,
    highTempTrip: false,
    lowLevelCut: false,
    outletPos_frac: 0,
    outletTarget_frac: 0,
    receiptPos_frac: 0,
    receiptTarget_frac: 0,
    receiptFlow_kg_s: 0,
    receiptTemp_C: 0,
    outFlow_kg_s: 0,
    mixerOn: false,
    h2s_ppm: 0,
    steam_kg_s: 0,
    frothOver: false,
    pid: { mode: 'auto', setpoint_C: 160, workingSetpoint_C: 160, integral: 0, output_frac: 0, innerIntegral: 0 },
    vessel: {
      suctionLost: false,
      overflow_kg_s: 0,
      overflowing: false,
      vapourGauge_Pa: 0,
      roofSeamTorn: false,
      shellBuckled: false,
      laggingSoaked_kg: 0,
      laggingFireRisk: false,
      loadingStop: false,
    },
    ...over,
  };
}

/** A hand-built tank model: only the fields a component reads need be given. */
export function tankModel(fields: Record<string, unknown>): TankModel {
  return fields as unknown as TankModel;
}

export function weatherState(w: Partial<SimState['weather']>, t_s = 0, startHour = 0): SimState {
  return {
    t_s,
    startHour_h: startHour,
    weather: {
      ambientMean_C: 10,
      ambientSwing_K: 0,
      wind_m_s: 0,
      rain_mm_h: 0,
      solarPeak_W_m2: 0,
      cloudCover_frac: 0,
      ambient_C: 10,
      solar_W_m2: 0,
      ground_C: 10,
      ...w,
    },
    faults: [], // no insulation damage: the plant's own wall resistance
  } as unknown as SimState;
}
