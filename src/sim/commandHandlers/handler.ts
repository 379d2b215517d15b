import type { Command, CommandType } from '../commands';
import type { Model } from '../plantIndex';
import type { SimState } from '../state';

// The shape of a command handler and the helpers every handler family shares. A handler receives a
// command that has passed commandSchema (fields and ranges); it checks only what needs the plant or
// the present state, and says why when it refuses.

export type CommandResult = { ok: true } | { ok: false; reason: string };

export type CommandHandler<T extends CommandType> = (
  m: Model,
  s: SimState,
  c: Extract<Command, { type: T }>,
) => CommandResult;

/** A handler for each of the types K: a family of commands, or (K = CommandType) all of them. */
export type CommandHandlers<K extends CommandType = CommandType> = { [T in K]: CommandHandler<T> };

export const OK: CommandResult = { ok: true };
export const no = (reason: string): CommandResult => ({ ok: false, reason });
/** Positions and outputs are fractions; a programmatic caller's stray value must not open a valve past full. */
export const clamp01 = (x: number): number => Math.min(1, Math.max(0, x));

/** The tank a controller tag (TIC-xxx) or a tank tag names, or undefined. */
export function controllerTank(m: Model, tag: string): number | undefined {
  const i = m.tanks.findIndex((t) => t.data.control.tag === tag || t.tag === tag);
  return i >= 0 ? i : undefined;
}

/** The control PV of tank i (its 25/50/75 % mean temperature instrument), °C. */
export function tankPv_C(m: Model, s: SimState, i: number): number {
  return s.instruments[m.tanks[i].insTemp].value;
}

/** The higher of the control PV and the safety system's own element: a trip resets only when both are clear. */
export function tankTripTemp_C(m: Model, s: SimState, i: number): number {
  const tm = m.tanks[i];
  return Math.max(s.instruments[tm.insTemp].value, s.instruments[tm.insTempSafety].value);
}
