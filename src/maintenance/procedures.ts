import { z } from 'zod';
import raw from '../../models/maintenance.json';
import { localText } from '../scenario/schema';
import type { EquipmentKind } from '../plantView/equipmentCatalog';

// Maintenance procedures as data (models/maintenance.json), one per equipment type, validated on load.
const procedure = z.strictObject({ title: localText, steps: z.array(localText).min(1) });
export const maintenanceSchema = z.strictObject({
  schemaVersion: z.literal(1),
  procedures: z.strictObject({
    tank: procedure,
    hotOilPump: procedure,
    loadingPump: procedure,
    valve: procedure,
    heater: procedure,
  }),
});
export type MaintenanceData = z.infer<typeof maintenanceSchema>;
export type Procedure = z.infer<typeof procedure>;

let cached: MaintenanceData | null = null;
export function maintenance(): MaintenanceData {
  return (cached ??= maintenanceSchema.parse(raw));
}

export function procedureFor(kind: EquipmentKind): Procedure | null {
  const p = maintenance().procedures;
  return kind in p ? p[kind as keyof typeof p] : null;
}
