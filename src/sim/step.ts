import type { Model } from './plantIndex';
import type { SimState } from './state';
import { updateWeather } from './components/weather';
import { solveHydraulics, stepOilNodes } from './components/hotOilLoop';
import { stepHeater } from './components/heater';
import { evaluateAlarms } from './safety/alarms';
import { stepPumpTrips, stepTankInterlocks } from './safety/interlocks';
import { stepFire } from './safety/fire';
import { stepH2s } from './safety/h2s';
import { stepHotOilTrips } from './safety/hotOilTrips';
import { stepControl } from './control/tankControl';
import { distributeToTrucks, stepLoadingFlows } from './loading';
import { stepGearPumpHealth, stepLoadingStop } from './loadingEdges';
import { stepVessels } from './components/vessel';
import { beginMovements, deliverTransfer, drawFromTanks, drawTransfer, fillTanks, leakCoils } from './movements';
import { stepTankHeat } from './heatBalance';
import { stepInstruments } from './instruments';
import { hasFault, heaterEfficiency } from './faultEffects';
import { stepProductLines } from './productLines';

// step(): the one place where plant time advances, and only its order. Each stage reads what the stages
// before it wrote; the product movements pass their masses and energies through `mv` (the plant index's
// scratch), written and read within this step only.

export function step(m: Model, s: SimState, dt: number): void {
  const mv = m.scratch;
  updateWeather(s);
  const power = !hasFault(s, 'powerFailure');
  const motorsAllowed = power && !s.esd;

  // faults and safety, on the last step's measurements
  stepPumpTrips(m, s, dt, motorsAllowed);
  stepProductLines(m, s, dt);
  stepHotOilTrips(m, s, dt);
  stepFire(m, s, dt);
  stepTankInterlocks(m, s);
  stepLoadingStop(m, s);
  stepH2s(m, s, dt);

  // control and actuators, then the hot-oil loop
  stepControl(m, s, dt, power);
  solveHydraulics(m, s, motorsAllowed);
  stepHeater(m, s, dt);

  // product movements: what each tank gives and takes this step
  beginMovements(s, dt, mv);
  stepLoadingFlows(m, s, dt, motorsAllowed, mv);
  drawTransfer(s, dt, motorsAllowed, mv);
  leakCoils(m, s, dt, mv);
  drawFromTanks(m, s, dt, mv);

  // heat balance on the inventory after the draws; arrivals after every tank has given its share
  stepTankHeat(m, s, dt, power, mv);
  deliverTransfer(s, mv);
  distributeToTrucks(m, s, mv, dt);
  stepGearPumpHealth(m, s, dt, motorsAllowed);
  fillTanks(m, s, mv);
  stepVessels(m, s, dt, mv);

  s.acc.oilLoss_J += stepOilNodes(m, s, mv.coilReturn_J, mv.coilFlowSum_kg_s, dt);
  s.acc.heaterDuty_J += s.hotOil.duty_W * dt;
  s.acc.fuel_J += (s.hotOil.duty_W * dt) / heaterEfficiency(s, m);

  stepInstruments(m, s, dt, mv);
  s.t_s += dt;
  s.step++;
  evaluateAlarms(m, s, dt);
}
