import { writeFileSync, mkdirSync } from 'node:fs';
import { ENV_HEIGHT, ENV_WIDTH, encodeRgbe, makeSky } from '../scene/look/envMap';

// Writes the plant's environment map, public/env/sky.hdr (see src/scene/look/envMap.ts): run
// `npx tsx src/cli/envMap.ts` after changing the sky there, and commit the file.
mkdirSync('public/env', { recursive: true });
writeFileSync('public/env/sky.hdr', encodeRgbe(makeSky(), ENV_WIDTH, ENV_HEIGHT));
console.log(`public/env/sky.hdr ${ENV_WIDTH}×${ENV_HEIGHT}`);
