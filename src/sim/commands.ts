import type { z } from 'zod';
import type { armPositionSchema, commandOriginSchema, commandSchema, controllerModeSchema } from './commandSchema';

// The command types, inferred from their schemas in commandSchema.ts (the one description of each
// command: fields, units and ranges).

export type ControllerMode = z.infer<typeof controllerModeSchema>;
export type ArmPosition = z.infer<typeof armPositionSchema>;

/** Everything an operator, instructor or scenario can do to the plant. Applied at the start of the next step. */
export type Command = z.infer<typeof commandSchema>;

/** Who issued a command: the trainee, the running scenario, or the instructor. */
export type CommandOrigin = z.infer<typeof commandOriginSchema>;

export type CommandType = Command['type'];
