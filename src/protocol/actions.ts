import { z } from 'zod';
import { commandSchema, faultSchema } from '../sim/commandSchema';
import { conditionSchema } from '../scenario/schema';
import { SPEED_MAX, SPEED_MIN } from './frame';

/**
 * Every action a person can take on a plant, as ONE tagged union on `kind`. The plant's own Command keeps
 * its `type` and travels wrapped (`{kind:'command', command}`), so the same message goes over comlink to
 * the local worker, over MQTT to a station's session, and into the event log next to the participant who
 * issued it. Types are inferred from the schemas; nothing else describes an action.
 *
 * Who may send which kind is decided by `actionAllowed` below (the station enforces it per participant;
 * the broker enforces the coarser split between the `action` and `control` topics, see session.ts).
 */

const tag = z.string().min(1);
const finiteNumber = z.number().refine(Number.isFinite, 'must be a finite number');
const point = z.strictObject({ x: finiteNumber, y: finiteNumber, z: finiteNumber });
/** A scenario as its file holds it; the station validates it against the plant when it starts. */
const scenarioFile = z.record(z.string(), z.unknown());

export const commandActionSchema = z.strictObject({ kind: z.literal('command'), command: commandSchema });

export const clockActionSchema = z.discriminatedUnion('op', [
  z.strictObject({ kind: z.literal('clock'), op: z.literal('run') }),
  z.strictObject({ kind: z.literal('clock'), op: z.literal('pause') }),
  // plant steps while paused (1..86 400: a plant day at 1 s)
  z.strictObject({ kind: z.literal('clock'), op: z.literal('step'), n: z.number().int().min(1).max(86400).optional() }),
  z.strictObject({ kind: z.literal('clock'), op: z.literal('speed'), speed: z.number().min(SPEED_MIN).max(SPEED_MAX) }),
]);

export const scenarioActionSchema = z.discriminatedUnion('op', [
  // by id from the station's scenario folder, or a whole scenario file
  z.strictObject({
    kind: z.literal('scenario'),
    op: z.literal('start'),
    id: z.string().min(1).optional(),
    scenario: scenarioFile.optional(),
  }),
  z.strictObject({ kind: z.literal('scenario'), op: z.literal('abandon') }),
  z.strictObject({ kind: z.literal('scenario'), op: z.literal('close') }),
  z.strictObject({ kind: z.literal('scenario'), op: z.literal('hint') }),
  // an operator's report (raise the alarm, withdraw, muster): logged and scored, no effect on the plant
  z.strictObject({
    kind: z.literal('scenario'),
    op: z.literal('report'),
    subject: z.string().min(1),
    detail: z.string().optional(),
  }),
]);

export const itemActionSchema = z.discriminatedUnion('op', [
  z.strictObject({ kind: z.literal('item'), op: z.literal('pickUp'), tag }),
  z.strictObject({ kind: z.literal('item'), op: z.literal('putDown'), tag, at: point.optional() }),
]);

/** Back to the newest held snapshot at or before plant time t_s (the ring holds one a plant minute). */
export const backtrackActionSchema = z.strictObject({ kind: z.literal('backtrack'), t_s: z.number().min(0) });

/** To one participant (their id) or to everyone ('all'); shown on the VR panel and the desktop HUD. */
export const messageActionSchema = z.strictObject({
  kind: z.literal('message'),
  to: z.string().min(1),
  text: z.string().min(1).max(2000),
});

export const faultActionSchema = z.discriminatedUnion('op', [
  // now, after delay_s of plant time, or when a condition (the scenario format's) first holds
  z.strictObject({
    kind: z.literal('fault'),
    op: z.literal('inject'),
    fault: faultSchema,
    delay_s: z
      .number()
      .positive()
      .max(86400 * 7)
      .optional(),
    when: conditionSchema.optional(),
  }),
  // one fault by its id (from the fault event), or every active one when id is absent
  z.strictObject({ kind: z.literal('fault'), op: z.literal('clear'), id: z.number().int().optional() }),
]);

