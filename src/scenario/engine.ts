import type { Simulation } from '../sim/simulation';
import type { Command } from '../sim/commands';
import type { SimEvent } from '../sim/events';
import type { LocalText, Scenario } from './schema';
import { commandMatches, compileCondition, type Compiled } from './conditions';

// A scenario running beside the model: fires its timeline, watches the trainee's actions and the plant,
// times the procedure steps against their windows, tracks objectives and safety limits, and ends the
// exercise. Its state is plain data, so it snapshots with the plant (a crash or a reload loses nothing).

export type EndReason = 'timeLimit' | 'procedureDone' | 'endWhen' | 'safety' | 'abandoned';

export interface RunState {
  startedAt_s: number;
  ended: { t_s: number; reason: EndReason; by?: string } | null;
  eventCursor: number;
  timelineFired: boolean[];
  steps: { done_s: number | null; late: boolean }[];
  objectives: { heldSince_s: number | null; met_s: number | null }[];
  breaches: { id: string; t_s: number }[];
  hintsUsed: number;
  messages: { t_s: number; text: LocalText }[];
  alarmsRaised: Record<string, number>;
  alarmsAcked: Record<string, number>;
}

export interface StepResult {
  id: string;
  text: LocalText;
  right: LocalText;
  weight: number;
  earned: number;
  required: boolean;
  done_s: number | null;
  deadline_s: number | null;
  late: boolean;
}
export interface ScenarioResult {
  scenarioId: string;
  scenarioVersion: string;
  score: number; // 0–100
  pass: boolean;
  passMark: number;
  endedBy: EndReason | 'running';
  duration_s: number;
  steps: StepResult[];
  objectives: { id: string; text: LocalText; weight: number; earned: number; met_s: number | null }[];
  violations: { id: string; text: LocalText; penalty: number; t_s: number; endsExercise: boolean }[];
  hints: { used: number; cost: number };
  alarmResponses: { id: string; raised_s: number; acked_s: number | null; response_s: number | null }[];
  requiredMissing: string[];
}

export function newRunState(s: Scenario, t0: number): RunState {
  return {
    startedAt_s: t0,
    ended: null,
    eventCursor: 0,
    timelineFired: s.timeline.map(() => false),
    steps: s.procedure.map(() => ({ done_s: null, late: false })),
    objectives: s.objectives.map(() => ({ heldSince_s: null, met_s: null })),
    breaches: [],
    hintsUsed: 0,
    messages: [],
    alarmsRaised: {},
    alarmsAcked: {},
  };
}

export class ScenarioRun {
  readonly run: RunState;
  private readonly timelineWhen: (Compiled | null)[];
  private readonly stepWhen: (Compiled | null)[];
  private readonly objectiveWhen: Compiled[];
  private readonly safetyWhen: Compiled[];
  private readonly endWhen: Compiled | null;

  constructor(
    readonly sim: Simulation,
    readonly scenario: Scenario,
    run?: RunState,
  ) {
    this.run = run ?? newRunState(scenario, sim.state.t_s);
    if (!run) this.run.eventCursor = sim.state.events.length;
    this.timelineWhen = scenario.timeline.map((e) => (e.when ? compileCondition(e.when, sim) : null));
    this.stepWhen = scenario.procedure.map((p) =>
      'condition' in p.expect ? compileCondition(p.expect.condition, sim) : null,
    );
    this.objectiveWhen = scenario.objectives.map((o) => compileCondition(o.condition, sim));
    this.safetyWhen = scenario.safety.map((o) => compileCondition(o.condition, sim));
    this.endWhen =
      scenario.endWhen && scenario.endWhen !== 'procedureDone' ? compileCondition(scenario.endWhen, sim) : null;
    if (!run) this.fireTimeline(); // events at t = 0 act before the first step
  }

  get ended(): boolean {
    return this.run.ended !== null;
  }

  elapsed(): number {
    return this.sim.state.t_s - this.run.startedAt_s;
  }

