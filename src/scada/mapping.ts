import { z } from 'zod';
import { formatPath, type FieldError, type LoadResult } from '../sim/plant/load';

/**
 * A tag-mapping file (`models/scada/*.json`): where each plant tag lives in the control system, and how a raw
 * value becomes an engineering value in the plant's units. One format serves the bridge (which reads the
 * addresses) and the virtual plant (which serves the same addresses), so the two cannot drift apart.
 *
 * Engineering value = convert(scale(decode(raw))): `decode` reads the register words / node value / metric,
 * `scale` maps raw span → engineering span linearly (or gain/offset), `convert` changes units (°F → °C …).
 */

const id = z.string().regex(/^[A-Za-z0-9_.-]{1,64}$/, 'letters, digits, _ . - only (1–64)');

const modbusSource = z.strictObject({
  id,
  kind: z.literal('modbus'),
  host: z.string().min(1),
  port: z.number().int().min(1).max(65535),
  unitId: z.number().int().min(0).max(255).default(1),
  /** How often every Modbus tag of this source is polled, ms. */
  poll_ms: z.number().int().min(50).max(3_600_000).default(1000),
  timeout_ms: z.number().int().min(50).max(60_000).default(1000),
});

const opcuaSecurity = z.discriminatedUnion('mode', [
  z.strictObject({ mode: z.literal('None') }),
  z.strictObject({
    mode: z.literal('SignAndEncrypt'),
    policy: z.literal('Basic256Sha256').default('Basic256Sha256'),
    /** User name + password, or the client certificate as the user's identity; none = anonymous. */
    user: z.strictObject({ username: z.string().min(1), password: z.string() }).optional(),
    userCertificate: z.strictObject({ certFile: z.string().min(1), keyFile: z.string().min(1) }).optional(),
  }),
]);

const opcuaSource = z.strictObject({
  id,
  kind: z.literal('opcua'),
  endpoint: z.string().regex(/^opc\.tcp:\/\//, 'an opc.tcp:// URL'),
  security: opcuaSecurity.default({ mode: 'None' }),
  /** Default sampling interval for this source's monitored items, ms (a tag's rate_ms overrides it). */
  sampling_ms: z.number().int().min(10).max(3_600_000).default(500),
});

const sparkplugSource = z.strictObject({
  id,
  kind: z.literal('sparkplug'),
  /** The site's broker: mqtt://, mqtts://, ws:// or wss://. */
  broker: z.string().regex(/^(mqtts?|wss?):\/\//, 'an mqtt(s):// or ws(s):// URL'),
  groupId: id,
  edgeNode: id,
  username: z.string().optional(),
  password: z.string().optional(),
});

export const sourceSchema = z.discriminatedUnion('kind', [modbusSource, opcuaSource, sparkplugSource]);

const modbusAddress = z.strictObject({
  /** holding / input registers (function 3 / 4), coils / discrete inputs (1 / 2). */
  table: z.enum(['holding', 'input', 'coil', 'discrete']),
  /** Zero-based register or bit number. */
  address: z.number().int().min(0).max(65535),
  type: z.enum(['bool', 'int16', 'uint16', 'int32', 'uint32', 'float32']).default('uint16'),
  /** For 32-bit types: which register holds the high word ('big' = first register high, the Modbus norm). */
  wordOrder: z.enum(['big', 'little']).default('big'),
});

const opcuaAddress = z.strictObject({ nodeId: z.string().min(1) });
const sparkplugAddress = z.strictObject({
  /** The device that carries the metric (DBIRTH/DDATA); none = a node metric (NBIRTH/NDATA). */
  device: id.optional(),
  metric: z.string().min(1),
});

const span = z.tuple([z.number(), z.number()]).refine(([a, b]) => a !== b, 'the two ends must differ');

export const tagMappingSchema = z.strictObject({
  /** The plant tag it feeds (`<equipment>.<quantity>`, as in src/sim/tags.ts). */
  tag: z.string().min(1),
  source: id,
  address: z.union([modbusAddress, opcuaAddress, sparkplugAddress]),
  /** Unit of the engineering value after scaling and conversion: must be the plant tag's unit. */
  unit: z.string(),
  /** Linear scaling raw → engineering: spans, or gain and offset (eng = raw · gain + offset). */
  scale: z
    .union([
      z.strictObject({ raw: span, eng: span }),
      z.strictObject({ gain: z.number(), offset: z.number().default(0) }),
    ])
    .optional(),
  /** A unit conversion after scaling, for a source that reports in other units than the plant's. */
  convert: z
    .enum(['F_to_C', 'K_to_C', 'bar_to_Pa', 'kPa_to_Pa', 'psi_to_Pa', 'm3h_to_m3s', 'ft_to_m', 'pct_to_frac'])
    .optional(),
  /** Changes smaller than this (engineering units) are not published. */
  deadband: z.number().min(0).default(0),
  /** The instrument's calibrated range; a value outside it is bad. */
  range: z.tuple([z.number(), z.number()]).refine(([a, b]) => a < b, 'low end below the high end'),
  /** Expected update period, ms: no update within 3× this and the tag is stale. */
  rate_ms: z.number().int().min(10).max(86_400_000).default(1000),
  /** Fastest credible change, engineering units per second; faster is uncertain (a spike, a bad wire). */
  maxRate_per_s: z.number().positive().optional(),
  /** A live analog value that does not move at all for this long is uncertain (a frozen transmitter). */
  flatline_s: z.number().positive().optional(),
  /** May the bridge write this tag when started with --allow-write? Default no. */
  writable: z.boolean().default(false),
});

/** A cross-check between instruments (section "Data quality" of the live-twin design). */
export const crossCheckSchema = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('levelMassBalance'),
    id,
    /** Radar level tag, m, and the tank it belongs to. */
    levelTag: z.string(),
    tank: z.string(),
    /** Metered flows into (+) and out of (−) the tank, kg/s. */
    inflowTags: z.array(z.string()).default([]),
    outflowTags: z.array(z.string()).default([]),
    tolerance_m: z.number().positive(),
  }),
  z.strictObject({
    kind: z.literal('tempProfile'),
    id,
    /** Control TT and the multi-point profile it should sit inside. */
    controlTag: z.string(),
    profileTags: z.array(z.string()).min(2),
    tolerance_K: z.number().positive(),
  }),
  z.strictObject({
    kind: z.literal('heaterDuty'),
    id,
    dutyTag: z.string(),
    flowTag: z.string(),
    supplyTag: z.string(),
    returnTag: z.string(),
    /** Oil heat capacity, J/(kg·K). */
    cp_J_kgK: z.number().positive(),
    tolerance_frac: z.number().positive(),
  }),
]);

