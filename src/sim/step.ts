import type { Model } from './plantIndex';
import type { SimState, TankState } from './state';
import { updateWeather } from './components/weather';
import { solveHydraulics, stepOilNodes } from './components/hotOilLoop';
import { stepHeater } from './components/heater';
import { growFouling, stepCoil } from './components/coil';
import { stepTankLosses, stepWater } from './components/tankThermal';
import { exchangeAtBottom, layerTops, mixAll, mixUnstable, refreshTemperatures } from './components/tank';
import { gearPumpPoint } from './components/gearPump';
import { pressureDrop_bar } from './components/pipe';
import { consistency, density, temperatureFromEnthalpy, viscosity } from './props/bitumen';
import { piStep, ramp } from './control/pid';
import { evaluateAlarms } from './safety/alarms';
import { hasFault, measure, pumpTripped, valveStuck } from './faultEffects';
import { loadingPermissive } from './apply';
import { G_M_S2, S_PER_H } from './units';

// step(): the one place where plant time advances. Order within a step: weather → faults and safety
// (from the last step's measurements) → control and actuators → hot-oil hydraulics and heater → product
// movements → tank heat balance → oil nodes → instruments → alarms.

export const MOV_STROKE_S = 30; // motor-operated valve open↔close, typical
export const H2S_TIME_CONSTANT_S = 30; // hatch headspace response, estimate
export const FIRE_GROWTH_PER_S = 1 / 60; // a pool fire reaches full size in about a minute, estimate
export const EXTINGUISH_PER_S = 1 / 15; // one 9 kg dry-powder unit knocks a small pool fire down in ~15 s, estimate
export const ARM_LINE_M = 30; // pump to arm tip, DN100
export const COIL_FLOW_NOMINAL_KG_S = 4; // cascade outer-loop output range

const tops = new Float64Array(64);
const outKg = new Float64Array(64);
const inKg = new Float64Array(64);
const inE = new Float64Array(64);
const outE = new Float64Array(64);
const pumpPoint = { q: 0, dp: 0, relief: false };
const water = { steam_J: 0, spill_kg: 0, spill_J: 0, vented_kg: 0, water_J: 0 };

function moveToward(pos: number, target: number, rate: number, dt: number): number {
  const d = target - pos;
  const max = rate * dt;
  return d > max ? pos + max : d < -max ? pos - max : target;
}

