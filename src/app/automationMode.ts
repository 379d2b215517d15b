/**
 * Automation mode: the page is served as localhost (a developer's or a test machine), or was opened with
 * an explicit ?automation=1 (which training records then note). Only then can scripts command the plant
 * through window.tanktwin; a trainee's normal page exposes reading members only, so a score cannot be
 * produced by a console script and passed off as the trainee's.
 */
export function automationMode(loc: { hostname: string; search: string } = location): boolean {
  return loc.hostname === 'localhost' || new URLSearchParams(loc.search).get('automation') === '1';
}
