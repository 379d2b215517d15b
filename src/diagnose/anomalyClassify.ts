import type { ResidualStream, TestName } from './anomalyStream';

// Sensor or process? A sensor fault is one instrument that disagrees with its neighbours and the model: its
// own residual moves while the tank's other residuals stay put and the filter's process parameters do not
// move. A process fault moves several residuals of the tank together, or moves a process parameter estimate
// (the filter explains the data with a changed plant). Pure rules on the streams' state, no history of their own.

/** A parameter estimate that moved, beyond its own uncertainty, since the detector's reference for it. */
export interface ParameterShift {
  name: string;
  from: number;
  to: number;
  sd: number;
}

/**
 * Estimates that describe an instrument, not the plant: a shift of one is a fault of that instrument
 * (the filter's level-sensor bias: the tank's level transmitter; the high-high element's offset against the
 * control transmitter: that element).
 */
export const SENSOR_PARAMETERS: Record<string, string> = { level_bias: 'level', temp_hh_offset: 'temp_hh' };

/** Estimates that describe the plant: a shift is a process fault (what it suggests). */
export const PROCESS_PARAMETERS: Record<string, string> = {
  fouling: 'coil heat transfer fell (fouling, a stuck or closed coil valve, less hot oil)',
  wall_loss: 'heat loss rose (insulation damage, wet lagging)',
};

export interface Verdict {
  kind: 'sensor' | 'process';
  /** The instrument at fault (sensor), or the lead tag (process). */
  tag?: string;
  cause: string;
  /** Tags whose residuals move with it. */
  related: string[];
}

/** Residual tags of a tank whose motion points at the process rather than one instrument. */
const CAUSE_BY_TAG: Record<string, string> = {
  level: 'level/mass balance off (leak, coil leak into the tank, an unmetered transfer)',
  coil_out: 'coil heat transfer changed (fouling, coil valve, hot-oil flow)',
  temp: 'tank heat balance off (heating, losses, an unmetered receipt)',
};

function suffix(tag: string): string {
  return tag.slice(tag.indexOf('.') + 1);
}

/** temp, temp_top, temp_bottom → temp; coil_out_temp → coil_out. */
function family(tag: string): string {
  const s = suffix(tag);
  return s.startsWith('coil_out') ? 'coil_out' : s.startsWith('temp') ? 'temp' : s;
}

function sensorCause(by: TestName | null, s: ResidualStream): string {
  if (by === 'stuck') return 'stuck: the reading no longer varies as the process does';
  const dir = s.sign > 0 ? 'high' : 'low';
  if (by === 'cusum' && s.cusum.runLength <= 5) return `bias: reads ${dir} by a step`;
  return `drift: reads ${dir}, increasingly`;
}

/**
 * Instruments that measure the same thing independently (model-free redundancy): the tank's control
 * temperature and its safety system's own element, both the mean of the 25/50/75 % points in their own
 * thermowells. Their difference moves for a fault of either and never for a process fault.
 */
export const REDUNDANT_PAIRS: readonly (readonly [string, string])[] = [['temp', 'temp_hh']];

/** The residual stream of a redundant pair: `<tank>.<a>~<b>` = a − b. */
export function pairTag(tank: string, a: string, b: string): string {
  return `${tank}.${a}~${b}`;
}

const isPair = (s: ResidualStream) => s.tag.includes('~');

/** A redundant pair disagrees with a raised reading from this fraction of its limit (quiet: below half `moving`). */
const PAIR_DISAGREE = 0.85;

/** The pair stream a tag belongs to, with the tag's side (+1: a, −1: b). */
function pairOf(tag: string, streams: readonly ResidualStream[]): { s: ResidualStream; side: number } | null {
  const tank = tag.slice(0, tag.indexOf('.'));
  const suf = suffix(tag);
  for (const [a, b] of REDUNDANT_PAIRS) {
    if (suf !== a && suf !== b) continue;
    const s = streams.find((x) => x.tag === pairTag(tank, a, b));
    if (s?.warm) return { s, side: suf === a ? 1 : -1 };
  }
  return null;
}