export function step(m: Model, s: SimState, dt: number): void {
  const nT = m.tanks.length;
  updateWeather(s);
  const power = !hasFault(s, 'powerFailure');
  const motorsAllowed = power && !s.esd;

  stepFaultsAndSafety(m, s, dt, motorsAllowed);
  stepControl(m, s, dt, power);
  solveHydraulics(m, s, motorsAllowed);
  stepHeater(m, s, dt);

  // product movements, as masses per tank for this step
  for (let i = 0; i < nT; i++) {
    outKg[i] = 0;
    inKg[i] = 0;
    inE[i] = 0;
  }
  for (let i = 0; i < nT; i++) {
    const t = s.tanks[i];
    if (t.receiptPos > 0 && t.receiptFlow_kg_s > 0) {
      const mk = t.receiptFlow_kg_s * t.receiptPos * dt;
      const e = mk * enthalpyOfReceipt(t, t.receiptTemp_C);
      inKg[i] += mk;
      inE[i] += e;
      s.acc.receiptIn_kg += mk;
      s.acc.receiptIn_J += e;
    }
  }
  stepLoadingFlows(m, s, dt, motorsAllowed);
  const tr = s.transfer;
  if (tr.active) {
    const src = s.tanks[tr.from];
    const mu = viscosity(src.props, src.T_C[0]);
    tr.actual_kg_s = motorsAllowed ? tr.flow_kg_s * Math.min(1, 7.5 / mu) : 0; // 7.5 Pa·s top of the pumping window (PHYSICS.md §1)
    outKg[tr.from] += Math.min(tr.actual_kg_s * dt, src.mass_kg * 0.5);
  } else tr.actual_kg_s = 0;
  // coil leaks: oil leaves the return node and enters the product at the floor
  const ho = s.hotOil;
  const pressurised = ho.flow_kg_s > 0;
  for (let k = 0; k < s.faults.length; k++) {
    const f = s.faults[k].fault;
    if (f.kind !== 'coilLeak' || !pressurised) continue;
    const i = m.tankIndex.get(f.tank)!;
    if (s.tanks[i].coilFlow_kg_s <= 0) continue; // an isolated coil holds no pressure and stops leaking
    const leak = Math.min(f.rate_kg_s * dt, ho.mReturn_kg * 0.5);
    ho.mReturn_kg -= leak; // leaves at the node's own enthalpy, so hReturn is unchanged
    inKg[i] += leak;
    inE[i] += leak * ho.hReturn;
  }

  let coilReturn = 0;
  let coilFlowSum = 0;
  const hSup = ho.hHeater;
  for (let i = 0; i < nT; i++) {
    const tm = m.tanks[i];
    const t = s.tanks[i];
    if (outKg[i] > 0) outE[i] = exchangeAtBottom(t, outKg[i], 0, 0);
    else outE[i] = 0;
    t.outFlow_kg_s = outKg[i] / dt;
    // coil and losses on the present inventory
    layerTops(tm, t, tops);
    const level = t.mass_kg > 0 ? tops[t.h.length - 1] : 0;
    const c = stepCoil(tm, t, tops, level, ho.supply_C, dt);
    t.coilExposed = c.exposed && t.coilFlow_kg_s > 0;
    t.coilDuty_W = c.duty_W;
    coilFlowSum += t.coilFlow_kg_s;
    coilReturn += t.coilFlow_kg_s * dt * (hSup - c.outEnthalpyDrop_J_kg);
    t.coilOut_C = t.coilFlow_kg_s > 0 ? ho.supply_C - c.outEnthalpyDrop_J_kg / 2300 : t.T_C[0];
    s.acc.tankLoss_J += stepTankLosses(tm, t, s, tops, level, dt) * dt;
    stepWater(t, tm.area_m2, dt, water);
    s.acc.steam_J += water.steam_J;
    s.acc.waterVented_kg += water.vented_kg;
    if (water.spill_kg > 0) {
      const meanH = t.h.reduce((a, b) => a + b, 0) / t.h.length;
      t.mass_kg -= water.spill_kg; // foam comes off the whole column; each layer keeps its enthalpy
      s.acc.spilled_kg += water.spill_kg;
      s.acc.spilled_J += water.spill_kg * meanH;
    }
    if (t.mixerOn && tm.mixerPower_W > 0 && power && t.mass_kg > 0) {
      mixAll(t);
      const e = tm.mixerPower_W * dt;
      t.h[0] += e / (t.mass_kg / t.h.length);
      s.acc.mixerWork_J += e;
    }
    growFouling(t, ho.supply_C, dt);
  }
  // product arrives after every tank has given its share, so a transfer carries the source's energy
  if (tr.active && tr.actual_kg_s > 0) {
    inKg[tr.to] += outKg[tr.from];
    inE[tr.to] += outE[tr.from];
    blendInto(s.tanks[tr.to], s.tanks[tr.from], outKg[tr.from]);
  }
  distributeToTrucks(m, s);
  for (let i = 0; i < nT; i++) {
    const t = s.tanks[i];
    if (inKg[i] > 0) exchangeAtBottom(t, 0, inKg[i], inE[i]);
    mixUnstable(t);
    refreshTemperatures(t);
  }
  s.acc.oilLoss_J += stepOilNodes(m, s, coilReturn, coilFlowSum, dt);
  s.acc.heaterDuty_J += ho.duty_W * dt;
  s.acc.fuel_J += (ho.duty_W * dt) / m.plant.hotOil.heater.efficiency;

  stepInstruments(m, s, dt);
  s.t_s += dt;
  s.step++;
  evaluateAlarms(m, s, dt);
}

function enthalpyOfReceipt(t: TankState, tC: number): number {
  // receipts are of the tank's own grade
  const d = tC - 25;
  return t.props.cp25_J_kgK * d + 0.5 * t.props.cpSlope_J_kgK2 * d * d;
}

