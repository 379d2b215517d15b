import type { AlarmDef } from '../sim/safety/alarmDefs';
import { watchedTag } from '../sim/safety/alarmTags';
import { advanceAlarm, alarmStateName, beyondLimit, newAlarmRuntime, type AlarmLimit } from '../sim/safety/alarms';
import type { AlarmRuntime } from '../sim/state';
import type { AlarmPriority } from '../sim/events';
import type { AlarmView } from '../protocol/frame';
import { Q, type QualityCode } from '../app/quality';
import type { Advisory } from '../diagnose/anomaly';

/** Suffix of the diagnostic alarm of a measurement that is not good (ISA-18.2: a diagnostic alarm). */
export const BAD_MEASUREMENT = 'XA_BADPV';
/** The alarm of a lost link to the station: every plant alarm is then held. */
export const LINK_ALARM_ID = 'LIVE.XA_LINK';

/** What the alarms read of the measured tags (LiveTagState gives it). */
export interface MeasuredTags {
  indexOf(tag: string): number;
  code(i: number): QualityCode;
  value(i: number): number;
  reason(i: number): string | undefined;
  readonly measured: Uint8Array;
  /** Source time of the last sample (bridge clock) and page time it arrived, ms. */
  readonly src_ms: Float64Array;
  readonly recv_ms: Float64Array;
  readonly linkUp: boolean;
}

/** One alarm of the real plant: a model definition re-pointed at a measured tag, or a diagnostic one. */
export interface LiveAlarmDef extends AlarmLimit {
  id: string;
  tag: string;
  priority: AlarmPriority;
  message: string;
  /** The plant tag's index (MeasuredTags), or −1 for the link alarm. */
  tagIndex: number;
  /** Alarm value = tag value × scale (alarmTags.ts). */
  scale: number;
  /** 'process': a limit on the value; 'bad': the tag's measurement is not good; 'link': no link. */
  kind: 'process' | 'bad' | 'link';
  /** Index of the live alarm whose activity stands in for the model's designed suppression, or −1. */
  suppressedBy: number;
}

const FLAG = { sense: 'flag', limit: 0.5, deadband: 0, onDelay_s: 0, offDelay_s: 0 } as const;

/**
 * The model's limit alarms that compare one plant tag the plant measures (alarmTags.ts marks them), with the
 * model's ids, tags, priorities, limits, deadbands, delays and messages; then a bad-measurement alarm per
 * watched tag and the link alarm. A designed suppression the live data cannot evaluate (TAL: the model's
 * heating cut-out state) follows the same owner's LALL, the limit at which that cut-out acts.
 */
export function liveAlarmDefs(defs: readonly AlarmDef[], tags: Pick<MeasuredTags, 'indexOf'>): LiveAlarmDef[] {
  const out: LiveAlarmDef[] = [];
  const suppressedOwners: number[] = [];
  const watched = new Map<number, string>(); // tag index → plant tag, in the order first watched
  for (const d of defs) {
    const w = watchedTag(d);
    const k = w ? tags.indexOf(w.tag) : -1;
    if (!w || k < 0 || (d.sense === 'flag' && !w.standIn)) continue;
    const s = w.standIn;
    if (d.suppressed) suppressedOwners.push(out.length);
    watched.set(k, w.tag);
    out.push({
      id: d.id,
      tag: s ? s.instrument : d.tag,
      priority: d.priority,
      message: s ? s.message : d.message,
      sense: s ? s.sense : d.sense,
      limit: s ? s.limit : d.limit,
      deadband: s ? s.deadband : d.deadband,
      onDelay_s: d.onDelay_s,
      offDelay_s: d.offDelay_s,
      tagIndex: k,
      scale: w.scale,
      kind: 'process',
      suppressedBy: -1,
    });
  }
  for (const j of suppressedOwners) {
    const id = out[j].id;
    const lall = `${id.slice(0, id.lastIndexOf('.'))}.LALL`;
    out[j].suppressedBy = out.findIndex((x) => x.id === lall);
  }
  for (const [k, plantTag] of watched)
    out.push({
      ...FLAG,
      id: `${plantTag}.${BAD_MEASUREMENT}`,
      tag: plantTag,
      priority: 'low',
      message: `${plantTag} measurement not good: its alarms are held`,
      tagIndex: k,
      scale: 1,
      kind: 'bad',
      suppressedBy: -1,
    });
  out.push({
    ...FLAG,
    id: LINK_ALARM_ID,
    tag: 'LIVE',
    priority: 'high',
    message: 'No link to the station: the plant alarms are held',
    tagIndex: -1,
    scale: 1,
    kind: 'link',
    suppressedBy: -1,
  });
  return out;
}

