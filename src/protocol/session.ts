/**
 * The shared-session protocol between a station (src/station, Node) and the pages that join it. Browser-safe:
 * zod and types only. MQTT over WebSocket at `/mqtt` on the station's own origin (embedded broker; MQTT 3.1.1,
 * the version aedes speaks) or an external broker (MQTT 5 or 3.1.1): a page learns the URL, protocol version
 * and credentials from `POST /api/join`, never from a constant.
 *
 * Topics, under `tanktwin/<site>/session/<id>/` (see `sessionTopics`):
 *
 * | topic            | from      | retained | payload                                                          |
 * | ---------------- | --------- | -------- | ---------------------------------------------------------------- |
 * | `info`           | station   | yes      | SessionInfo JSON: name, status, scenario, roster                 |
 * | `plant`          | station   | yes      | EngineInfo JSON (plant data, tag list, items): the frame's key   |
 * | `frame`          | station   | yes      | the frame's Float64Array bytes, little-endian, ≥ 10 Hz (layout:  |
 * |                  |           |          | src/protocol/frame.ts — header, then every tag in plant order)   |
 * | `state`          | station   | yes      | PlantStateMessage JSON when alarms/scenario/clock/faults change  |
 * | `event`          | station   | no       | EventMessage JSON: new plant events, the action log, messages    |
 * | `action`         | any actor | no       | ActionEnvelope JSON: a trainee's or instructor's Action          |
 * | `control`        | instructor| no       | ActionEnvelope JSON: instructor-only kinds (clock, fault, …)     |
 * | `presence/<pid>` | that pid  | yes      | Presence JSON ≥ 10 Hz; empty payload (the will) = left           |
 * | `reply/<pid>`    | station   | no       | ActionReply JSON: the outcome of each of that pid's actions      |
 *
 * A late joiner subscribes and at once receives every retained message: the session, the plant, the latest
 * frame and state, and each present participant. Nothing else is needed to draw the plant.
 *
 * Who may do what (roles instructor / trainee / observer):
 * - `POST /api/join {code, name, device}` turns a join code (one per role per session) into a short-lived
 *   token: HMAC-SHA256 over {sid, pid, role, name, exp}. On the embedded broker the page connects with
 *   username = pid and password = token; the broker checks it and allows only that role's topics (see
 *   `topicAllowed` in src/station/acl.ts): observers publish only their presence, trainees add `action`,
 *   the instructor adds `control`. An external broker gets role accounts and an ACL file (README).
 * - Every ActionEnvelope carries the token again; the station verifies it, so the issuer written into the
 *   event log and the records is the authenticated participant on any broker, and checks the action's
 *   kind against the role (`actionAllowed` in actions.ts). A refusal is logged and replied, never applied.
 * - `POST /api/refresh {token}` gives a fresh token before the old one expires; a page whose connection
 *   dropped reconnects with it (or rejoins with its code and the same pid) and carries on.
 */
import { z } from 'zod';
import { roleSchema, type Action, type Role, type ScenarioRole } from './actions';
import type { AlarmView, ScenarioStatus } from './frame';
import type { SimEvent } from '../sim/events';
import type { Fault } from '../sim/faults';
import type { ScenarioResult } from '../scenario/engine';

export const SESSION_PROTOCOL = 1;
/** Frames published a second at least; a page interpolates between them. */
export const FRAME_HZ = 10;
/** How long a token lasts; a page refreshes it at half this. */
export const TOKEN_TTL_S = 4 * 3600;

export interface SessionTopics {
  base: string;
  info: string;
  plant: string;
  frame: string;
  state: string;
  event: string;
  action: string;
  control: string;
  /** Every participant's presence (a subscription filter). */
  presenceAll: string;
  presence(pid: string): string;
  reply(pid: string): string;
}

const ID = /^[A-Za-z0-9_-]{1,64}$/;

/** Topic names of one session; ids are checked so no wildcard or level separator can slip in. */
export function sessionTopics(site: string, sessionId: string): SessionTopics {
  if (!ID.test(site) || !ID.test(sessionId)) throw new Error(`bad site or session id "${site}/${sessionId}"`);
  const base = `tanktwin/${site}/session/${sessionId}`;
  const one = (pid: string) => {
    if (!ID.test(pid)) throw new Error(`bad participant id "${pid}"`);
    return pid;
  };
  return {
    base,
    info: `${base}/info`,
    plant: `${base}/plant`,
    frame: `${base}/frame`,
    state: `${base}/state`,
    event: `${base}/event`,
    action: `${base}/action`,
    control: `${base}/control`,
    presenceAll: `${base}/presence/+`,
    presence: (pid) => `${base}/presence/${one(pid)}`,
    reply: (pid) => `${base}/reply/${one(pid)}`,
  };
}

export const deviceSchema = z.enum(['vr', 'desktop', 'phone']);
export type Device = z.infer<typeof deviceSchema>;

const vec3 = z.tuple([z.number(), z.number(), z.number()]);
const quat = z.tuple([z.number(), z.number(), z.number(), z.number()]);
/** A pose in plant coordinates (m), orientation as a unit quaternion x, y, z, w. */
export const poseSchema = z.strictObject({ p: vec3, q: quat });
export type Pose = z.infer<typeof poseSchema>;