  /** Call after every model step. */
  afterStep(): void {
    if (this.run.ended) return;
    const events = this.sim.state.events;
    for (let i = this.run.eventCursor; i < events.length; i++) this.onEvent(events[i]);
    this.run.eventCursor = events.length;
    this.fireTimeline();
    const t = this.sim.state.t_s;
    this.scenario.procedure.forEach((_, k) => {
      const when = this.stepWhen[k];
      if (when && this.run.steps[k].done_s === null && this.stepOpen(k) && this.triggered(k) && when())
        this.completeStep(k, t);
    });
    this.scenario.objectives.forEach((o, k) => {
      const st = this.run.objectives[k];
      if (st.met_s !== null) return;
      if (this.objectiveWhen[k]()) {
        st.heldSince_s ??= t;
        if (t - st.heldSince_s >= o.hold_s) st.met_s = t;
      } else st.heldSince_s = null;
    });
    this.scenario.safety.forEach((lim, k) => {
      if (this.run.breaches.some((b) => b.id === lim.id)) return;
      if (this.safetyWhen[k]()) {
        this.run.breaches.push({ id: lim.id, t_s: t });
        if (lim.endsExercise) this.end('safety', lim.id);
      }
    });
    if (this.run.ended) return;
    if (this.scenario.endWhen === 'procedureDone' && this.run.steps.every((s) => s.done_s !== null))
      this.end('procedureDone');
    else if (this.endWhen?.()) this.end('endWhen');
    else if (this.elapsed() >= this.scenario.timeLimit_s) this.end('timeLimit');
  }

  /** The next hint's text, charged to the score; null when none is left. */
  useHint(): LocalText | null {
    const h = this.scenario.hints[this.run.hintsUsed];
    if (!h || this.run.ended) return null;
    this.run.hintsUsed++;
    this.run.messages.push({ t_s: this.sim.state.t_s, text: h.text });
    return h.text;
  }

  abandon(): void {
    if (!this.run.ended) this.end('abandoned');
  }

  private end(reason: EndReason, by?: string): void {
    this.run.ended = { t_s: this.sim.state.t_s, reason, ...(by && { by }) };
  }

  private fireTimeline(): void {
    const t = this.elapsed();
    this.scenario.timeline.forEach((e, k) => {
      if (this.run.timelineFired[k]) return;
      const due = e.at_s !== undefined ? t >= e.at_s : this.timelineWhen[k]!();
      if (!due) return;
      this.run.timelineFired[k] = true;
      for (const a of e.do) {
        if ('command' in a) this.sim.command(a.command as Command, 'scenario');
        else this.run.messages.push({ t_s: this.sim.state.t_s, text: a.message });
      }
    });
  }

  private onEvent(e: SimEvent): void {
    if (e.type === 'alarm') {
      if (e.state === 'unack') this.run.alarmsRaised[e.id] ??= e.t_s;
      else if (e.state === 'ack' || e.state === 'normal') {
        if (this.run.alarmsRaised[e.id] !== undefined) this.run.alarmsAcked[e.id] ??= e.t_s;
      }
      return;
    }
    // a script in automation mode acts for the trainee (the record notes automation); scenario and instructor do not
    if (e.type !== 'action' || (e.by !== 'trainee' && e.by !== 'automation') || e.result !== 'ok') return;
    this.scenario.procedure.forEach((p, k) => {
      if (this.run.steps[k].done_s !== null || !('command' in p.expect) || !this.stepOpen(k)) return;
      if (commandMatches(p.expect.command, e.command as unknown as Record<string, unknown>))
        this.completeStep(k, e.t_s);
    });
  }

  /** A condition step with an `after` is watched only once its clock has started (its alarm was raised…). */
  private triggered(k: number): boolean {
    const a = this.scenario.procedure[k].after;
    if (!a) return true;
    if ('alarm' in a) return this.run.alarmsRaised[a.alarm] !== undefined;
    if ('step' in a) return this.run.steps[this.scenario.procedure.findIndex((x) => x.id === a.step)].done_s !== null;
    return this.elapsed() >= a.t_s;
  }