/** The library of named initial conditions kept on the station. */
export const icActionSchema = z.discriminatedUnion('op', [
  z.strictObject({ kind: z.literal('ic'), op: z.literal('save'), name: z.string().regex(/^[\w.-]{1,64}$/) }),
  z.strictObject({ kind: z.literal('ic'), op: z.literal('load'), name: z.string().regex(/^[\w.-]{1,64}$/) }),
]);

/** A trainee's part in the scenario (the scenario format's roles): field operator or control-room operator. */
export const scenarioRoleSchema = z.enum(['field', 'console']);
export type ScenarioRole = z.infer<typeof scenarioRoleSchema>;

/** The instructor gives a participant (by id) their part; the roster shows it to everyone. */
export const assignActionSchema = z.strictObject({
  kind: z.literal('assign'),
  pid: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/),
  scenarioRole: scenarioRoleSchema,
});

/** End the exercise: the plant freezes, records are written and every page opens its debrief. */
export const endActionSchema = z.strictObject({ kind: z.literal('end') });

export const actionSchema = z.discriminatedUnion('kind', [
  commandActionSchema,
  clockActionSchema,
  scenarioActionSchema,
  itemActionSchema,
  backtrackActionSchema,
  messageActionSchema,
  faultActionSchema,
  icActionSchema,
  endActionSchema,
  assignActionSchema,
]);

export type Action = z.infer<typeof actionSchema>;
export type ActionKind = Action['kind'];
export type CommandAction = z.infer<typeof commandActionSchema>;
export type ClockAction = z.infer<typeof clockActionSchema>;
export type ScenarioAction = z.infer<typeof scenarioActionSchema>;
export type ItemAction = z.infer<typeof itemActionSchema>;
export type BacktrackAction = z.infer<typeof backtrackActionSchema>;
export type MessageAction = z.infer<typeof messageActionSchema>;
export type FaultAction = z.infer<typeof faultActionSchema>;
export type IcAction = z.infer<typeof icActionSchema>;
export type AssignAction = z.infer<typeof assignActionSchema>;

export const roleSchema = z.enum(['instructor', 'trainee', 'observer']);
export type Role = z.infer<typeof roleSchema>;

/** Plant commands only an instructor gives: they change the exercise, not the plant as an operator would. */
export const INSTRUCTOR_COMMANDS: ReadonlySet<string> = new Set([
  'injectFault',
  'clearFault',
  'clearAllFaults',
  'setWeather',
  'setTimeOfDay',
  'truckArrive',
  'truckDepart',
]);

/** What a trainee may do on a scenario: ask for a hint, make a report. */
const TRAINEE_SCENARIO_OPS: ReadonlySet<string> = new Set(['hint', 'report']);

/**
 * Whether a participant in `role` may take `action`; null when allowed, else why not (shown to them and
 * logged). An observer acts on nothing; a trainee operates the plant and the items; the rest (clock,
 * faults, backtrack, messages, initial conditions, the end) is the instructor's.
 */
export function actionAllowed(role: Role, action: Action): string | null {
  if (role === 'instructor') return null;
  if (role === 'observer') return 'an observer cannot act on the plant';
  switch (action.kind) {
    case 'command':
      return INSTRUCTOR_COMMANDS.has(action.command.type)
        ? `a trainee cannot give the instructor's command ${action.command.type}`
        : null;
    case 'item':
      return null;
    case 'scenario':
      return TRAINEE_SCENARIO_OPS.has(action.op) ? null : `a trainee cannot ${action.op} the scenario`;
    default:
      return `a trainee cannot use ${action.kind === 'clock' ? 'the clock' : action.kind}`;
  }
}

/** Kinds that travel on the instructor-only `control` topic (the broker refuses them from anyone else). */
export function isControlAction(action: Action): boolean {
  return actionAllowed('trainee', action) !== null;
}

/** Parse an action from outside; the error names the fields at fault. */
export function parseAction(raw: unknown): { ok: true; action: Action } | { ok: false; reason: string } {
  const r = actionSchema.safeParse(raw);
  if (r.success) return { ok: true, action: r.data };
  return {
    ok: false,
    reason: `malformed action: ${r.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ')}`,
  };
}
