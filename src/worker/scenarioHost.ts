import type { Simulation } from '../sim/simulation';
import type { Snapshot } from '../sim/snapshot';
import type { Scenario } from '../scenario/schema';
import { ScenarioRun, type RunState } from '../scenario/engine';
import type { ScenarioStatus } from '../protocol/frame';

/** What a snapshot carries of a running scenario, so backtracking and crash recovery resume it. */
interface ScenarioSnapshot {
  scenario: Scenario;
  run: RunState;
  runId: string;
}

/** The training scenario running on the plant, if any, and the status the page last saw of it. */
export class ScenarioHost {
  run: ScenarioRun | null = null;
  runId = '';
  private lastSig = '';

  get ended(): boolean {
    return this.run?.ended ?? false;
  }

  start(sim: Simulation, scenario: Scenario, runId: string): void {
    this.run = new ScenarioRun(sim, scenario);
    this.runId = runId;
    this.lastSig = '';
  }

  /** Resume the scenario a snapshot carries (or none) on the restored simulation. */
  restore(sim: Simulation, snap: Snapshot): void {
    const sc = snap.scenario as ScenarioSnapshot | undefined;
    this.run = sc ? new ScenarioRun(sim, sc.scenario, structuredClone(sc.run)) : null;
    if (sc) this.runId = sc.runId;
    this.lastSig = '';
  }

  /** Add the running scenario to a plant snapshot. */
  annotate(snap: Snapshot): Snapshot {
    if (this.run)
      snap.scenario = {
        scenario: this.run.scenario,
        run: structuredClone(this.run.run),
        runId: this.runId,
      } satisfies ScenarioSnapshot;
    return snap;
  }

  /** Called after every plant step; returns true when the scenario has just ended or had already. */
  afterStep(): boolean {
    if (!this.run) return false;
    this.run.afterStep();
    return this.run.ended;
  }

  useHint(): string | null {
    const h = this.run?.useHint();
    return h ? h.en : null;
  }

  abandon(): void {
    this.run?.abandon();
  }

  close(): void {
    this.run = null;
    this.lastSig = '';
  }

  elapsed_s(): number {
    return this.run ? this.run.elapsed() : -1;
  }

  timeLimit_s(): number {
    return this.run ? this.run.scenario.timeLimit_s : 0;
  }

  status(): ScenarioStatus | null {
    const sc = this.run;
    if (!sc) return null;
    const r = sc.run;
    return {
      id: sc.scenario.id,
      runId: this.runId,
      messages: r.messages,
      stepsDone: r.steps.map((x) => x.done_s !== null),
      hintsUsed: r.hintsUsed,
      ended: r.ended,
      result: r.ended ? sc.result() : null,
    };
  }

  /** The status when it changed since the last call (null when the scenario went away), else undefined. */
  statusIfChanged(): ScenarioStatus | null | undefined {
    const st = this.status();
    const sig = st
      ? `${st.runId}|${st.messages.length}|${st.stepsDone.join()}|${st.hintsUsed}|${st.ended?.reason ?? ''}`
      : '';
    if (sig === this.lastSig) return undefined;
    this.lastSig = sig;
    return st;
  }
}
