import { z } from 'zod';

// The plant file's schema. Strict objects, so a misspelt field is reported rather than ignored.
const num = z.number();
const pos = z.number().positive();
const nonNeg = z.number().nonnegative();
const frac = z.number().min(0).max(1);
const tag = z.string().regex(/^[A-Z0-9][A-Z0-9/-]*$/, 'must be an upper-case tag such as TK-101');
const xz = z.strictObject({ x: num, z: num });
const point3 = z.tuple([num, num, num]);
const size3 = z.strictObject({ x: pos, y: pos, z: pos });

/** A band [min, max]; min below max. */
const band = (x: z.ZodNumber) =>
  z.strictObject({ min: x, max: x }).refine((b) => b.min < b.max, { message: 'min must be below max', path: ['max'] });

/** What a product must be when it is loaded (src/productQuality): the loading temperature band, the viscosity band there. */
export const productSpecSchema = z.strictObject({
  loadingTemp_C: band(z.number().min(0).max(260)),
  /** Dynamic viscosity at the loading temperature, Pa·s (the Walther fit's, as the model computes it). */
  viscosity_Pa_s: band(z.number().positive()).optional(),
  /** Where the numbers come from. */
  source: z.string().optional(),
});

export const productSchema = z.strictObject({
  id: z.string().min(1),
  name: z.string().min(1),
  kind: z.enum(['bitumen', 'pma']),
  rho25_kg_m3: z.number().min(900).max(1200),
  expansion_1_K: z.number().min(0).max(2e-3),
  cp25_J_kgK: z.number().min(1000).max(3000),
  cpSlope_J_kgK2: z.number().min(0).max(10),
  k_W_mK: z.number().min(0.05).max(0.5),
  viscosity: z.strictObject({ A: num, B: z.number().negative() }),
  powerLawIndex: z.number().gt(0).max(1),
  referenceShearRate_1_s: pos.optional(),
  softeningPoint_C: num,
  flashPoint_C: num,
  color: z.string().regex(/^#[0-9a-fA-F]{6}$/, 'must be a colour such as #2b2b2b'),
  spec: productSpecSchema.optional(),
});

export const tankSchema = z.strictObject({
  tag,
  name: z.string().min(1),
  product: z.string().min(1),
  diameter_m: z.number().min(2).max(100),
  shellHeight_m: z.number().min(2).max(40),
  position: xz,
  shellThickness_m: z.number().min(0.003).max(0.05),
  insulation: z.strictObject({
    thickness_m: z.number().min(0).max(0.5),
    k_W_mK: z.number().min(0.01).max(1),
    claddingEmissivity: frac,
    claddingAbsorptivity: frac,
  }),
  roof: z.strictObject({
    slope_deg: z.number().min(0).max(45),
    vapourFilm_W_m2K: pos,
    steelThickness_m: pos,
    ventTag: tag,
    hatchTag: tag,
  }),
  ringWallHeight_m: nonNeg,
  coil: z.strictObject({
    turns: z.number().int().min(1).max(10),
    ringDiameterFraction: z.number().min(0.2).max(0.95),
    turnHeights_m: z.array(nonNeg).min(1),
    od_m: pos,
    id_m: pos,
    valveTag: tag,
    valveKv_m3h: pos,
    valveStrokeTime_s: pos,
    blockValveTag: tag,
    /** Site calibration on the outside-film correlation (src/sim/README.md, "Coil heat transfer"); 1 = as published. */
    heatTransferFactor: z.number().min(0.2).max(5).optional(),
  }),
  // a side-entry tank mixer draws 5–75 kW (estimate); a megawatt would be no mixer but a boiler
  mixer: z.strictObject({ tag, power_kW: pos.max(1000) }).nullable(),
  instruments: z.strictObject({
    level: tag,
    levelSwitchHH: tag,
    temperature: tag,
    h2s: tag,
    tempPoints: z.array(tag).length(5),
    /** The safety system's own high-high temperature element; default: the control transmitter's tag + "B". */
    temperatureSafety: tag.optional(),
  }),
  alarms: z.strictObject({
    levelHigh_frac: frac,
    levelHighHigh_frac: frac,
    levelLowCutout_m: nonNeg,
    tempHigh_C: num,
    tempHighHigh_C: num,
    tempLow_C: num,
    h2sHigh_ppm: pos,
    h2sHighHigh_ppm: pos,
  }),
  control: z.strictObject({
    tag,
    setpoint_C: z.number().min(20).max(230),
    kp: nonNeg,
    ti_s: pos,
    mode: z.enum(['auto', 'manual', 'cascade']),
    rampLimit_K_min: pos,
    feedForward: nonNeg,
  }),
  outletValve: tag,
  receiptValve: tag,
  initial: z.strictObject({ level_m: nonNeg, temp_C: z.number().min(0).max(260) }),
  /** The vessel's edges; each field has a default (plantIndex.ts) so older plant files load. */
  vessel: z
    .strictObject({
      outletNozzle_m: nonNeg.optional(), // centre of the outlet nozzle above the floor: the heel below it
      overflow_m: pos.optional(), // overflow nozzle / vent: product above it runs to the bund
      loadingStop_m: nonNeg.optional(), // low-level loading stop (interlock), measured level
      designPressure_mbar: pos.optional(), // cone roof, API 2000 / EN 14015
      designVacuum_mbar: pos.optional(),
    })
    .optional(),
});

const heaterSchema = z.strictObject({
  tag,
  capacity_W: pos,
  efficiency: z.number().gt(0).max(1),
  supplySetpoint_C: z.number().min(100).max(330),
  holdup_kg: pos,
  kp: nonNeg,
  ti_s: pos,
  minFiring: frac,
  tripOilTemp_C: num,
  tripStackTemp_C: num,
  lowFlowTrip_kg_s: nonNeg,
  lowFlowDelay_s: nonNeg,
  purgeTime_s: nonNeg,
  position: xz,
  // burner management (PHYSICS.md §8): pre-purge of ≥ 4 volume changes of the combustion chamber and flue
  furnaceVolume_m3: pos.default(12),
  purgeAirFlow_m3_s: pos.default(0.9),
  pilotTrial_s: z.number().min(1).max(30).default(10),
  mainFlameTrial_s: z.number().min(1).max(30).default(10),
  lowFireHold_s: nonNeg.default(30),
  postPurge_s: nonNeg.default(60),
  // cold start (PHYSICS.md §8): tens of K per hour, a hold near 100–120 °C while water boils off
  warmupRate_K_h: pos.default(40),
  warmupHold_C: z.number().min(80).max(150).default(110),
  warmupHold_s: nonNeg.default(1800),
  // tubes: film temperature limit of the oil (PHYSICS.md §8: T66 max film 375 °C)
  tubeId_m: pos.default(0.1),
  tubePasses: z.number().int().min(1).max(16).default(2),
  radiantArea_m2: pos.default(80),
  peakFluxFactor: z.number().min(1).max(3).default(1.8),
  maxFilm_C: z.number().min(200).max(450).default(375),
  minTubeVelocity_m_s: nonNeg.default(2),
});

const hotOilSchema = z.strictObject({
  oil: z.string(),
  heater: heaterSchema,
  pumps: z
    .array(
      z.strictObject({
        tag,
        shutoff_bar: pos,
        maxFlow_m3h: pos,
        role: z.enum(['duty', 'standby']),
        position: xz,
        npshRequired_m: pos.default(3),
        speed_rpm: pos.default(2950),
      }),
    )
    .min(1),
  autoChangeover: z.boolean(),
  changeoverDelay_s: nonNeg,
  heaterResistance_bar_per_m3h2: pos,
  bypassKv_m3h: nonNeg,
  expansionTank: z.strictObject({
    tag,
    volume_m3: pos,
    diameter_m: pos,
    elevation_m: num,
    lowLevel_frac: frac,
    lowLowLevel_frac: frac.default(0.05),
    position: xz,
  }),
  inventory_kg: pos,
  loopVolume_m3: pos,
  loopLossUA_W_K: nonNeg,
  branchPipe: z.strictObject({ length_m: pos, dn_mm: pos }),
});

const armSchema = z.strictObject({ tag, pump: tag, meter: tag, overfillProbe: tag, position: xz });
const baySchema = z.strictObject({
  tag,
  position: xz,
  estop: tag,
  extinguisher: tag,
  fireDetector: tag,
  arms: z.array(armSchema).min(1),
});

const loadingSchema = z.strictObject({
  header: z.strictObject({ tag, dn_mm: pos, length_m: pos, jacketed: z.boolean() }),
  truckCapacity_m3: pos,
  truckTopHeight_m: pos,
  pumps: z.array(
    z.strictObject({
      tag,
      displacement_m3_rev: pos,
      maxSpeed_rpm: pos,
      reliefSetting_bar: pos,
      slipCoefficient: frac,
      jacketed: z.boolean(),
    }),
  ),
  stations: z
    .array(
      z.strictObject({
        tag,
        bounds: z.strictObject({ x0: num, x1: num, z0: num, z1: num }),
        bays: z.array(baySchema).min(1),
      }),
    )
    .min(1),
  weighbridge: z.strictObject({ tag, position: xz }),
});

export const plantSchema = z.strictObject({
  schemaVersion: z.literal(1),
  name: z.string().min(1),
  description: z.string(),
  geoReference: z.strictObject({
    latitude: z.number().min(-90).max(90),
    longitude: z.number().min(-180).max(180),
    xAxisHeading_deg: z.number().min(0).max(360),
    example: z.boolean(),
    note: z.string(),
  }),
  simulation: z.strictObject({ layers: z.number().int().min(3).max(50), dt_s: z.number().gt(0).max(10) }),
  weather: z.strictObject({
    ambientMean_C: z.number().min(-40).max(55),
    ambientSwing_K: nonNeg,
    wind_m_s: z.number().min(0).max(60),
    rain_mm_h: nonNeg,
    solarPeak_W_m2: z.number().min(0).max(1400),
    cloudCover: frac,
    startHour: z.number().min(0).max(24),
    ground_C: z.number().min(-40).max(60),
    /** Design winter ambient, °C: the coldest air the heating must hold the tanks against (default: mean − swing). */
    designAmbient_C: z.number().min(-60).max(55).optional(),
  }),
  products: z.array(productSchema).min(1),
  tanks: z.array(tankSchema).min(1),
  hotOil: hotOilSchema,
  loading: loadingSchema,
  transfer: z.strictObject({ pump: tag, maxFlow_kg_s: pos }),
  /** Things a person carries: the bays' extinguishers are added from the bays themselves. */
  portables: z
    .array(z.strictObject({ tag, kind: z.enum(['gasDetector', 'extinguisher']), name: z.string(), position: xz }))
    .default([]),
  pipes: z.array(
    z.strictObject({
      tag,
      service: z.enum(['hotOilSupply', 'hotOilReturn', 'product']),
      dn_mm: pos,
      jacketed: z.boolean(),
      insulated: z.boolean(),
      flowTag: z
        .string()
        .regex(/^[A-Z0-9-]+\.[a-z_0-9]+$/, 'must name a tag such as TK-101.coil_flow')
        .optional(),
      route: z.array(point3).min(2),
    }),
  ),
  valves: z.array(
    z.strictObject({
      tag,
      kind: z.enum(['control', 'onOff']),
      service: z.enum(['hotOil', 'product', 'receipt']),
      tank: tag,
      position: point3,
      turnsToOpen: nonNeg,
      motorOperated: z.boolean(),
    }),
  ),
  bund: z.strictObject({ x0: num, x1: num, z0: num, z1: num, height_m: pos }),
  pipeRack: z.strictObject({ z: num, x0: num, x1: num, height_m: pos, width_m: pos }),
  buildings: z.array(
    z.strictObject({
      tag,
      name: z.string(),
      kind: z.enum(['heaterHouse', 'controlRoom', 'musterPoint', 'other']),
      position: xz,
      size: size3,
    }),
  ),
  roads: z.array(z.strictObject({ tag, width_m: pos, route: z.array(point3).min(2) })),
});

export type PlantData = z.infer<typeof plantSchema>;
export type TankData = PlantData['tanks'][number];
export type ProductData = PlantData['products'][number];
export type ProductSpec = z.infer<typeof productSpecSchema>;