/** A pair moved: which of its two? The one whose own filter residual moves the same way (else the other). */
function pairCulprit(pair: ResidualStream, streams: readonly ResidualStream[], movingLevel: number): string {
  const tank = pair.tag.slice(0, pair.tag.indexOf('.'));
  const [a, b] = suffix(pair.tag).split('~');
  const sa = streams.find((x) => x.tag === `${tank}.${a}`);
  const sb = streams.find((x) => x.tag === `${tank}.${b}`);
  const la = sa && sa.sign === pair.sign ? sa.level : 0;
  const lb = sb && sb.sign === -pair.sign ? sb.level : 0;
  if (Math.max(la, lb) >= movingLevel / 2) return `${tank}.${la >= lb ? a : b}`;
  return `${tank}.${sa ? b : a}`;
}

/**
 * The verdict for a tank with at least one raised stream. `lead` is the raised stream with the strongest
 * statistic; `streams` every stream of the tank; `shifts` the parameter estimates that moved.
 */
export function classify(
  lead: ResidualStream,
  streams: readonly ResidualStream[],
  shifts: readonly ParameterShift[],
  movingLevel: number,
): Verdict {
  const moving = streams.filter(
    (s) => s !== lead && !isPair(s) && s.warm && (s.raisedBy !== null || s.level >= movingLevel),
  );
  const related = moving.map((s) => s.tag);
  // redundancy first: it needs no model
  if (isPair(lead)) {
    const tag = pairCulprit(lead, streams, movingLevel);
    return {
      kind: 'sensor',
      tag,
      cause: `${sensorCause(lead.raisedBy, lead)}; its redundant element disagrees`,
      related,
    };
  }
  const pair = pairOf(lead.tag, streams);
  if (pair && lead.raisedBy !== 'stuck') {
    // near its own limit: a pair's chance excursion to the neighbours' "moving" level must not decide it
    const disagree =
      (pair.s.raisedBy !== null || pair.s.level >= PAIR_DISAGREE) && pair.s.sign === pair.side * lead.sign;
    if (disagree)
      return {
        kind: 'sensor',
        tag: lead.tag,
        cause: `${sensorCause(lead.raisedBy, lead)}; its redundant element disagrees`,
        related,
      };
    if (pair.s.level < movingLevel / 2)
      return {
        kind: 'process',
        tag: lead.tag,
        cause: `${CAUSE_BY_TAG[family(lead.tag)] ?? 'the model and the plant part'}: its redundant element agrees with it (${[lead.tag, ...related].join(', ')})`,
        related,
      };
  }
  const processShift = shifts.find((p) => p.name in PROCESS_PARAMETERS);
  if (processShift)
    return {
      kind: 'process',
      tag: lead.tag,
      cause: `${PROCESS_PARAMETERS[processShift.name]}: the filter's ${processShift.name} moved`,
      related,
    };
  // a stuck reading is the instrument's own, whatever its neighbours do (they follow the process)
  if (lead.raisedBy === 'stuck') return { kind: 'sensor', tag: lead.tag, cause: sensorCause('stuck', lead), related };
  if (moving.length === 0) {
    return { kind: 'sensor', tag: lead.tag, cause: sensorCause(lead.raisedBy, lead), related };
  }
  return {
    kind: 'process',
    tag: lead.tag,
    cause: `${CAUSE_BY_TAG[family(lead.tag)] ?? 'several residuals move together'} (${[lead.tag, ...related].join(', ')})`,
    related,
  };
}

/** A sensor parameter that moved alone (no residual raised): that instrument drifts under the filter. */
export function sensorShiftVerdict(tank: string, shift: ParameterShift): Verdict {
  const tag = `${tank}.${SENSOR_PARAMETERS[shift.name]}`;
  return {
    kind: 'sensor',
    tag,
    cause: `drift: the filter's ${shift.name} moved`,
    related: [],
  };
}
