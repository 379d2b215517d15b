import { z } from 'zod';

/**
 * Zod compiles fast parsers with `new Function` when it may. Under the app's CSP (no 'unsafe-eval') that
 * probe is refused and reported as a policy violation; jitless mode skips the probe and parses the same
 * way. Imported first by every browser entry (the page and the plant worker).
 */
z.config({ jitless: true });