export const mappingSchema = z.strictObject({
  $schema: z.string().optional(),
  /** Site and plant ids: the topics are tanktwin/<site>/live/<plant>/… */
  site: id,
  plant: id,
  description: z.string().optional(),
  sources: z.array(sourceSchema).min(1),
  tags: z.array(tagMappingSchema).min(1),
  crossChecks: z.array(crossCheckSchema).default([]),
});

export type ScadaSource = z.infer<typeof sourceSchema>;
export type ModbusSource = z.infer<typeof modbusSource>;
export type OpcuaSource = z.infer<typeof opcuaSource>;
export type SparkplugSource = z.infer<typeof sparkplugSource>;
export type ModbusAddress = z.infer<typeof modbusAddress>;
export type OpcuaAddress = z.infer<typeof opcuaAddress>;
export type SparkplugAddress = z.infer<typeof sparkplugAddress>;
export type TagMapping = z.infer<typeof tagMappingSchema>;
export type CrossCheck = z.infer<typeof crossCheckSchema>;
export type Mapping = z.infer<typeof mappingSchema>;

/** Checks the schema cannot express: ids unique, every tag's source declared and of the right address kind. */
function crossErrors(m: Mapping): FieldError[] {
  const errors: FieldError[] = [];
  const sources = new Map<string, ScadaSource>();
  m.sources.forEach((s, i) => {
    if (sources.has(s.id)) errors.push({ path: `sources[${i}].id`, message: `duplicate source id "${s.id}"` });
    sources.set(s.id, s);
  });
  const seen = new Set<string>();
  m.tags.forEach((t, i) => {
    if (seen.has(t.tag)) errors.push({ path: `tags[${i}].tag`, message: `tag "${t.tag}" is mapped twice` });
    seen.add(t.tag);
    const s = sources.get(t.source);
    if (!s) return errors.push({ path: `tags[${i}].source`, message: `no source "${t.source}" in sources` });
    const want = s.kind === 'modbus' ? 'table' : s.kind === 'opcua' ? 'nodeId' : 'metric';
    if (!(want in t.address))
      errors.push({ path: `tags[${i}].address`, message: `a ${s.kind} source needs an address with "${want}"` });
    if (t.scale && 'raw' in t.scale === false && !Number.isFinite(t.scale.gain))
      errors.push({ path: `tags[${i}].scale.gain`, message: 'gain must be a finite number' });
  });
  return errors;
}

/** Validate a mapping; every problem is named by its path (`tags[3].address.type`). */
export function parseMapping(raw: unknown): LoadResult<Mapping> {
  const r = mappingSchema.safeParse(raw);
  if (!r.success)
    return { ok: false, errors: r.error.issues.map((i) => ({ path: formatPath(i.path), message: i.message })) };
  const errors = crossErrors(r.data);
  return errors.length ? { ok: false, errors } : { ok: true, value: r.data };
}

/** Validate a mapping against the plant's tag list too: every mapped tag must exist with the same unit. */
export function checkMappingTags(m: Mapping, plantTags: ReadonlyMap<string, { unit: string }>): FieldError[] {
  const errors: FieldError[] = [];
  m.tags.forEach((t, i) => {
    const p = plantTags.get(t.tag);
    if (!p) errors.push({ path: `tags[${i}].tag`, message: `the plant has no tag "${t.tag}"` });
    else if (p.unit !== t.unit)
      errors.push({ path: `tags[${i}].unit`, message: `"${t.unit}" but the plant's ${t.tag} is in "${p.unit}"` });
  });
  return errors;
}
