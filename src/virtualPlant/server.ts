import type { Mapping } from '../scada/mapping';
import type { PlantData } from '../sim/plant/schema';
import type { Hidden } from './hidden';
import type { VirtualModbusServer } from './modbusServer';
import type { VirtualOpcuaServer } from './opcuaServer';
import { VirtualPlant } from './plant';
import { RealTimeRunner } from './runner';
import type { SparkplugPublisher } from './sparkplug';

// The whole virtual plant: the model, its real-time runner, and the protocol servers that publish it.
// Each server is optional, so a test starts only what it needs; stop() closes everything it started.
// The protocol libraries are loaded only for the servers asked for (node-opcua alone takes seconds).

export interface VirtualPlantServerOptions {
  plant: PlantData;
  mapping: Mapping;
  hidden: Hidden;
  seed?: number;
  dt_s?: number;
  /** Run against the wall clock at this speed; omit to leave stepping to the caller (tests). */
  speed?: number;
  opcua?: { port: number; dataDir: string; users: { username: string; password: string }[] };
  modbus?: { port: number; host?: string };
  sparkplug?: { broker: string; groupId?: string; edgeNode?: string; device?: string };
  now?: () => number;
}

export interface VirtualPlantServer {
  plant: VirtualPlant;
  runner: RealTimeRunner | null;
  opcua: VirtualOpcuaServer | null;
  modbus: VirtualModbusServer | null;
  sparkplug: SparkplugPublisher | null;
  stop(): Promise<void>;
}

export async function startVirtualPlant(o: VirtualPlantServerOptions): Promise<VirtualPlantServer> {
  const now = o.now ?? Date.now;
  const plant = new VirtualPlant({
    plant: o.plant,
    mapping: o.mapping,
    hidden: o.hidden,
    seed: o.seed,
    dt_s: o.dt_s,
    start_ms: now(),
  });
  const out: VirtualPlantServer = {
    plant,
    runner: null,
    opcua: null,
    modbus: null,
    sparkplug: null,
    async stop() {
      out.runner?.stop();
      await Promise.allSettled([out.opcua?.stop(), out.modbus?.stop(), out.sparkplug?.stop()]);
    },
  };
  try {
    if (o.modbus) out.modbus = await (await import('./modbusServer')).startModbusServer(plant, { ...o.modbus, now });
    if (o.opcua) out.opcua = await (await import('./opcuaServer')).startOpcuaServer(plant, { ...o.opcua, now });
    if (o.sparkplug)
      out.sparkplug = (await import('./sparkplug')).startSparkplugPublisher(plant, { ...o.sparkplug, now });
    if (o.speed !== undefined) {
      out.runner = new RealTimeRunner(plant, { speed: o.speed, now });
      out.runner.start();
    }
  } catch (e) {
    await out.stop();
    throw e;
  }
  return out;
}