const blendScratch = { ...({} as TankState['props']) };
function blendInto(dst: TankState, src: TankState, addKg: number): void {
  if (addKg <= 0) return;
  const p = dst.props;
  const q = src.props;
  const wa = dst.mass_kg / (dst.mass_kg + addKg);
  const wb = 1 - wa;
  Object.assign(blendScratch, p);
  blendScratch.rho25_kg_m3 = 1 / (wa / p.rho25_kg_m3 + wb / q.rho25_kg_m3);
  blendScratch.viscA = wa * p.viscA + wb * q.viscA; // log-log (Walther) blending of viscosity
  blendScratch.viscB = wa * p.viscB + wb * q.viscB;
  blendScratch.powerLawIndex = wa * p.powerLawIndex + wb * q.powerLawIndex;
  blendScratch.softeningPoint_C = wa * p.softeningPoint_C + wb * q.softeningPoint_C;
  blendScratch.flashPoint_C = Math.min(p.flashPoint_C, q.flashPoint_C);
  // cp and expansion are grade-independent in PHYSICS.md §1, so enthalpies stay consistent
  Object.assign(p, blendScratch);
}

function stepFaultsAndSafety(m: Model, s: SimState, dt: number, motorsAllowed: boolean): void {
  const ho = s.hotOil;
  const hp = m.plant.hotOil;
  // pumps: trips, power and ESD
  for (let i = 0; i < ho.pumps.length; i++) {
    const p = ho.pumps[i];
    const tag = hp.pumps[i].tag;
    if (p.running && pumpTripped(s, tag)) {
      p.running = false;
      s.events.push({ type: 'trip', t_s: s.t_s, tag, cause: 'motor trip' });
      if (hp.autoChangeover && motorsAllowed) ho.changeoverTimer_s = hp.changeoverDelay_s + dt;
    }
    if (p.running && !motorsAllowed) {
      p.running = false;
      s.events.push({ type: 'trip', t_s: s.t_s, tag, cause: s.esd ? 'emergency shutdown' : 'power failure' });
    }
  }
  if (ho.changeoverTimer_s > 0) {
    ho.changeoverTimer_s -= dt;
    if (ho.changeoverTimer_s <= 0) {
      ho.changeoverTimer_s = 0;
      const idle = hp.pumps.findIndex((pp, i) => !ho.pumps[i].running && !pumpTripped(s, pp.tag));
      if (idle >= 0 && motorsAllowed && !ho.pumps.some((p) => p.running)) {
        ho.pumps[idle].running = true;
        s.events.push({
          type: 'interlock',
          t_s: s.t_s,
          tag: hp.pumps[idle].tag,
          action: 'standby pump started by auto-changeover',
        });
      }
    }
  }
  for (let i = 0; i < s.loadingPumps.length; i++) {
    const p = s.loadingPumps[i];
    const tag = m.plant.loading.pumps[i].tag;
    if (!p.running) continue;
    if (pumpTripped(s, tag) || !motorsAllowed) {
      p.running = false;
      s.events.push({
        type: 'trip',
        t_s: s.t_s,
        tag,
        cause: pumpTripped(s, tag) ? 'motor trip' : s.esd ? 'emergency shutdown' : 'power failure',
      });
    }
  }
  if (s.transfer.active && !motorsAllowed) {
    s.transfer.active = false;
    s.events.push({
      type: 'trip',
      t_s: s.t_s,
      tag: m.plant.transfer.pump,
      cause: s.esd ? 'emergency shutdown' : 'power failure',
    });
  }
  if (s.esd) {
    for (const t of s.tanks) {
      t.outletTarget = 0;
      t.receiptTarget = 0;
    }
  }
  // bays: fire grows, an extinguisher knocks it down and runs out
  for (let b = 0; b < s.bays.length; b++) {
    const bay = s.bays[b];
    const tag = m.bays[b].tag;
    const burning = s.faults.findIndex((f) => f.fault.kind === 'fire' && f.fault.bay === tag);
    if (bay.extinguishing) {
      bay.extinguisherAgent_s -= dt;
      if (bay.extinguisherAgent_s <= 0) {
        bay.extinguisherAgent_s = 0;
        bay.extinguishing = false;
      }
    }
    if (burning >= 0) {
      bay.fire = Math.min(1, bay.fire + (bay.extinguishing ? -EXTINGUISH_PER_S : FIRE_GROWTH_PER_S) * dt);
      if (bay.fire <= 0) {
        bay.fire = 0;
        const [f] = s.faults.splice(burning, 1);
        s.events.push({ type: 'fault', t_s: s.t_s, action: 'clear', id: f.id, fault: f.fault });
        s.events.push({ type: 'info', t_s: s.t_s, tag, message: 'fire extinguished' });
      }
    } else bay.fire = Math.max(0, bay.fire - EXTINGUISH_PER_S * dt);
  }
  // per-tank interlocks on the last step's measurements
  for (let i = 0; i < m.tanks.length; i++) {
    const tm = m.tanks[i];
    const t = s.tanks[i];
    const ins = tm.data.instruments;
    const hh = s.instruments[tm.insLevelHH].value > 0.5;
    const lvl = s.instruments[tm.insLevel].value;
    const tt = s.instruments[tm.insTemp].value;
    if (s.step === 0) continue;
    if (hh) {
      if (t.receiptTarget > 0) {
        t.receiptTarget = 0;
        s.events.push({
          type: 'interlock',
          t_s: s.t_s,
          tag: tm.data.receiptValve,
          action: `closed by ${ins.levelSwitchHH} high-high level`,
        });
      }
      if (s.transfer.active && s.transfer.to === i) {
        s.transfer.active = false;
        s.events.push({
          type: 'interlock',
          t_s: s.t_s,
          tag: m.plant.transfer.pump,
          action: `stopped by ${ins.levelSwitchHH} high-high level`,
        });
      }
    }
    const cut = t.lowLevelCut ? lvl < tm.cutout_m + 0.1 : lvl < tm.cutout_m;
    if (cut && !t.lowLevelCut)
      s.events.push({
        type: 'interlock',
        t_s: s.t_s,
        tag: tm.data.coil.valveTag,
        action: 'heating cut out on low level',
      });
    t.lowLevelCut = cut;
    if (s.transfer.active && s.transfer.from === i && lvl < tm.cutout_m) {
      s.transfer.active = false;
      s.events.push({
        type: 'interlock',
        t_s: s.t_s,
        tag: m.plant.transfer.pump,
        action: `stopped on ${tm.tag} low level`,
      });
    }
    if (!t.highTempTrip && tt >= tm.data.alarms.tempHighHigh_C) {
      t.highTempTrip = true;
      s.events.push({
        type: 'trip',
        t_s: s.t_s,
        tag: tm.data.control.tag,
        cause: 'tank temperature high-high: heating tripped',
      });
    }
    // H2S at the hatch relaxes towards its source
    let src = 0;
    for (let k = 0; k < s.faults.length; k++) {
      const f = s.faults[k].fault;
      if (f.kind === 'h2sRelease' && f.tank === tm.tag) src += f.ppm;
    }
    t.h2s_ppm = src + (t.h2s_ppm - src) * Math.exp(-dt / H2S_TIME_CONSTANT_S);
  }
}

