import type { Model } from './plantIndex';
import type { SimState, TankState } from './state';
import type { StepScratch } from './scratch';
import { fillFraction, gearPumpPoint, npshAvailable_m, type GearPumpPoint } from './components/gearPump';
import { heelMass_kg } from './components/tank';
import { pressureDrop_Pa } from './components/pipe';
import { consistency, density, temperatureFromEnthalpy, viscosity } from './props/bitumen';
import { fireDetected } from './safety/fire';
import { G_M_S2 } from './units';
import { truckWater } from './loadingEdges';

// Truck loading: which arms may pump (the permissive), each arm's gear pump against the header and arm
// line, the mass drawn from the open loading tanks, and the product delivered into the trucks with
// their overfill probes and presets.

export const ARM_LINE_M = 30; // pump to arm tip, DN100
export const ARM_LINE_D_M = 0.1; // DN100
/** The truck's overfill probe sits at this fraction of its capacity, typical. */
export const TRUCK_OVERFILL_FRAC = 0.95;
/** An outlet MOV open less than this feeds nothing to the header. */
export const OUTLET_OPEN_MIN_FRAC = 0.05;
export const SUCTION_LINE_M = 10; // tank nozzle to the pump suction, typical
export const SUCTION_LINE_D_M = 0.15; // DN150, typical

/** Why an arm's pump may not run now, or null when it may. */
export function loadingPermissive(m: Model, s: SimState, armI: number): string | null {
  const a = s.arms[armI];
  const arm = m.arms[armI];
  if (!a.truck.present) return `no truck at ${arm.tag}`;
  if (a.position !== 'lowered') return `lower arm ${arm.tag} into the truck first`;
  if (a.overfillTrip) return `${arm.tag} overfill trip: reset it first`;
  if (s.gearPumps[arm.pump].damaged)
    return `${m.plant.loading.pumps[arm.pump].tag} damaged by running dry: repair it first`;
  if (s.bays[arm.bay].estop) return `${m.bays[arm.bay].tag} emergency stop is pressed`;
  if (fireDetected(s.bays[arm.bay])) return `fire at ${m.bays[arm.bay].tag}`;
  if (a.preset_kg > 0 && a.metered_kg >= a.preset_kg) return `${arm.tag} preset reached`;
  return null;
}

export function truckAtOverfill(truck: SimState['arms'][number]['truck']): boolean {
  return truck.volume_m3 >= TRUCK_OVERFILL_FRAC * truck.capacity_m3;
}

/** A tank feeds the loading header through an open outlet while it has product above its nozzle. */
function feedsHeader(m: Model, s: SimState, i: number): boolean {
  const tank = s.tanks[i];
  return tank.outletPos_frac > OUTLET_OPEN_MIN_FRAC && tank.mass_kg > heelMass_kg(m.tanks[i], tank);
}

// The line one pump works against; set per arm, read by lineDp_Pa, so no closure is made per step.
const line = { rho: 0, K: 0, n: 1, others_m3_s: 0, headerL_m: 0, headerD_m: 0, static_Pa: 0 };
const pumpPoint: GearPumpPoint = { q_m3_s: 0, dp_Pa: 0, relief: false };
function lineDp_Pa(q_m3_s: number): number {
  const l = line;
  return (
    pressureDrop_Pa(q_m3_s + l.others_m3_s, l.headerL_m, l.headerD_m, l.rho, l.K, l.n) +
    pressureDrop_Pa(q_m3_s, ARM_LINE_M, ARM_LINE_D_M, l.rho, l.K, l.n) +
    l.static_Pa
  );
}