  /** In an ordered scenario a step opens once every step before it is done. */
  private stepOpen(k: number): boolean {
    return !this.scenario.ordered || this.run.steps.slice(0, k).every((s) => s.done_s !== null);
  }

  private completeStep(k: number, t: number): void {
    const st = this.run.steps[k];
    if (st.done_s !== null) return;
    st.done_s = t;
    const d = this.deadline(k);
    st.late = d !== null && t > d;
  }

  /** Absolute plant time by which step k is due, or null when its clock has not started or it has none. */
  deadline(k: number): number | null {
    const p = this.scenario.procedure[k];
    if (p.within_s === undefined) return null;
    const a = p.after;
    let t0: number | null = this.run.startedAt_s;
    if (a && 'alarm' in a) t0 = this.run.alarmsRaised[a.alarm] ?? null;
    else if (a && 'step' in a) t0 = this.run.steps[this.scenario.procedure.findIndex((x) => x.id === a.step)].done_s;
    else if (a && 't_s' in a) t0 = this.run.startedAt_s + a.t_s;
    return t0 === null ? null : t0 + p.within_s;
  }

  result(): ScenarioResult {
    const s = this.scenario;
    const now = this.run.ended?.t_s ?? this.sim.state.t_s;
    const steps: StepResult[] = s.procedure.map((p, k) => {
      const st = this.run.steps[k];
      const d = this.deadline(k);
      const overdue = st.done_s === null && d !== null && now > d;
      const earned = st.done_s === null ? 0 : st.late ? p.weight * s.scoring.lateFraction : p.weight;
      return {
        id: p.id,
        text: p.text,
        right: p.right,
        weight: p.weight,
        earned,
        required: p.required,
        done_s: st.done_s,
        deadline_s: d,
        late: st.late || overdue,
      };
    });
    const objectives = s.objectives.map((o, k) => ({
      id: o.id,
      text: o.text,
      weight: o.weight,
      earned: this.run.objectives[k].met_s !== null ? o.weight : 0,
      met_s: this.run.objectives[k].met_s,
    }));
    const violations = this.run.breaches.map((b) => {
      const lim = s.safety.find((x) => x.id === b.id)!;
      return { id: b.id, text: lim.text, penalty: lim.penalty, t_s: b.t_s, endsExercise: lim.endsExercise };
    });
    const hintCost = s.hints.slice(0, this.run.hintsUsed).reduce((n, h) => n + h.cost, 0);
    const max = s.procedure.reduce((n, p) => n + p.weight, 0) + s.objectives.reduce((n, o) => n + o.weight, 0);
    const earned = steps.reduce((n, x) => n + x.earned, 0) + objectives.reduce((n, x) => n + x.earned, 0);
    const penalties = violations.reduce((n, v) => n + v.penalty, 0) + hintCost;
    const score = Math.round((Math.max(0, earned - penalties) / max) * 1000) / 10;
    const requiredMissing = steps.filter((x) => x.required && x.done_s === null).map((x) => x.id);
    const pass = score >= s.scoring.passMark && requiredMissing.length === 0 && !violations.some((v) => v.endsExercise);
    const alarmResponses = Object.entries(this.run.alarmsRaised).map(([id, raised]) => {
      const acked = this.run.alarmsAcked[id] ?? null;
      return { id, raised_s: raised, acked_s: acked, response_s: acked === null ? null : acked - raised };
    });
    return {
      scenarioId: s.id,
      scenarioVersion: s.version,
      score,
      pass,
      passMark: s.scoring.passMark,
      endedBy: this.run.ended?.reason ?? 'running',
      duration_s: now - this.run.startedAt_s,
      steps,
      objectives,
      violations,
      hints: { used: this.run.hintsUsed, cost: hintCost },
      alarmResponses,
      requiredMissing,
    };
  }
}
