import { z } from 'zod';
import { commandOriginSchema, commandSchema, faultSchema } from './commandSchema';

// The time-stamped event log: every alarm transition, trip, interlock, operator action and fault.
// Described once as schemas (a stored session log can be checked against them); the types are inferred.

export const alarmPrioritySchema = z.enum(['critical', 'high', 'medium', 'low']);
export const alarmStateNameSchema = z.enum(['normal', 'unack', 'ack', 'rtnUnack', 'shelved', 'outOfService']);

export const simEventSchema = z.discriminatedUnion('type', [
  z.strictObject({
    type: z.literal('alarm'),
    t_s: z.number(),
    id: z.string(),
    tag: z.string(),
    priority: alarmPrioritySchema,
    state: alarmStateNameSchema,
    message: z.string(),
  }),
  z.strictObject({ type: z.literal('trip'), t_s: z.number(), tag: z.string(), cause: z.string() }),
  z.strictObject({ type: z.literal('interlock'), t_s: z.number(), tag: z.string(), action: z.string() }),
  z.strictObject({
    type: z.literal('action'),
    t_s: z.number(),
    command: commandSchema,
    by: commandOriginSchema,
    result: z.enum(['ok', 'rejected']),
    reason: z.string().optional(),
  }),
  z.strictObject({
    type: z.literal('fault'),
    t_s: z.number(),
    action: z.enum(['inject', 'clear']),
    id: z.number().int(),
    fault: faultSchema,
  }),
  z.strictObject({ type: z.literal('info'), t_s: z.number(), tag: z.string(), message: z.string() }),
]);

export type AlarmPriority = z.infer<typeof alarmPrioritySchema>;
export type AlarmStateName = z.infer<typeof alarmStateNameSchema>;
export type SimEvent = z.infer<typeof simEventSchema>;
export type SimEventType = SimEvent['type'];
