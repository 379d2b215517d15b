import { z } from 'zod';
import type { Model } from './plantIndex';
import type { SimState, TankState, PumpState } from './state';
import { copyProps, enthalpy } from './props/bitumen';
import { oilEnthalpy } from './props/thermalOil';
import { newAlarmRuntime } from './safety/alarms';
import { massForLevel, refreshTemperatures, zonedFractions } from './components/tank';
import { formatPath, type LoadResult } from './plant/load';
import { newProductLines } from './productLines';

/** Initial conditions that override the plant file's defaults (CLI --initial, scenarios). */
export const initialConditionsSchema = z.strictObject({
  startHour: z.number().min(0).max(24).optional(),
  weather: z
    .strictObject({
      ambientMean_C: z.number().min(-40).max(55).optional(),
      ambientSwing_K: z.number().min(0).max(30).optional(),
      wind_m_s: z.number().min(0).max(60).optional(),
      rain_mm_h: z.number().min(0).max(200).optional(),
      solarPeak_W_m2: z.number().min(0).max(1400).optional(),
      cloudCover: z.number().min(0).max(1).optional(),
      ground_C: z.number().min(-40).max(60).optional(),
    })
    .optional(),
  tanks: z
    .record(
      z.string(),
      z.strictObject({
        level_m: z.number().min(0).optional(),
        temp_C: z.number().min(0).max(260).optional(),
        setpoint_C: z.number().min(20).max(230).optional(),
        mode: z.enum(['auto', 'manual', 'cascade']).optional(),
        valve: z.number().min(0).max(1).optional(),
        outletOpen: z.boolean().optional(),
        mixerOn: z.boolean().optional(),
        water_kg: z.number().min(0).optional(),
        water_C: z.number().min(0).max(100).optional(),
      }),
    )
    .optional(),
  hotOil: z
    .strictObject({
      supply_C: z.number().min(0).max(340).optional(),
      return_C: z.number().min(0).max(340).optional(),
      heaterRunning: z.boolean().optional(),
      setpoint_C: z.number().min(100).max(330).optional(),
      pumps: z.record(z.string(), z.boolean()).optional(),
    })
    .optional(),
  loadingPumps: z.record(z.string(), z.strictObject({ speed: z.number().min(0).max(1) })).optional(),
});
export type InitialConditions = z.infer<typeof initialConditionsSchema>;

export function parseInitialConditions(raw: unknown, m: Model): LoadResult<InitialConditions> {
  const r = initialConditionsSchema.safeParse(raw);
  if (!r.success)
    return { ok: false, errors: r.error.issues.map((i) => ({ path: formatPath(i.path), message: i.message })) };
  const errors = [];
  for (const [tag, t] of Object.entries(r.data.tanks ?? {})) {
    const i = m.tankIndex.get(tag);
    if (i === undefined)
      errors.push({
        path: `tanks.${tag}`,
        message: `unknown tank; the plant has ${[...m.tankIndex.keys()].join(', ')}`,
      });
    else if (t.level_m !== undefined && t.level_m > m.tanks[i].H_m)
      errors.push({
        path: `tanks.${tag}.level_m`,
        message: `${t.level_m} m is above the shell height ${m.tanks[i].H_m} m`,
      });
  }
  for (const tag of Object.keys(r.data.hotOil?.pumps ?? {}))
    if (!m.hotOilPumpIndex.has(tag)) errors.push({ path: `hotOil.pumps.${tag}`, message: 'unknown hot-oil pump' });
  for (const tag of Object.keys(r.data.loadingPumps ?? {}))
    if (!m.loadingPumpIndex.has(tag)) errors.push({ path: `loadingPumps.${tag}`, message: 'unknown loading pump' });
  return errors.length ? { ok: false, errors } : { ok: true, value: r.data };
}

function newPump(running: boolean, speed = 1): PumpState {
  return { running, speed_frac: speed, flow_m3_s: 0, dp_Pa: 0, reliefOpen: false };
}

