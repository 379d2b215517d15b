import { z } from 'zod';
import { scenarioSchema } from './schema';

/** The scenario format as a JSON Schema for authors' editors (scenarios/scenario.schema.json). */
export function scenarioJsonSchema(): unknown {
  return {
    ...z.toJSONSchema(scenarioSchema, { io: 'input', unrepresentable: 'any' }),
    $id: 'https://tanktwin.example/scenario.schema.json',
    title: 'TankTwin training scenario',
  };
}