function stepControl(m: Model, s: SimState, dt: number, power: boolean): void {
  for (let i = 0; i < m.tanks.length; i++) {
    const tm = m.tanks[i];
    const t = s.tanks[i];
    const c = tm.data.control;
    const pid = t.pid;
    const pv = s.instruments[tm.insTemp].value;
    pid.workingSetpoint_C = ramp(pid.workingSetpoint_C, pid.setpoint_C, c.rampLimit_K_min / 60, dt);
    const ff = c.feedForward * (pid.workingSetpoint_C - s.weather.ambient_C); // ambient feed-forward
    if (pid.mode === 'auto') {
      piStep(pid, c, pid.workingSetpoint_C, pv, ff, dt);
    } else if (pid.mode === 'cascade') {
      const outer = { integral: pid.integral, output: pid.output };
      const flowSp = piStep(outer, c, pid.workingSetpoint_C, pv, ff, dt) * COIL_FLOW_NOMINAL_KG_S;
      pid.integral = outer.integral;
      const inner = { integral: pid.innerIntegral, output: t.valveTarget };
      // inner coil-flow loop: fast PI, 0.2 of valve per kg/s, Ti 20 s (tuned on the default plant)
      const v = piStep(inner, { kp: 0.2, ti_s: 20 }, flowSp, t.coilFlow_kg_s, 0, dt);
      pid.innerIntegral = inner.integral;
      pid.output = outer.output;
      t.valveTarget = v;
    }
    const forcedClosed = t.highTempTrip || t.lowLevelCut || !power; // the TCV fails closed on loss of power/air
    if (pid.mode !== 'cascade') t.valveTarget = pid.output;
    if (forcedClosed) t.valveTarget = 0;
    if (!valveStuck(s, tm.data.coil.valveTag))
      t.valvePos = moveToward(t.valvePos, t.valveTarget, 1 / tm.data.coil.valveStrokeTime_s, dt);
    if (power) {
      if (!valveStuck(s, tm.data.outletValve))
        t.outletPos = moveToward(t.outletPos, t.outletTarget, 1 / MOV_STROKE_S, dt);
      if (!valveStuck(s, tm.data.receiptValve))
        t.receiptPos = moveToward(t.receiptPos, t.receiptTarget, 1 / MOV_STROKE_S, dt);
    }
  }
}

