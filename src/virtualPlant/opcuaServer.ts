import path from 'node:path';
import {
  DataType,
  MessageSecurityMode,
  OPCUACertificateManager,
  OPCUAServer,
  SecurityPolicy,
  StatusCode,
  StatusCodes,
  Variant,
  DataValue,
  type UAVariable,
} from 'node-opcua';
import type { ServedValue, VirtualPlant } from './plant';

// The virtual plant's SCADA server: every tag of the mapping's OPC UA sources as a Double variable under
// ns=1 with the string node id the mapping names (`ns=1;s=TK-101.temp_hh`), carrying the engineering value,
// the source timestamp and a StatusCode (BadSensorFailure for an injected failed sensor). Endpoints with
// security None (anonymous allowed) and SignAndEncrypt Basic256Sha256 (user name + password, or an X.509
// user certificate); the server's certificate is made on first start in `<dataDir>/pki`.

export interface OpcuaServerOptions {
  /** 0 = any free port. */
  port: number;
  /** Interface to listen on and to name in the endpoint URLs (default loopback). */
  host?: string;
  /** Where the PKI folders (own certificate, trusted and rejected peers) live. */
  dataDir: string;
  users: { username: string; password: string }[];
  /** Serve only tags of these sources (default: every OPC UA source of the mapping). */
  sources?: string[];
  /** Source time of a written value. */
  now?: () => number;
}

export interface VirtualOpcuaServer {
  readonly port: number;
  readonly endpointUrl: string;
  /** The server certificate (DER), for a client that pins it. */
  stop(): Promise<void>;
}

const NODE_ID = /^ns=1;s=(.+)$/;

export async function startOpcuaServer(plant: VirtualPlant, o: OpcuaServerOptions): Promise<VirtualOpcuaServer> {
  const opcSources = new Set(
    plant.mapping.sources
      .filter((s) => s.kind === 'opcua' && (!o.sources || o.sources.includes(s.id)))
      .map((s) => s.id),
  );
  const pki = path.join(o.dataDir, 'pki');
  const serverCertificateManager = new OPCUACertificateManager({
    rootFolder: path.join(pki, 'server'),
    // a training plant on loopback: any client certificate is accepted (and kept in trusted/ for inspection)
    automaticallyAcceptUnknownCertificate: true,
  });
  const userCertificateManager = new OPCUACertificateManager({
    rootFolder: path.join(pki, 'users'),
    automaticallyAcceptUnknownCertificate: true,
  });
  const server = new OPCUAServer({
    port: o.port,
    host: o.host ?? '127.0.0.1',
    hostname: o.host ?? '127.0.0.1',
    resourcePath: '',
    buildInfo: { productName: 'TankTwin virtual plant', manufacturerName: 'TankTwin' },
    serverCertificateManager,
    userCertificateManager,
    securityModes: [MessageSecurityMode.None, MessageSecurityMode.SignAndEncrypt],
    securityPolicies: [SecurityPolicy.None, SecurityPolicy.Basic256Sha256],
    allowAnonymous: true,
    userManager: { isValidUser: (u: string, p: string) => o.users.some((x) => x.username === u && x.password === p) },
  });
  await server.initialize();
  const addressSpace = server.engine.addressSpace!;
  const ns = addressSpace.getOwnNamespace();
  const folder = ns.addFolder(addressSpace.rootFolder.objects, { browseName: 'Plant' });

  const served: { k: number; v: UAVariable }[] = [];
  plant.tags.forEach((t, k) => {
    if (!opcSources.has(t.source) || !('nodeId' in t.address)) return;
    const id = NODE_ID.exec(t.address.nodeId);
    if (!id) throw new Error(`tags[${k}].address.nodeId: the virtual plant serves ns=1;s=<name> node ids only`);
    const v = ns.addVariable({
      componentOf: folder,
      nodeId: `s=${id[1]}`,
      browseName: id[1],
      description: `${t.tag} (${t.unit})`,
      dataType: 'Double',
      accessLevel: t.writable ? 'CurrentRead | CurrentWrite' : 'CurrentRead',
      userAccessLevel: t.writable ? 'CurrentRead | CurrentWrite' : 'CurrentRead',
      minimumSamplingInterval: 100,
    });
    if (t.writable) {
      // node-opcua wants a getter beside a setter: a writable tag is read from the plant when sampled
      v.bindVariable({
        timestamped_get: () => dataValueOf(plant.valueAt(k)),
        timestamped_set: async (dv: DataValue) => {
          const r = plant.write(t.tag, Number(dv.value.value), (o.now ?? Date.now)());
          return r.ok ? StatusCodes.Good : StatusCodes.BadOutOfRange;
        },
      });
      return;
    }
    served.push({ k, v });
  });

  const push = () => {
    for (const { k, v } of served) {
      const s = plant.valueAt(k);
      v.setValueFromSource(variantOf(s), statusOf(s), new Date(s.ts_ms));
    }
  };
  push();
  const unsubscribe = plant.onSample(push);
  await server.start();
  const port = server.endpoints[0].port;
  return {
    port,
    endpointUrl: `opc.tcp://${o.host ?? '127.0.0.1'}:${port}`,
    async stop() {
      unsubscribe();
      await server.shutdown(0);
      await serverCertificateManager.dispose();
      await userCertificateManager.dispose();
    },
  };
}

const variantOf = (s: ServedValue) => new Variant({ dataType: DataType.Double, value: s.v ?? 0 });
const statusOf = (s: ServedValue) => (s.status === 'good' ? StatusCodes.Good : badStatus(s.reason));

function dataValueOf(s: ServedValue): DataValue {
  const ts = new Date(s.ts_ms);
  return new DataValue({
    value: variantOf(s),
    statusCode: statusOf(s),
    sourceTimestamp: ts,
    serverTimestamp: new Date(),
  });
}

/** An injected failure's status: the named Bad code when there is one ("BadSensorFailure"), else BadSensorFailure. */
function badStatus(reason: string | undefined): StatusCode {
  const named = reason ? (StatusCodes as unknown as Record<string, StatusCode>)[reason] : undefined;
  return named instanceof StatusCode && named.isBad() ? named : StatusCodes.BadSensorFailure;
}
