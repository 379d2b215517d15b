// The heating planner's result as the Energy panel reads it (the chart and the fuel of src/energy/plan.ts
// `planHeating`), named here once so the panel's helpers and components import one place.

export interface PlanLoading {
  at_s: number; // plant time
  bay: string;
  product: string;
  quantity_m3: number;
  min_C: number;
}

export interface PlanTankChart {
  tag: string;
  product: string;
  target_C: number[];
  min_C: number[];
  max_C: number[];
  duty_W: number[];
  loadings: PlanLoading[];
}

export interface PlanChart {
  t0_s: number;
  step_s: number;
  times_s: number[]; // plant time of each sample
  supply_C: number[];
  heaterDuty_W: number[];
  heaterMax_W: number;
  tanks: PlanTankChart[];
}

export interface PlanFuel {
  fuel_J: number;
  cost: number;
  currency: string;
  heat_J: number;
  storedChange_J: number;
  fuelCorrected_J: number;
  baseline: { fuel_J: number; cost: number; storedChange_J: number; fuelCorrected_J: number };
  saved_pct: number;
}