const RANK = { critical: 0, high: 1, medium: 2, low: 3 } as const;

/** An advisory as the list holds it: acknowledged or not, and whether the detector still raises it. */
interface HeldAdvisory {
  a: Advisory;
  acked: boolean;
  active: boolean;
}

/**
 * The real plant's alarm list: the model's limit alarms evaluated against the measured tags with the model's
 * own ISA-18.2 state machine (alarms.ts: deadband, on/off delays, unack → ack → rtn). Times are the bridge's
 * (a sample's source time, advanced by the page time since it arrived), so clock skew does not matter.
 *
 * A value that is bad or stale neither raises nor clears an alarm on it: those hold their state (timers too)
 * and the tag's bad-measurement alarm is raised instead. While the link is down every alarm but the link's
 * holds (one alarm, not one per tag). Acknowledgement is the operator's, kept here: nothing goes to the plant.
 */
export class LiveAlarms {
  readonly defs: LiveAlarmDef[];
  readonly runtime: AlarmRuntime[];
  /** Bridge time each alarm was last evaluated at, ms (NaN before the first). */
  private readonly last_ms: Float64Array;
  private readonly notes: (string | undefined)[];
  /** The twin's early warnings (ISA-18.2 advisory class): listed after every process alarm, never sounded. */
  private readonly advisories = new Map<string, HeldAdvisory>();

  constructor(
    defs: readonly AlarmDef[],
    private readonly tags: MeasuredTags,
  ) {
    this.defs = liveAlarmDefs(defs, tags);
    this.runtime = this.defs.map(() => newAlarmRuntime());
    this.last_ms = new Float64Array(this.defs.length).fill(Number.NaN);
    this.notes = new Array<string | undefined>(this.defs.length);
  }

  /** The bridge's clock now as tag k last told it, ms; the page's own before its first sample. */
  private clock(k: number, now_ms: number): number {
    const r = k >= 0 ? this.tags.recv_ms[k] : Number.NaN;
    return Number.isFinite(r) ? this.tags.src_ms[k] + (now_ms - r) : now_ms;
  }

  /** Evaluate every alarm at page time now_ms; true when what the operator sees changed. */
  update(now_ms: number): boolean {
    const tg = this.tags;
    let any = false;
    let anyMeasured = false;
    for (const d of this.defs) if (d.tagIndex >= 0 && tg.measured[d.tagIndex]) anyMeasured = true;
    for (let i = 0; i < this.defs.length; i++) {
      const d = this.defs[i];
      const a = this.runtime[i];
      const k = d.tagIndex;
      if (k >= 0 && !tg.measured[k]) continue; // the mapping does not cover it (yet)
      const t_ms = this.clock(k, now_ms);
      const last = this.last_ms[i];
      const dt_s = last === last ? Math.max(0, t_ms - last) / 1000 : 0;
      this.last_ms[i] = t_ms;
      let beyond: boolean;
      if (d.kind === 'link') beyond = anyMeasured && !tg.linkUp;
      else if (!tg.linkUp)
        continue; // held: the link alarm says why
      else {
        const q = tg.code(k);
        const good = (q === Q.GOOD || q === Q.UNCERTAIN) && tg.value(k) === tg.value(k);
        if (d.kind === 'bad') {
          beyond = !good;
          if (beyond && !a.active)
            this.notes[i] = [q === Q.BAD ? 'bad' : 'stale', tg.reason(k)].filter(Boolean).join(': ');
        } else if (!good)
          continue; // held, its timer too
        else {
          beyond = beyondLimit(d, a.active, tg.value(k) * d.scale);
          if (beyond && d.suppressedBy >= 0 && this.runtime[d.suppressedBy].active) beyond = false;
        }
      }
      if (advanceAlarm(d, a, beyond, dt_s, t_ms / 1000)) any = true;
    }
    return any;
  }