/** Run the arms' pumps for this step and add the mass they draw to `mv.out_kg` of the loading tanks. */
export function stepLoadingFlows(m: Model, s: SimState, dt: number, motorsAllowed: boolean, mv: StepScratch): void {
  const lp = m.plant.loading;
  const armFlow = mv.armFlow_kg_s;
  let sources = 0;
  let src = -1;
  for (let i = 0; i < s.tanks.length; i++)
    if (feedsHeader(m, s, i)) {
      sources += s.tanks[i].outletPos_frac;
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
    const health = s.gearPumps[arm.pump];
    if (!p.running || !motorsAllowed || src < 0) {
      p.flow_m3_s = 0;
      p.dp_Pa = 0;
      p.reliefOpen = false;
      health.npsha_m = 0;
      continue;
    }
    const tank = s.tanks[src];
    const tm = m.tanks[src];
    const tC = tank.T_C[0];
    const rho = density(tank.props, tC);
    const level_m = tank.mass_kg / (rho * tm.area_m2);
    line.rho = rho;
    line.K = consistency(tank.props, tC);
    line.n = tank.props.powerLawIndex;
    line.headerL_m = lp.header.length_m;
    line.headerD_m = lp.header.dn_mm / 1000;
    line.others_m3_s = s.loadingHeaderFlow_m3_s;
    line.static_Pa = rho * G_M_S2 * (lp.truckTopHeight_m + 1 - level_m);
    gearPumpPoint(
      pd.displacement_m3_rev,
      pd.maxSpeed_rpm * p.speed_frac,
      pd.slipCoefficient,
      m.hydraulics.loadingRelief_Pa[arm.pump],
      viscosity(tank.props, tC),
      lineDp_Pa,
      pumpPoint,
    );
    // suction: a vacuum in a blocked-vent tank, a low level or cold product starve the pump
    const suctionLoss_Pa = pressureDrop_Pa(pumpPoint.q_m3_s, SUCTION_LINE_M, SUCTION_LINE_D_M, rho, line.K, line.n);
    health.npsha_m = npshAvailable_m(tank.vessel.vapourGauge_Pa, rho, level_m - tm.nozzle_m, suctionLoss_Pa);
    pumpPoint.q_m3_s *= fillFraction(health.npsha_m);
    p.flow_m3_s = pumpPoint.q_m3_s;
    p.dp_Pa = pumpPoint.dp_Pa;
    p.reliefOpen = pumpPoint.relief;
    armFlow[a] = pumpPoint.q_m3_s * rho;
    headerFlow += p.flow_m3_s;
  }
  s.loadingHeaderFlow_m3_s = headerFlow;
  if (src < 0) return;
  for (let a = 0; a < m.arms.length; a++) {
    if (armFlow[a] <= 0) continue;
    const mk = armFlow[a] * dt;
    for (let i = 0; i < s.tanks.length; i++) {
      if (!feedsHeader(m, s, i)) continue;
      const share = (mk * s.tanks[i].outletPos_frac) / sources;
      mv.out_kg[i] += share;
      mv.load_kg[i] += share;
    }
  }
}

/**
 * What the loading tanks gave to the header goes to the trucks in proportion to each arm's flow, with
 * its energy: the trucks receive exactly what the tanks gave (a tank at its heel gives less than asked).
 */
export function distributeToTrucks(m: Model, s: SimState, mv: StepScratch, dt: number): void {
  const armFlow = mv.armFlow_kg_s;
  let totalArm = 0;
  for (let a = 0; a < m.arms.length; a++) totalArm += armFlow[a];
  if (totalArm <= 0) return;
  let loadKg = 0;
  let loadE = 0;
  let props: TankState['props'] | null = null;
  for (let i = 0; i < s.tanks.length; i++) {
    if (!(mv.load_kg[i] > 0)) continue;
    loadKg += mv.load_kg[i];
    loadE += mv.loadE_J[i];
    props ??= s.tanks[i].props;
  }
  // the header delivers what the tanks gave: the pumps' flows follow
  const delivered = loadKg / (totalArm * dt);
  if (delivered < 1 - 1e-9)
    for (let a = 0; a < m.arms.length; a++) s.loadingPumps[m.arms[a].pump].flow_m3_s *= delivered;
  if (loadKg <= 0 || !props) return;
  for (let a = 0; a < m.arms.length; a++) {
    if (armFlow[a] <= 0) continue;
    const share = armFlow[a] / totalArm;
    const as = s.arms[a];
    const tr = as.truck;
    const mk = loadKg * share;
    tr.mass_kg += mk;
    tr.energy_J += loadE * share;
    as.metered_kg += mk;
    truckWater(m, s, a, mk, props, dt);
    tr.temp_C = temperatureFromEnthalpy(props, tr.energy_J / tr.mass_kg);
    tr.volume_m3 = tr.mass_kg / density(props, tr.temp_C);
    const pump = s.loadingPumps[m.arms[a].pump];
    const tag = m.plant.loading.pumps[m.arms[a].pump].tag;
    if (truckAtOverfill(tr) && !as.overfillTrip) {
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
