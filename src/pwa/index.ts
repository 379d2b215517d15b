// The installable, offline app: registration and update offers (register.ts), the update banner, and the
// offline copy of ?plant= files. The service worker itself is generated at build (config.ts).
export { registerPwa } from './register';
export { fetchPlantFile } from './plantCache';
export { UpdateBanner } from './UpdateBanner';
