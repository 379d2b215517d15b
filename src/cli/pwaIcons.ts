import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { drawIcon, encodePng, ICONS } from '../pwa/iconArt';

// Writes the install icons to public/icons: `npx tsx src/cli/pwaIcons.ts` (they are committed; run it again
// only when src/pwa/iconArt.ts changes).
const dir = join(import.meta.dirname, '..', '..', 'public', 'icons');
mkdirSync(dir, { recursive: true });
for (const icon of ICONS) {
  const png = encodePng(drawIcon(icon.side, { maskable: icon.maskable }), icon.side);
  writeFileSync(join(dir, icon.file), png);
  console.log(`${icon.file}: ${png.length} bytes`);
}