  /**
   * The twin's advisories now active (src/diagnose/anomaly.ts, published by the twin service); true when the
   * list changed. A new one is unacknowledged; one no longer in the list has returned: it stays until
   * acknowledged (rtnUnack), or goes at once if it was.
   */
  setAdvisories(active: readonly Advisory[]): boolean {
    let changed = false;
    const now = new Set<string>();
    for (const a of active) {
      now.add(a.id);
      const h = this.advisories.get(a.id);
      if (!h || !h.active || h.a.raised_s !== a.raised_s || h.a.message !== a.message) changed = true;
      // a new raise (or a new verdict) asks for acknowledgement again; an update of its evidence does not
      const acked = h !== undefined && h.active && h.a.raised_s === a.raised_s && h.acked;
      this.advisories.set(a.id, { a, acked, active: true });
    }
    for (const [id, h] of this.advisories)
      if (!now.has(id) && h.active) {
        changed = true;
        if (h.acked) this.advisories.delete(id);
        else h.active = false;
      }
    return changed;
  }

  /** An advisory of the list by id, with its evidence (for the list's detail view). */
  advisory(id: string): Advisory | undefined {
    return this.advisories.get(id)?.a;
  }

  /** Acknowledge one alarm (the operator's, locally); false when it needs none. */
  ack(id: string): boolean {
    const h = this.advisories.get(id);
    if (h) {
      if (h.acked) return false;
      if (h.active) h.acked = true;
      else this.advisories.delete(id);
      return true;
    }
    const i = this.defs.findIndex((d) => d.id === id);
    if (i < 0 || this.runtime[i].acked) return false;
    this.runtime[i].acked = true;
    return true;
  }

  /** Acknowledge every alarm that waits for it; how many. */
  ackAll(): number {
    let n = 0;
    for (const d of this.defs) if (this.ack(d.id)) n++;
    for (const id of [...this.advisories.keys()]) if (this.ack(id)) n++;
    return n;
  }

  /** The annunciated alarms (not normal), most urgent first, newest first within a priority; advisories last. */
  views(): AlarmView[] {
    const out: AlarmView[] = [];
    this.runtime.forEach((a, i) => {
      const state = alarmStateName(a, Number.NEGATIVE_INFINITY);
      if (state === 'normal') return;
      const d = this.defs[i];
      const message = d.kind === 'bad' && this.notes[i] ? `${d.message} (${this.notes[i]})` : d.message;
      out.push({ id: d.id, tag: d.tag, priority: d.priority, state, message, raisedAt_s: a.raisedAt_s });
    });
    out.sort((x, y) => RANK[x.priority] - RANK[y.priority] || y.raisedAt_s - x.raisedAt_s);
    const adv: AlarmView[] = [];
    for (const { a, acked, active } of this.advisories.values())
      adv.push({
        id: a.id,
        tag: a.tag ?? a.tank,
        priority: 'low',
        alarmClass: 'advisory',
        state: active ? (acked ? 'ack' : 'unack') : 'rtnUnack',
        message: a.message,
        raisedAt_s: a.raised_s,
      });
    return out.concat(adv.sort((x, y) => y.raisedAt_s - x.raisedAt_s));
  }
}

/** A bridge time (s since epoch) as the page's local clock time, hh:mm:ss. */
export function clockTime(t_s: number): string {
  const d = new Date(t_s * 1000);
  const p = (x: number) => String(x).padStart(2, '0');
  return `${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}`;
}