const armFlow = new Float64Array(64);
function stepLoadingFlows(m: Model, s: SimState, dt: number, motorsAllowed: boolean): void {
  const lp = m.plant.loading;
  let sources = 0;
  let src = -1;
  for (let i = 0; i < s.tanks.length; i++)
    if (s.tanks[i].outletPos > 0.05 && s.tanks[i].mass_kg > 0) {
      sources += s.tanks[i].outletPos;
      if (src < 0) src = i;
    }
  let headerFlow = 0;
  for (let a = 0; a < m.arms.length; a++) {
    armFlow[a] = 0;
    const arm = m.arms[a];
    const p = s.loadingPumps[arm.pump];
    const pd = lp.pumps[arm.pump];
    if (p.running) {
      const why = loadingPermissive(m, s, a);
      if (why) {
        p.running = false;
        s.events.push(
          why.includes('preset')
            ? { type: 'info', t_s: s.t_s, tag: pd.tag, message: why }
            : { type: 'trip', t_s: s.t_s, tag: pd.tag, cause: why },
        );
      }
    }
    if (!p.running || !motorsAllowed || src < 0) {
      p.flow_m3h = 0;
      p.dp_bar = 0;
      p.reliefOpen = false;
      continue;
    }
    const t = s.tanks[src];
    const tm = m.tanks[src];
    const tC = t.T_C[0];
    const rho = density(t.props, tC);
    const K = consistency(t.props, tC);
    const n = t.props.powerLawIndex;
    const lvl = t.mass_kg / (rho * tm.area_m2);
    const headerD = lp.header.dn_mm / 1000;
    const others = s.loadingHeaderFlow_m3h / S_PER_H;
    const staticBar = (rho * G_M_S2 * (lp.truckTopHeight_m + 1 - lvl)) / 1e5;
    const lineDp = (q: number) =>
      pressureDrop_bar(q + others, lp.header.length_m, headerD, rho, K, n) +
      pressureDrop_bar(q, ARM_LINE_M, 0.1, rho, K, n) +
      staticBar;
    gearPumpPoint(
      pd.displacement_m3_rev,
      pd.maxSpeed_rpm * p.speed,
      pd.slipCoefficient,
      pd.reliefSetting_bar,
      viscosity(t.props, tC),
      lineDp,
      pumpPoint,
    );
    p.flow_m3h = pumpPoint.q * S_PER_H;
    p.dp_bar = pumpPoint.dp;
    p.reliefOpen = pumpPoint.relief;
    armFlow[a] = pumpPoint.q * rho; // kg/s
    headerFlow += p.flow_m3h;
  }
  s.loadingHeaderFlow_m3h = headerFlow;
  if (src < 0) return;
  for (let a = 0; a < m.arms.length; a++) {
    if (armFlow[a] <= 0) continue;
    const mk = armFlow[a] * dt;
    for (let i = 0; i < s.tanks.length; i++) {
      const t = s.tanks[i];
      if (t.outletPos > 0.05 && t.mass_kg > 0) outKg[i] += (mk * t.outletPos) / sources;
    }
  }
}