export function createState(m: Model, init: InitialConditions = {}, seed = 1): SimState {
  const p = m.plant;
  const w = { ...p.weather, ...init.weather };
  const n = m.layers;
  const tanks: TankState[] = m.tanks.map((tm) => {
    const d = tm.data;
    const ic = init.tanks?.[tm.tag] ?? {};
    const tC = ic.temp_C ?? d.initial.temp_C;
    const props = copyProps(m.productProps.get(d.product)!);
    const mode = ic.mode ?? d.control.mode;
    const valve = ic.valve ?? 0;
    const tank: TankState = {
      mass_kg: 0,
      h_J_kg: new Array<number>(n).fill(enthalpy(props, tC)),
      layerMass_frac: new Array<number>(n).fill(1 / n),
      T_C: new Array<number>(n).fill(tC),
      props,
      roof_C: tC - 20,
      water_kg: ic.water_kg ?? 0,
      water_C: ic.water_C ?? w.ambientMean_C,
      drainOpen: false,
      valvePos_frac: valve,
      valveTarget_frac: valve,
      blockPos_frac: 1,
      coilFlow_kg_s: 0,
      coilFriction: 0,
      coilDuty_W: 0,
      coilOut_C: tC,
      coilExposed: false,
      fouling_m2K_W: 0,
      heatLoss_W: 0,
      crust: false,
      highTempTrip: false,
      lowLevelCut: false,
      outletPos_frac: ic.outletOpen ? 1 : 0,
      outletTarget_frac: ic.outletOpen ? 1 : 0,
      receiptPos_frac: 0,
      receiptTarget_frac: 0,
      receiptFlow_kg_s: 0,
      receiptTemp_C: 0,
      outFlow_kg_s: 0,
      mixerOn: ic.mixerOn ?? d.mixer !== null,
      h2s_ppm: 0,
      steam_kg_s: 0,
      frothOver: false,
      pid: {
        mode,
        setpoint_C: ic.setpoint_C ?? d.control.setpoint_C,
        workingSetpoint_C: tC,
        integral: 0,
        output_frac: valve,
        innerIntegral: 0,
      },
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
    };
    const level = ic.level_m ?? d.initial.level_m;
    tank.mass_kg = massForLevel(tm, tank, level, tC);
    zonedFractions(tm, n, level, tank.layerMass_frac);
    refreshTemperatures(tank);
    return tank;
  });
  const ho = p.hotOil;
  const heaterOn = init.hotOil?.heaterRunning ?? true;
  const supply = init.hotOil?.supply_C ?? (heaterOn ? ho.heater.supplySetpoint_C : w.ambientMean_C);
  const ret = init.hotOil?.return_C ?? (heaterOn ? supply - 20 : supply);
  const pumps = ho.pumps.map((pp) => newPump(init.hotOil?.pumps?.[pp.tag] ?? pp.role === 'duty'));
  const state: SimState = {
    t_s: 0,
    step: 0,
    startHour_h: init.startHour ?? w.startHour,
    rng: seed >>> 0,
    weather: {
      ambientMean_C: w.ambientMean_C,
      ambientSwing_K: w.ambientSwing_K,
      wind_m_s: w.wind_m_s,
      rain_mm_h: w.rain_mm_h,
      solarPeak_W_m2: w.solarPeak_W_m2,
      cloudCover_frac: w.cloudCover,
      ambient_C: w.ambientMean_C,
      solar_W_m2: 0,
      ground_C: w.ground_C,
    },
    tanks,
    hotOil: {
      heaterMode: heaterOn ? 'running' : 'off',
      heaterTimer_s: 0,
      tripCause: '',
      firing_frac: heaterOn ? 0.5 : 0,
      duty_W: 0,
      setpoint_C: init.hotOil?.setpoint_C ?? ho.heater.supplySetpoint_C,
      integral: heaterOn ? 0.5 : 0,
      hHeater_J_kg: oilEnthalpy(supply),
      hReturn_J_kg: oilEnthalpy(ret),
      mReturn_kg: ho.inventory_kg - ho.heater.holdup_kg,
      supply_C: supply,
      return_C: ret,
      stack_C: ret,
      flow_kg_s: 0,
      bypassFlow_kg_s: 0,
      headerDp_Pa: 0,
      lowFlowTimer_s: 0,
      pumps,
      changeoverTimer_s: 0,
      expansionLevel_frac: 0,
      bms: {
        phase: heaterOn ? 'modulating' : 'idle',
        phaseTimer_s: 0,
        purgeVolumes: 0,
        flame: heaterOn,
        flameLoss_s: 0,
        relight: false,
        warmup: false,
        warmupSetpoint_C: supply,
        warmupHold_s: 0,
      },
      edge: {
        npshA_m: 0,
        gas_frac: 0,
        suction_frac: 1,
        viscosityHead_frac: 1,
        viscosityFlow_frac: 1,
        cavitation_s: 0,
        lowLowTrip: false,
        tubeVelocity_m_s: 0,
        film_C: supply,
        filmHigh_s: 0,
      },
    },
    oilIngress: tanks.map(() => ({ oil_kg: 0, flammable: false, fire: false })),
    productLines: newProductLines(
      m,
      tanks.map((t) => t.T_C[0]),
    ),
    loadingPumps: p.loading.pumps.map((pp) => newPump(false, init.loadingPumps?.[pp.tag]?.speed ?? 1)),
    gearPumps: p.loading.pumps.map(() => ({ dryRun_s: 0, damaged: false, npsha_m: 0 })),
    bund: { mass_kg: 0, energy_J: 0, temp_C: w.ambientMean_C, solid: false, tank: -1 },
    loadingHeaderFlow_m3_s: 0,
    arms: m.arms.map(() => ({
      position: 'parked',
      preset_kg: 0,
      metered_kg: 0,
      overfillTrip: false,
      frothOver: false,
      truck: {
        present: false,
        capacity_m3: p.loading.truckCapacity_m3,
        mass_kg: 0,
        energy_J: 0,
        volume_m3: 0,
        temp_C: 0,
        water_kg: 0,
        wetBy: 0,
      },
    })),
    bays: m.bays.map(() => ({ estop: false, fire_frac: 0, extinguishing: false, extinguisherAgent_s: 60 })),
    transfer: { active: false, from: 0, to: 0, flow_kg_s: 0, actual_kg_s: 0 },
    esd: false,
    faults: [],
    nextFaultId: 1,
    instruments: m.instruments.map(() => ({ value: 0, drift: 0, bad: false })),
    alarms: m.alarms.map(newAlarmRuntime),
    events: [],
    acc: {
      heaterDuty_J: 0,
      tankLoss_J: 0,
      oilLoss_J: 0,
      mixerWork_J: 0,
      steam_J: 0,
      receiptIn_J: 0,
      receiptIn_kg: 0,
      loadedOut_J: 0,
      loadedOut_kg: 0,
      waterVented_kg: 0,
      spilled_kg: 0,
      spilled_J: 0,
      fuel_J: 0,
    },
  };
  return state;
}
