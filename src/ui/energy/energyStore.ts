import { createStore } from 'zustand/vanilla';
import { useStore } from 'zustand';
import type { FieldError } from '../../sim/plant/load';
import type { PlannerResult } from './computePlan';

// The Energy panel's slow state, kept while the panel is closed so the plan sent to the plant is still shown
// when it opens again: the last computed plan, whether the plant took it, and why not.

export interface EnergyState {
  busy: boolean;
  result: PlannerResult | null;
  /** Counts plans computed, so each new plan's charts are drawn afresh. */
  version: number;
  sent: 'sent' | 'refused' | null;
  reason: string | null;
  errors: FieldError[];
}

export const energyStore = createStore<EnergyState>(() => ({
  busy: false,
  result: null,
  version: 0,
  sent: null,
  reason: null,
  errors: [],
}));

export function useEnergy<T>(sel: (s: EnergyState) => T): T {
  return useStore(energyStore, sel);
}