/** What each page publishes of its person ≥ 10 Hz: the others draw the avatar from it. */
export const presenceSchema = z.strictObject({
  pid: z.string().regex(ID),
  name: z.string().min(1).max(80),
  role: roleSchema,
  device: deviceSchema,
  head: poseSchema,
  hands: z.strictObject({ left: poseSchema.nullable(), right: poseSchema.nullable() }).optional(),
  /** The tag of the item held, if any. */
  held: z.string().nullable().optional(),
  /** The tag of the equipment in the centre of view, if any. */
  lookingAt: z.string().nullable().optional(),
  /** Sender's clock, ms; for ordering only. */
  t_ms: z.number(),
});
export type Presence = z.infer<typeof presenceSchema>;

/** A page's action, signed by its token; `id` comes back in the reply. */
export const actionEnvelopeSchema = z.strictObject({
  token: z.string().min(1),
  id: z.string().min(1).max(64),
  /** Checked on its own (actionSchema) so a malformed action still gets a reply naming its fault. */
  action: z.unknown(),
});
export interface ActionEnvelope {
  token: string;
  id: string;
  action: Action;
}

export interface ActionReply {
  id: string;
  ok: boolean;
  reason?: string;
  /** What the action gave back: a hint's text, the plant time after a step or backtrack, a fault id. */
  result?: unknown;
}

export interface ParticipantView {
  pid: string;
  name: string;
  role: Role;
  device: Device;
  connected: boolean;
  /** The part the instructor gave them in the scenario, if any. */
  scenarioRole?: ScenarioRole;
}

export interface SessionInfo {
  protocol: number;
  id: string;
  site: string;
  name: string;
  createdAt: string;
  status: 'running' | 'ended';
  scenarioId: string | null;
  ic: string | null;
  frameHz: number;
  participants: ParticipantView[];
}

/** Who did something, as authenticated; never a free-text name alone. */
export interface Issuer {
  pid: string;
  name: string;
  role: Role;
}

export interface LogEntry {
  seq: number;
  wall: string; // ISO time on the station
  t_s: number; // plant time
  by: Issuer;
  action: unknown; // the Action as sent (or the malformed input, when refused as such)
  ok: boolean;
  reason?: string;
}

export interface ChatMessage {
  to: string; // a pid or 'all'
  text: string;
  from: Issuer;
  t_s: number;
}

export interface PendingFault {
  key: number;
  fault: Fault;
  at_s?: number;
  when?: unknown;
  by: Issuer;
}

/** The slow part of the plant's state: sent (retained) when any of it changes. */
export interface PlantStateMessage {
  t_s: number;
  running: boolean;
  speed: number;
  alarms: AlarmView[];
  scenario: ScenarioStatus | null;
  faults: { id: number; since_s: number; fault: Fault }[];
  pending: PendingFault[];
  /** Who holds each portable item (a pid), null when it lies where it was put down. */
  items: { tag: string; heldBy: string | null }[];
  ended: boolean;
}

export interface EventMessage {
  t_s: number;
  events?: SimEvent[];
  log?: LogEntry[];
  messages?: ChatMessage[];
  /** The exercise ended: open the debrief. */
  ended?: { by: Issuer; records: string[] };
}

// --- HTTP API (JSON bodies) ---

export const createSessionSchema = z.strictObject({
  name: z.string().min(1).max(120),
  /** A scenario id from the station's scenario folder; absent = free play. */
  scenario: z.string().min(1).optional(),
  /** A named initial condition from the station's library. */
  ic: z
    .string()
    .regex(/^[\w.-]{1,64}$/)
    .optional(),
  speed: z.number().min(0.1).max(1000).optional(),
});
export type CreateSession = z.infer<typeof createSessionSchema>;

export interface CreatedSession {
  id: string;
  codes: Record<Role, string>;
  /** Page links that join with each code. */
  links: Record<Role, string>;
}

export const joinSchema = z.strictObject({
  code: z.string().min(4).max(32),
  name: z.string().min(1).max(80),
  device: deviceSchema,
  /** Rejoin as the same participant after a drop (must match the code's session and role). */
  pid: z.string().regex(ID).optional(),
});
export type JoinRequest = z.infer<typeof joinSchema>;

export interface MqttAccess {
  /** ws(s)://…/mqtt for the embedded broker; the external broker's URL otherwise. */
  url: string;
  protocolVersion: 4 | 5;
  username: string;
  password: string;
  clientId: string;
}

export interface Joined {
  sessionId: string;
  site: string;
  participantId: string;
  role: Role;
  token: string;
  expiresAt: string;
  mqtt: MqttAccess;
}

/** A trainee's record as the station keeps it; `signature` covers the canonical JSON of everything else. */
export interface StationRecord {
  format: 'tanktwin.station-record/1';
  station: string;
  sessionId: string;
  sessionName: string;
  participant: Issuer & { device: Device };
  scenarioId: string | null;
  runId: string;
  startedAt: string;
  endedAt: string;
  result: ScenarioResult | null;
  actions: LogEntry[];
  events: SimEvent[];
  signature?: { alg: 'Ed25519'; keyId: string; value: string };
}

// --- the frame on the wire ---

/** The bytes of a frame's values (little-endian float64; every page and station is little-endian). */
export function encodeFrame(values: Float64Array): Uint8Array {
  return new Uint8Array(values.buffer, values.byteOffset, values.byteLength);
}

/** The values of a received frame payload, copied so they are aligned whatever the transport gave. */
export function decodeFrame(payload: Uint8Array): Float64Array {
  if (payload.byteLength % 8 !== 0) throw new Error(`frame payload of ${payload.byteLength} bytes is not float64s`);
  const out = new Float64Array(payload.byteLength / 8);
  new Uint8Array(out.buffer).set(payload);
  return out;
}
