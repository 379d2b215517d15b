import { z } from 'zod';
import { liveEventSchema, tagBatchSchema } from '../protocol/live';

/** An ingest entry as spooled (types.ts `Entry`), checked again when read back. */
export const entrySchema = z.union([
  z.strictObject({ plant: z.string().min(1), batch: tagBatchSchema }),
  z.strictObject({ plant: z.string().min(1), event: liveEventSchema }),
]);
