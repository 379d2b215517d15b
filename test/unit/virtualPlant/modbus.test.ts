import ModbusRTU from 'modbus-serial';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ModbusAddress, TagMapping } from '../../../src/scada/mapping';
import { decodeRegisters, encodeRegisters, registerCount, toEngineering, toRaw } from '../../../src/scada/scaling';
import { freePort } from '../../../src/station/mosquitto';
import { startControlServer } from '../../../src/virtualPlant/control';
import { startModbusServer, type VirtualModbusServer } from '../../../src/virtualPlant/modbusServer';
import type { VirtualPlant } from '../../../src/virtualPlant/plant';
import { makePlant, T0_MS } from './harness';

// The virtual plant's PLC read by a plain modbus-serial client: every Modbus tag of the mapping decodes to
// what the plant serves, a failed sensor answers an exception, a set point can be written.

let vp: VirtualPlant;
let server: VirtualModbusServer;
const client = new ModbusRTU();

async function read(t: TagMapping): Promise<number> {
  const a = t.address as ModbusAddress;
  if (a.table === 'coil') return (await client.readCoils(a.address, 1)).data[0] ? 1 : 0;
  if (a.table === 'discrete') return (await client.readDiscreteInputs(a.address, 1)).data[0] ? 1 : 0;
  const n = registerCount(a);
  const r =
    a.table === 'input'
      ? await client.readInputRegisters(a.address, n)
      : await client.readHoldingRegisters(a.address, n);
  return toEngineering(t, decodeRegisters(a, r.data));
}

/** The quantum a tag's register type and scaling allow (float32: relative; integers: one count). */
function quantum(t: TagMapping, v: number): number {
  const a = t.address as ModbusAddress;
  if (a.type === 'float32') return Math.abs(v) * 1e-6 + 1e-9;
  if (a.type === 'bool') return 0;
  return Math.abs(toEngineering(t, 1) - toEngineering(t, 0));
}

beforeAll(async () => {
  vp = makePlant({ seed: 3 });
  vp.step(5, T0_MS + 5000);
  // modbus-serial takes no port 0: a free high port, found by the OS and released just before
  for (let attempt = 0; ; attempt++) {
    try {
      server = await startModbusServer(vp, { port: await freePort(), now: () => T0_MS + 5000 });
      break;
    } catch (e) {
      if (attempt > 5) throw e;
    }
  }
  await client.connectTCP('127.0.0.1', { port: server.port });
  client.setID(1);
  client.setTimeout(2000);
});

afterAll(async () => {
  await new Promise<void>((r) => client.close(() => r()));
  await server?.stop();
});

describe('virtual plant Modbus server', () => {
  it('serves every mapped Modbus tag as the mapping encodes it, both word orders', async () => {
    const tags = vp.tags.filter((t) => 'table' in t.address);
    expect(tags.length).toBe(50);
    for (const t of tags) {
      // what the register can hold of the served value: rounded to a count, clamped to the type's range
      const a = t.address as ModbusAddress;
      const served = toEngineering(t, decodeRegisters(a, encodeRegisters(a, toRaw(t, vp.value(t.tag).v!))));
      const got = await read(t);
      expect(Math.abs(got - served), t.tag).toBeLessThanOrEqual(quantum(t, served) / 2 + 1e-9);
      expect(Math.abs(got - vp.value(t.tag).v!), t.tag).toBeLessThan(0.01 * (t.range[1] - t.range[0]));
    }
    // the little-endian float really is word-swapped on the wire
    const little = tags.find((t) => t.tag === 'TK-106.temp')!;
    const regs = (await client.readInputRegisters((little.address as ModbusAddress).address, 2)).data;
    expect(decodeRegisters({ ...(little.address as ModbusAddress), wordOrder: 'big' }, regs)).not.toBeCloseTo(
      vp.value('TK-106.temp').v!,
      0,
    );
  });

  it('a failed sensor answers exception 4, an unmapped address exception 2; clearing restores it', async () => {
    vp.injectSensorFault('TK-102.level', { kind: 'bad' });
    await expect(client.readInputRegisters(101, 1)).rejects.toThrow(/exception 4/);
    await expect(client.readInputRegisters(9000, 2)).rejects.toThrow(/exception 2/);
    vp.clearSensorFault('TK-102.level');
    expect((await client.readInputRegisters(101, 1)).data[0]).toBeGreaterThan(0);
  });

  it('writes a set point (FC6) and a standby pump (FC5); refuses a read-only register', async () => {
    await client.writeRegister(400, 1655); // TK-101.setpoint, 0.1 °C per count
    expect(vp.sim.state.tanks[0].pid.setpoint_C).toBeCloseTo(165.5, 9);
    expect(vp.sim.read('P-201B.running')).toBe(0);
    await client.writeCoil(1, true); // P-201B.running
    vp.step(1, T0_MS + 6000);
    expect(vp.sim.read('P-201B.running')).toBe(1);
    expect((await client.readCoils(1, 1)).data[0]).toBe(true);
    await expect(client.writeRegister(300, 5000)).rejects.toThrow(/exception 1/); // TK-101.valve: read-only
    await expect(client.writeRegister(401, 9000)).rejects.toThrow(/exception 3/); // 900 °C: refused by the plant
    expect(vp.sim.state.tanks[1].pid.setpoint_C).not.toBe(900);
  });

  it('the control port injects and clears faults over HTTP, refusing a bad body by path', async () => {
    const control = await startControlServer(vp, 0, () => T0_MS);
    try {
      const url = `http://127.0.0.1:${control.port}`;
      const post = (tag: string, body: string) => fetch(`${url}/faults/${tag}`, { method: 'POST', body });
      expect((await post('TK-103.level', '{"kind":"bad"}')).status).toBe(200);
      await expect(client.readInputRegisters(102, 1)).rejects.toThrow(/exception 4/);
      const bad = await post('TK-103.level', '{"kind":"noisy","sigma":-1}');
      expect(bad.status).toBe(400);
      expect(((await bad.json()) as { errors: { path: string }[] }).errors[0].path).toBe('sigma');
      expect((await post('TK-999.level', '{"kind":"stuck"}')).status).toBe(404);
      expect((await fetch(`${url}/faults`, { method: 'DELETE' })).status).toBe(200);
      expect((await client.readInputRegisters(102, 1)).data[0]).toBeGreaterThan(0);
      const values = (await (await fetch(`${url}/values`)).json()) as Record<string, { v: number }>;
      expect(Object.keys(values)).toHaveLength(106);
      expect(JSON.stringify(values)).not.toContain('fouling');
    } finally {
      await control.stop();
    }
  });
});
