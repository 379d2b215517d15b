import type { Model } from './plantIndex';
import { productLineDefs } from './productLines';
import type { SimState } from './state';
import { level_m, meanTemp_C } from './components/tank';
import { density, viscosity } from './props/bitumen';
import { m3sToM3h, paToBar } from './units';
import { globsMatcher } from './glob';
import { addEdgeTags } from './edgeTags';
import { heaterEfficiency } from './faultEffects';
import { addTuningTags } from './control/tune/tags';
import { mpcSupplySetpoint_C } from './control/mpc/farm';

/** A readable quantity of the plant: `<equipment>.<quantity>` with its unit. */
export interface TagDef {
  name: string;
  unit: string;
  description: string;
  read: (s: SimState) => number;
}

const b = (x: boolean) => (x ? 1 : 0);
const HEATER_MODES = ['off', 'purge', 'lightoff', 'running', 'tripped'] as const;
const BURNER_PHASES = [
  'idle',
  'prePurge',
  'pilot',
  'mainTrial',
  'lowFireHold',
  'modulating',
  'standby',
  'postPurge',
] as const;

/** Every tag of the plant, in a stable order (the order of the worker's published array). */
export function buildTags(m: Model): TagDef[] {
  const out: TagDef[] = [];
  const add = (name: string, unit: string, description: string, read: (s: SimState) => number) =>
    out.push({ name, unit, description, read });
  add('AMB.temp', '°C', 'ambient air temperature', (s) => s.weather.ambient_C);
  add('AMB.wind', 'm/s', 'wind speed', (s) => s.weather.wind_m_s);
  add('AMB.rain', 'mm/h', 'rain rate', (s) => s.weather.rain_mm_h);
  add('AMB.solar', 'W/m²', 'global solar irradiance', (s) => s.weather.solar_W_m2);
  m.tanks.forEach((tm, i) => {
    const T = tm.tag;
    const ins = tm.data.instruments;
    const k = (tag: string) => m.instrumentIndex.get(tag)!;
    const kl = k(ins.level);
    const kt = k(ins.temperature);
    const kb = k(ins.tempPoints[0]);
    const ktop = k(ins.tempPoints[3]);
    const kh = k(ins.h2s);
    add(`${T}.level`, 'm', `${T} level (radar ${ins.level})`, (s) => s.instruments[kl].value);
    add(`${T}.level_true`, 'm', `${T} true level from mass and ρ(T)`, (s) => level_m(tm, s.tanks[i]));
    add(`${T}.level_pct`, '%', `${T} level as % of shell height`, (s) => (100 * s.instruments[kl].value) / tm.H_m);
    add(
      `${T}.temp`,
      '°C',
      `${T} temperature (${ins.temperature}, mean of 25/50/75 % points)`,
      (s) => s.instruments[kt].value,
    );
    add(
      `${T}.temp_hh`,
      '°C',
      `${T} independent high-high temperature element (${m.instruments[tm.insTempSafety].tag}, safety system)`,
      (s) => s.instruments[tm.insTempSafety].value,
    );
    add(`${T}.temp_bad`, '0/1', `${T} ${ins.temperature} bad quality (out of range)`, (s) => b(s.instruments[kt].bad));
    add(`${T}.temp_mean`, '°C', `${T} true mass-mean temperature`, (s) => meanTemp_C(s.tanks[i]));
    add(
      `${T}.temp_bottom`,
      '°C',
      `${T} temperature 0.5 m above the floor (${ins.tempPoints[0]})`,
      (s) => s.instruments[kb].value,
    );
    add(
      `${T}.temp_top`,
      '°C',
      `${T} temperature at 75 % of the liquid (${ins.tempPoints[3]})`,
      (s) => s.instruments[ktop].value,
    );
    add(`${T}.temp_vapour`, '°C', `${T} vapour-space / roof temperature`, (s) => s.tanks[i].roof_C);
    add(`${T}.mass`, 'kg', `${T} product mass`, (s) => s.tanks[i].mass_kg);
    add(`${T}.volume15`, 'm³', `${T} volume at 15 °C`, (s) => s.tanks[i].mass_kg / density(s.tanks[i].props, 15));
    add(`${T}.heat_loss`, 'kW', `${T} heat loss to ambient and ground`, (s) => s.tanks[i].heatLoss_W / 1000);
    add(`${T}.coil_duty`, 'kW', `${T} heat from the hot-oil coil`, (s) => s.tanks[i].coilDuty_W / 1000);
    add(`${T}.coil_flow`, 'kg/s', `${T} hot-oil flow through the coil`, (s) => s.tanks[i].coilFlow_kg_s);
    add(`${T}.coil_out_temp`, '°C', `${T} coil oil outlet temperature`, (s) => s.tanks[i].coilOut_C);
    add(`${T}.valve`, '%', `${tm.data.coil.valveTag} opening`, (s) => 100 * s.tanks[i].valvePos_frac);
    add(
      `${T}.block_valve`,
      '%',
      `${tm.data.coil.blockValveTag} (coil block valve) opening`,
      (s) => 100 * s.tanks[i].blockPos_frac,
    );
    add(`${T}.setpoint`, '°C', `${tm.data.control.tag} set point`, (s) => s.tanks[i].pid.setpoint_C);
    add(
      `${T}.mode`,
      '0/1/2',
      `${tm.data.control.tag} mode (0 manual, 1 auto, 2 cascade, 3 MPC)`,
      (s) => ({ manual: 0, auto: 1, cascade: 2, mpc: 3 })[s.tanks[i].pid.mode],
    );
    add(
      `${T}.mpc_status`,
      '0/1/2',
      `${tm.data.control.tag} MPC status (0 not under MPC, 1 MPC acting, 2 fell back to PI)`,
      (s) => s.mpc?.tanks[i].status ?? 0,
    );
    add(
      `${T}.mpc_valve`,
      '%',
      `${tm.data.control.tag} valve opening the MPC chose (the PI output when not under MPC)`,
      (s) =>
        s.mpc && s.tanks[i].pid.mode === 'mpc' ? 100 * s.mpc.tanks[i].valve_frac : 100 * s.tanks[i].pid.output_frac,
    );
    add(
      `${T}.mpc_predicted`,
      '°C',
      `${tm.data.control.tag} temperature the MPC predicts 12 h ahead (the measurement when none stands)`,
      (s) => (s.mpc && s.mpc.tanks[i].predictedAt_s >= 0 ? s.mpc.tanks[i].predictedEnd_C : s.instruments[kt].value),
    );
    addTuningTags(add, T, tm.data.control.tag, tm.data.control);
    add(`${T}.outlet`, '%', `${tm.data.outletValve} opening`, (s) => 100 * s.tanks[i].outletPos_frac);
    add(`${T}.receipt`, '%', `${tm.data.receiptValve} opening`, (s) => 100 * s.tanks[i].receiptPos_frac);
    add(
      `${T}.outlet_flow`,
      'kg/s',
      `${T} flow out through ${tm.data.outletValve} or the transfer line`,
      (s) => s.tanks[i].outFlow_kg_s,
    );
    add(
      `${T}.receipt_flow`,
      'kg/s',
      `${T} receipt flow`,
      (s) => s.tanks[i].receiptFlow_kg_s * s.tanks[i].receiptPos_frac,
    );
    add(`${T}.h2s`, 'ppm', `${T} H2S at the hatch (${ins.h2s})`, (s) => s.instruments[kh].value);
    add(`${T}.water`, 'kg', `${T} free water at the floor`, (s) => s.tanks[i].water_kg);
    add(`${T}.water_temp`, '°C', `${T} free-water temperature`, (s) => s.tanks[i].water_C);
    add(`${T}.drain`, '0/1', `${T} water draw-off open`, (s) => b(s.tanks[i].drainOpen));
    add(`${T}.steam`, 'kg/s', `${T} steam from boiling water`, (s) => s.tanks[i].steam_kg_s);
    add(`${T}.froth`, '0/1', `${T} froth-over`, (s) => b(s.tanks[i].frothOver));
    add(`${T}.crust`, '0/1', `${T} wall layer below the softening point`, (s) => b(s.tanks[i].crust));
    add(`${T}.coil_exposed`, '0/1', `${T} coil turn above the liquid`, (s) => b(s.tanks[i].coilExposed));
    add(`${T}.heating_cut`, '0/1', `${T} low-level heating cut-out`, (s) => b(s.tanks[i].lowLevelCut));
    add(`${T}.temp_trip`, '0/1', `${T} high-high temperature trip latched`, (s) => b(s.tanks[i].highTempTrip));
    add(`${T}.fouling`, 'm²K/W', `${T} coil fouling resistance`, (s) => s.tanks[i].fouling_m2K_W);
    add(`${T}.mixer`, '0/1', `${T} mixer running`, (s) => b(s.tanks[i].mixerOn));
    add(`${T}.oil_ingress`, 'kg', `${T} thermal oil leaked into the product`, (s) => s.oilIngress[i].oil_kg);
    add(`${T}.oil_vapour_flammable`, '0/1', `${T} vapour space flammable with thermal oil`, (s) =>
      b(s.oilIngress[i].flammable),
    );
    add(`${T}.tank_fire`, '0/1', `${T} fire in the tank`, (s) => b(s.oilIngress[i].fire));
    add(`${T}.viscosity`, 'Pa·s', `${T} product viscosity at the outlet`, (s) =>
      viscosity(s.tanks[i].props, s.tanks[i].T_C[0]),
    );
    for (let l = 0; l < m.layers; l++)
      add(`${T}.layer${l}`, '°C', `${T} layer ${l} temperature (0 = bottom)`, (s) => s.tanks[i].T_C[l]);
  });
  const H = m.plant.hotOil.heater.tag;
  add(`${H}.supply_temp`, '°C', 'hot-oil supply temperature', (s) => s.hotOil.supply_C);
  add(`${H}.return_temp`, '°C', 'hot-oil return temperature', (s) => s.hotOil.return_C);
  add(`${H}.setpoint`, '°C', 'supply temperature set point', (s) => s.hotOil.setpoint_C);
  add(
    `${H}.mpc_setpoint`,
    '°C',
    "supply set point in use: the MPC's while it holds the supply, else the operator's",
    (s) => mpcSupplySetpoint_C(s, s.hotOil.setpoint_C),
  );
  addTuningTags(add, H, H, m.plant.hotOil.heater);
  add(`${H}.duty`, 'kW', 'heat absorbed by the oil', (s) => s.hotOil.duty_W / 1000);
  add(`${H}.firing`, '%', 'burner firing rate', (s) => 100 * s.hotOil.firing_frac);
  add(`${H}.stack_temp`, '°C', 'flue-gas stack temperature', (s) => s.hotOil.stack_C);
  add(`${H}.flow`, 'kg/s', 'oil flow through the heater', (s) => s.hotOil.flow_kg_s);
  add(`${H}.state`, '0–4', 'burner state (0 off, 1 purge, 2 light-off, 3 running, 4 tripped)', (s) =>
    HEATER_MODES.indexOf(s.hotOil.heaterMode),
  );
  add(
    `${H}.bms_phase`,
    '0–7',
    'burner management (0 idle, 1 pre-purge, 2 pilot trial, 3 main-flame trial, 4 low-fire hold, 5 modulating, 6 standby, 7 post-purge)',
    (s) => BURNER_PHASES.indexOf(s.hotOil.bms.phase),
  );
  add(`${H}.working_setpoint`, '°C', 'supply set point the firing works to (cold-start ramp)', (s) =>
    s.hotOil.bms.warmup ? s.hotOil.bms.warmupSetpoint_C : s.hotOil.setpoint_C,
  );
  add(`${H}.tube_film_temp`, '°C', 'peak inside-film temperature of the heater tubes', (s) => s.hotOil.edge.film_C);
  add(`${H}.tube_velocity`, 'm/s', 'oil velocity in the heater tubes', (s) => s.hotOil.edge.tubeVelocity_m_s);
  add('HO.pump_npsha', 'm', 'hot-oil pump NPSH available', (s) => s.hotOil.edge.npshA_m);
  add(
    'HO.pump_head_factor',
    '%',
    'hot-oil pump head left by suction and viscosity',
    (s) => 100 * s.hotOil.edge.suction_frac * s.hotOil.edge.viscosityHead_frac,
  );
  add(`${H}.fuel`, 'kW', 'fuel heat input', (s) => s.hotOil.duty_W / heaterEfficiency(s, m) / 1000);
  add('HO.header_dp', 'bar', 'supply–return header differential pressure', (s) => paToBar(s.hotOil.headerDp_Pa));
  add('HO.bypass_flow', 'kg/s', 'flow through the header bypass', (s) => s.hotOil.bypassFlow_kg_s);
  m.plant.hotOil.pumps.forEach((p, i) => {
    add(`${p.tag}.running`, '0/1', `${p.tag} running`, (s) => b(s.hotOil.pumps[i].running));
    add(`${p.tag}.flow`, 'm³/h', `${p.tag} flow`, (s) => m3sToM3h(s.hotOil.pumps[i].flow_m3_s));
  });
  const X = m.plant.hotOil.expansionTank.tag;
  add(`${X}.level`, '%', 'expansion tank level', (s) => 100 * s.hotOil.expansionLevel_frac);
  add(`${X}.low_low_trip`, '0/1', 'expansion tank low-low trip', (s) => b(s.hotOil.edge.lowLowTrip));
  add(`${X}.inventory`, 'kg', 'hot-oil inventory', (s) => m.plant.hotOil.heater.holdup_kg + s.hotOil.mReturn_kg);
  m.plant.loading.pumps.forEach((p, i) => {
    add(`${p.tag}.running`, '0/1', `${p.tag} running`, (s) => b(s.loadingPumps[i].running));
    add(`${p.tag}.flow`, 'm³/h', `${p.tag} delivered flow`, (s) => m3sToM3h(s.loadingPumps[i].flow_m3_s));
    add(`${p.tag}.dp`, 'bar', `${p.tag} differential pressure`, (s) => paToBar(s.loadingPumps[i].dp_Pa));
    add(`${p.tag}.relief`, '0/1', `${p.tag} relief valve passing`, (s) => b(s.loadingPumps[i].reliefOpen));
    add(`${p.tag}.speed`, '%', `${p.tag} VFD speed`, (s) => 100 * s.loadingPumps[i].speed_frac);
  });
  m.arms.forEach((a, i) => {
    add(`${a.tag}.metered`, 'kg', `${a.data.meter} batch total`, (s) => s.arms[i].metered_kg);
    add(`${a.tag}.preset`, 'kg', `${a.tag} preset`, (s) => s.arms[i].preset_kg);
    add(`${a.tag}.truck_volume`, 'm³', `truck at ${a.tag}: volume loaded`, (s) => s.arms[i].truck.volume_m3);
    add(`${a.tag}.truck_present`, '0/1', `truck at ${a.tag}`, (s) => b(s.arms[i].truck.present));
    add(`${a.tag}.position`, '0–2', `${a.tag} position (0 parked, 1 over truck, 2 lowered)`, (s) =>
      ['parked', 'overTruck', 'lowered'].indexOf(s.arms[i].position),
    );
    add(`${a.tag}.overfill`, '0/1', `${a.data.overfillProbe} overfill trip`, (s) => b(s.arms[i].overfillTrip));
  });
  m.bays.forEach((bay, i) => {
    add(`${bay.tag}.fire`, '0–1', `fire intensity at ${bay.tag}`, (s) => s.bays[i].fire_frac);
    add(`${bay.tag}.estop`, '0/1', `${bay.data.estop} pressed`, (s) => b(s.bays[i].estop));
    add(
      `${bay.tag}.extinguisher`,
      's',
      `${bay.data.extinguisher} discharge left`,
      (s) => s.bays[i].extinguisherAgent_s,
    );
  });
  add(`${m.plant.loading.header.tag}.flow`, 'm³/h', 'loading header flow', (s) => m3sToM3h(s.loadingHeaderFlow_m3_s));
  add(`${m.plant.transfer.pump}.flow`, 'kg/s', 'tank-to-tank transfer flow', (s) => s.transfer.actual_kg_s);
  addEdgeTags(m, add);
  add('SITE.esd', '0/1', 'emergency shutdown active', (s) => b(s.esd));
  productLineDefs(m).forEach((d, k) => {
    add(`${d.tag}.temp`, '°C', `${d.tag} product line temperature`, (s) => s.productLines[k].temp_C);
    add(`${d.tag}.plugged`, '0/1', `${d.tag} below the pumping limit`, (s) => b(s.productLines[k].plugged));
  });
  add('SITE.alarms', 'count', 'annunciated alarms (unacknowledged or active)', (s) =>
    s.alarms.reduce((n, a) => n + (a.active || !a.acked ? 1 : 0), 0),
  );
  return out;
}

/** Glob match with * (any run) for --tags 'TK-101.*' (linear: many stars do not backtrack). */
export function tagMatcher(patterns: string): (name: string) => boolean {
  return globsMatcher(patterns);
}