/** The energy that left the loading tanks goes to the trucks in proportion to their share of the mass. */
function distributeToTrucks(m: Model, s: SimState): void {
  let totalArm = 0;
  for (let a = 0; a < m.arms.length; a++) totalArm += armFlow[a];
  if (totalArm <= 0) return;
  let loadKg = 0;
  let loadE = 0;
  let props: TankState['props'] | null = null;
  for (let i = 0; i < s.tanks.length; i++) {
    const t = s.tanks[i];
    if (t.outletPos > 0.05 && outKg[i] > 0 && !(s.transfer.active && s.transfer.from === i)) {
      loadKg += outKg[i];
      loadE += outE[i];
      props ??= t.props;
    }
  }
  if (loadKg <= 0 || !props) return;
  for (let a = 0; a < m.arms.length; a++) {
    if (armFlow[a] <= 0) continue;
    const share = armFlow[a] / totalArm;
    const as = s.arms[a];
    const tr = as.truck;
    tr.mass_kg += loadKg * share;
    tr.energy_J += loadE * share;
    as.metered_kg += loadKg * share;
    tr.temp_C = temperatureFromEnthalpy(props, tr.energy_J / tr.mass_kg);
    tr.volume_m3 = tr.mass_kg / density(props, tr.temp_C);
    const pump = s.loadingPumps[m.arms[a].pump];
    const tag = m.plant.loading.pumps[m.arms[a].pump].tag;
    if (tr.volume_m3 >= 0.95 * tr.capacity_m3 && !as.overfillTrip) {
      as.overfillTrip = true;
      pump.running = false;
      s.events.push({ type: 'trip', t_s: s.t_s, tag, cause: `${m.arms[a].data.overfillProbe} truck overfill probe` });
    } else if (as.preset_kg > 0 && as.metered_kg >= as.preset_kg && pump.running) {
      pump.running = false;
      s.events.push({
        type: 'info',
        t_s: s.t_s,
        tag,
        message: `preset ${Math.round(as.preset_kg)} kg reached: pump stopped`,
      });
    }
  }
}

function stepInstruments(m: Model, s: SimState, dt: number): void {
  for (let k = 0; k < m.instruments.length; k++) {
    const d = m.instruments[k];
    const tm = m.tanks[d.tank];
    const t = s.tanks[d.tank];
    if (d.kind === 'level') {
      // every instrument of a tank follows its level entry, so the layer tops are computed once per tank
      layerTops(tm, t, tempTops);
      instrLevel = t.mass_kg > 0 ? tempTops[t.h.length - 1] : 0;
    }
    let truth = 0;
    switch (d.kind) {
      case 'level':
        truth = instrLevel;
        break;
      case 'levelSwitch':
        truth = instrLevel >= tm.levelHH_m ? 1 : 0;
        break;
      case 'temp':
        // the 25/50/75 % elements; their point instruments follow and reuse these readings
        quarter[1] = tempAt(t, 0.25 * instrLevel);
        quarter[2] = tempAt(t, 0.5 * instrLevel);
        quarter[3] = tempAt(t, 0.75 * instrLevel);
        truth = (quarter[1] + quarter[2] + quarter[3]) / 3;
        break;
      case 'tempPoint':
        truth = d.point === 0 ? tempAt(t, 0.5) : d.point === 4 ? t.roof_C : quarter[d.point];
        break;
      case 'h2s':
        truth = t.h2s_ppm;
        break;
    }
    s.instruments[k].value = measure(s, m, k, truth, dt);
  }
  // crust: the wall film of the coldest layer below the softening point (inside film 50 W/m²K, still air outside)
  for (let i = 0; i < m.tanks.length; i++) {
    const t = s.tanks[i];
    let tMin = t.T_C[0];
    for (let j = 1; j < t.T_C.length; j++) if (t.T_C[j] < tMin) tMin = t.T_C[j];
    const u = 1 / (m.tanks[i].rWallFixed + 1 / 5.7);
    t.crust = t.mass_kg > 0 && tMin - (u * (tMin - s.weather.ambient_C)) / 50 < t.props.softeningPoint_C;
  }
}

const tempTops = new Float64Array(64);
const quarter = new Float64Array(4);
let instrLevel = 0;
/** Temperature an element at height z reads, given tempTops for this tank; above the liquid it reads the vapour space. */
function tempAt(t: TankState, z: number): number {
  const n = t.h.length;
  if (t.mass_kg <= 0 || z > tempTops[n - 1]) return t.roof_C;
  for (let j = 0; j < n; j++) if (z <= tempTops[j]) return t.T_C[j];
  return t.T_C[n - 1];
}
