import { SPEED_MAX, SPEED_MIN } from '../protocol/frame';

export interface StartParams {
  plantUrl: string | null;
  speed: number | null;
  run: boolean;
  lang: 'en' | 'th' | null;
  view: 'orbit' | 'walk' | null;
  select: string | null;
  page: 'plant' | 'qr' | 'instructor';
  /** A session's join code (the session pages, app/sessionStart.tsx). */
  join: string | null;
  /** With `join`: the participant's name (joins without the form) and device. */
  name: string | null;
  device: 'vr' | 'desktop' | 'phone' | null;
  /** Live mode: the origin of the station whose live plant the page shows (`?live=1`: the page's own). */
  live: string | null;
}

/**
 * Where `?plant=` may load a plant file from: the page's own origin, plus the origins a site lists at
 * build time in VITE_PLANT_ORIGINS (comma-separated, e.g. "https://plants.example.com"). A plant file from
 * anywhere else could put any equipment and any numbers in front of a trainee.
 */
export interface PlantSource {
  origin: string;
  allowedOrigins: readonly string[];
}

const DEFAULT_SOURCE: PlantSource = { origin: 'http://localhost', allowedOrigins: [] };

function plantUrlProblem(v: string, src: PlantSource): string | null {
  if (!/^(https?:\/\/|\/|\.\/)[^\s]*\.json$/i.test(v)) return 'must be the URL of a .json plant file';
  let url: URL;
  try {
    url = new URL(v, src.origin + '/');
  } catch {
    return 'must be the URL of a .json plant file';
  }
  if (url.origin === src.origin || src.allowedOrigins.includes(url.origin)) return null;
  return `must be on this site (${src.origin})${src.allowedOrigins.length ? ' or ' + src.allowedOrigins.join(', ') : ''}`;
}

/** Read the page's URL parameters; each bad one is skipped with a message naming it and the problem. */
export function parseParams(
  search: string,
  source: PlantSource = DEFAULT_SOURCE,
): { params: StartParams; warnings: string[] } {
  const q = new URLSearchParams(search);
  const warnings: string[] = [];
  const params: StartParams = {
    plantUrl: null,
    speed: null,
    run: false,
    lang: null,
    view: null,
    select: null,
    page: 'plant',
    join: null,
    name: null,
    device: null,
    live: null,
  };
  for (const [k, v] of q) {
    switch (k) {
      case 'plant': {
        const problem = plantUrlProblem(v, source);
        if (problem) warnings.push(`plant="${v}": ${problem}`);
        else params.plantUrl = v;
        break;
      }
      case 'speed': {
        const n = Number(v);
        if (Number.isFinite(n) && n >= SPEED_MIN && n <= SPEED_MAX) params.speed = n;
        else warnings.push(`speed="${v}": must be a number from ${SPEED_MIN} to ${SPEED_MAX}`);
        break;
      }
      case 'run':
        if (v === '1' || v === 'true') params.run = true;
        else if (v !== '0' && v !== 'false') warnings.push(`run="${v}": must be 1 or 0`);
        break;
      case 'lang':
        if (v === 'en' || v === 'th') params.lang = v;
        else warnings.push(`lang="${v}": must be en or th`);
        break;
      case 'view':
        if (v === 'orbit' || v === 'walk') params.view = v;
        else warnings.push(`view="${v}": must be orbit or walk`);
        break;
      case 'select':
        if (/^[A-Z0-9][A-Z0-9/-]*$/.test(v)) params.select = v;
        else warnings.push(`select="${v}": must be an equipment tag such as TK-101`);
        break;
      case 'page':
        if (v === 'qr' || v === 'plant' || v === 'instructor') params.page = v;
        else warnings.push(`page="${v}": must be qr, plant or instructor`);
        break;
      case 'join':
        if (/^[A-Za-z0-9]{4,32}$/.test(v)) params.join = v.toUpperCase();
        else warnings.push(`join="${v}": must be a session's join code`);
        break;
      case 'name':
        if (v.trim().length > 0 && v.length <= 80) params.name = v.trim();
        else warnings.push(`name="${v}": must be 1 to 80 characters`);
        break;
      case 'device':
        if (v === 'vr' || v === 'desktop' || v === 'phone') params.device = v;
        else warnings.push(`device="${v}": must be vr, desktop or phone`);
        break;
      case 'live': {
        const r = parseLiveParam(v, source.origin);
        if ('station' in r) params.live = r.station;
        else warnings.push(`live="${v}": ${r.problem}`);
        break;
      }
      default:
        warnings.push(
          `${k}: unknown parameter (known: plant, speed, run, lang, view, select, page, join, name, device, live)`,
        );
    }
  }
  return { params, warnings };
}

/**
 * `?live=` as the page was given it: `1` (or `true`, or empty) is the page's own station, anything else must be
 * an http(s) URL of a station (its origin is taken: a path or query would not name an API). Returns the
 * station's origin, or the problem.
 */
export function parseLiveParam(v: string, pageOrigin: string): { station: string } | { problem: string } {
  if (v === '' || v === '1' || v === 'true') return { station: pageOrigin };
  let url: URL;
  try {
    url = new URL(v);
  } catch {
    return { problem: 'must be 1 or the URL of a station, such as http://localhost:8080' };
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    return { problem: 'must be an http:// or https:// URL of a station' };
  if (url.username || url.password) return { problem: 'must not carry a user name or password' };
  return { station: url.origin };
}
