import type { PlantData } from '../sim/plant/schema';

type Tank = PlantData['tanks'][number];

/** A delivery arrives a little above the tank's storage setpoint, so receiving does not chill the stock. */
export const RECEIPT_ABOVE_SETPOINT_K = 5;
/** The plant file has no receipt rate (a ship or pipeline delivery is outside the terminal's data). */
export const RECEIPT_FLOW_KG_S = 20;
/** The preset a loading faceplate offers first: about two thirds of a 30 m³ road tanker. */
export const DEFAULT_PRESET_KG = 20000;

/** The flow and temperature a receipt into the tank starts with from the faceplate. */
export function receiptDefaults(tank: Tank): { flow_kg_s: number; temp_C: number } {
  return { flow_kg_s: RECEIPT_FLOW_KG_S, temp_C: tank.control.setpoint_C + RECEIPT_ABOVE_SETPOINT_K };
}
