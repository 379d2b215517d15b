import type { Simulation } from '../sim/simulation';
import { alarmStateName, annunciated } from '../sim/safety/alarms';
import { h2sAt } from '../sim/components/h2sField';
import { hourOfDay } from '../sim/components/weather';
import { H, HEADER_LEN, ITEM_BASE, ITEM_STRIDE, type AlarmView, type Frame } from '../protocol/frame';
import type { Clock } from './clock';
import type { ScenarioHost } from './scenarioHost';
import type { WalkWorld } from './walkWorld';

/**
 * Packs the plant into a frame: header, every tag, the portable items, the events since the last frame,
 * and the alarm list and scenario status only when they changed (so the page re-renders only then).
 */
export class FramePacker {
  private seq = 0;
  private eventCursor = 0;
  private lastAlarmSig = '';
  private readonly at = { x: 0, y: 0, z: 0 };

  /** Start over: the next frame carries events from index `eventCursor` on and a fresh alarm list. */
  reset(eventCursor: number): void {
    this.eventCursor = eventCursor;
    this.lastAlarmSig = '';
  }

  pack(sim: Simulation, clock: Clock, walk: WalkWorld, scenario: ScenarioHost): Frame {
    const tags = sim.tags;
    const s = sim.state;
    const values = new Float64Array(HEADER_LEN + tags.length); // transferred to the page, so a fresh buffer
    values[H.t_s] = s.t_s;
    values[H.speed] = clock.speed;
    values[H.running] = clock.running ? 1 : 0;
    values[H.playerX] = walk.player.x;
    values[H.playerY] = walk.player.y;
    values[H.playerZ] = walk.player.z;
    values[H.playerYaw] = walk.input.yaw;
    values[H.step] = s.step;
    values[H.seq] = ++this.seq;
    values[H.grounded] = walk.grounded ? 1 : 0;
    values[H.wallMs] = clock.lastTickMs;
    values[H.scenarioElapsed] = scenario.elapsed_s();
    values[H.scenarioLimit] = scenario.timeLimit_s();
    values[H.hourOfDay] = hourOfDay(s);
    for (let i = 0; i < tags.length; i++) values[HEADER_LEN + i] = tags[i].read(s);
    for (let k = 0; k < walk.items.length; k++) {
      const p = walk.itemAt(k, this.at);
      const o = ITEM_BASE + k * ITEM_STRIDE;
      values[o] = p.x;
      values[o + 1] = p.y;
      values[o + 2] = p.z;
      values[o + 3] = walk.itemHeld(k) ? 1 : 0;
      values[o + 4] = walk.items[k].kind === 'gasDetector' ? h2sAt(sim.model, s, p.x, p.y, p.z) : 0;
    }
    const events = s.events.slice(this.eventCursor);
    this.eventCursor = s.events.length;
    const frame: Frame = { values, events };
    const alarms = this.alarmsIfChanged(sim);
    if (alarms) frame.alarms = alarms;
    const st = scenario.statusIfChanged();
    if (st !== undefined) frame.scenario = st;
    return frame;
  }

  private alarmsIfChanged(sim: Simulation): AlarmView[] | null {
    const s = sim.state;
    const list = annunciated(sim.model, s);
    const sig = list.map((a) => a.id + a.state).join('|');
    if (sig === this.lastAlarmSig) return null;
    this.lastAlarmSig = sig;
    return list.map((a): AlarmView => {
      const d = sim.model.alarms[a.index];
      return {
        id: d.id,
        tag: d.tag,
        priority: d.priority,
        state: alarmStateName(s.alarms[a.index], s.t_s),
        message: d.message,
        raisedAt_s: s.alarms[a.index].raisedAt_s,
      };
    });
  }
}
