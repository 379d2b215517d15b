import { clamp01, no, OK, type CommandHandlers } from './handler';

// Commands on the tanks and the product moving between them: valves, mixer, water draw-off, coil
// maintenance, receipts from the ship or pipeline, and the tank-to-tank transfer.

export const tankHandlers: CommandHandlers<
  | 'setValve'
  | 'setMixer'
  | 'drainWater'
  | 'resetFouling'
  | 'startReceipt'
  | 'stopReceipt'
  | 'startTransfer'
  | 'stopTransfer'
> = {
  setValve(m, s, c) {
    const v = m.valves.get(c.tag);
    if (!v) return no(`unknown valve ${c.tag}`);
    const tank = s.tanks[v.tank];
    if (v.kind === 'coil') {
      if (tank.pid.mode !== 'manual')
        return no(`${c.tag} is in ${tank.pid.mode}: switch ${m.tanks[v.tank].data.control.tag} to manual first`);
      tank.pid.output_frac = clamp01(c.opening);
    } else if (v.kind === 'coilBlock')
      tank.blockPos_frac = clamp01(c.opening); // hand-operated: moves as fast as it is turned
    else if (v.kind === 'outlet') tank.outletTarget_frac = clamp01(c.opening);
    else tank.receiptTarget_frac = clamp01(c.opening);
    return OK;
  },
  setMixer(m, s, c) {
    const i = m.tankIndex.get(c.tank);
    if (i === undefined) return no(`unknown tank ${c.tank}`);
    if (!m.tanks[i].data.mixer) return no(`${c.tank} has no mixer`);
    s.tanks[i].mixerOn = c.on;
    return OK;
  },
  drainWater(m, s, c) {
    const i = m.tankIndex.get(c.tank);
    if (i === undefined) return no(`unknown tank ${c.tank}`);
    s.tanks[i].drainOpen = c.open;
    return OK;
  },
  resetFouling(m, s, c) {
    const i = m.tankIndex.get(c.tank);
    if (i === undefined) return no(`unknown tank ${c.tank}`);
    s.tanks[i].fouling_m2K_W = 0;
    return OK;
  },
  startReceipt(m, s, c) {
    const i = m.tankIndex.get(c.tank);
    if (i === undefined) return no(`unknown tank ${c.tank}`);
    if (s.instruments[m.tanks[i].insLevelHH].value > 0.5) return no(`${c.tank} is at high-high level`);
    const tank = s.tanks[i];
    tank.receiptFlow_kg_s = c.flow_kg_s;
    tank.receiptTemp_C = c.temp_C;
    tank.receiptTarget_frac = 1;
    return OK;
  },
  stopReceipt(m, s, c) {
    const i = m.tankIndex.get(c.tank);
    if (i === undefined) return no(`unknown tank ${c.tank}`);
    s.tanks[i].receiptTarget_frac = 0;
    return OK;
  },
  startTransfer(m, s, c) {
    const a = m.tankIndex.get(c.from);
    const b = m.tankIndex.get(c.to);
    if (a === undefined || b === undefined) return no(`unknown tank ${a === undefined ? c.from : c.to}`);
    if (a === b) return no('source and destination must differ');
    const max = m.plant.transfer.maxFlow_kg_s;
    if (!(c.flow_kg_s <= max)) return no(`transfer flow must be 0–${max} kg/s`);
    if (s.esd) return no('emergency shutdown is active');
    s.transfer = { active: true, from: a, to: b, flow_kg_s: c.flow_kg_s, actual_kg_s: 0 };
    return OK;
  },
  stopTransfer(_m, s) {
    s.transfer.active = false;
    return OK;
  },
};
