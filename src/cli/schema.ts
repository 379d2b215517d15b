import { writeFileSync } from 'node:fs';
import { scenarioJsonSchema } from '../scenario/jsonSchema';

// `npm run schema`: write the published JSON Schema of the scenario format.
writeFileSync('scenarios/scenario.schema.json', JSON.stringify(scenarioJsonSchema(), null, 2) + '\n');
console.log('wrote scenarios/scenario.schema.json');
