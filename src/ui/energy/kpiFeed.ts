import { createStore, type StoreApi } from 'zustand/vanilla';
import type { SimState } from '../../sim/state';
import type { Snapshot } from '../../sim/snapshot';

// The running plant's energy figures in the page: the KPI accumulator (src/energy/kpi.ts, the same one the
// week's comparison runs after every step) fed with the simulated plant's state a few times a second of wall
// time. The page has the full state only as a snapshot from the worker (≈ 56 kB, under a millisecond), so
// each observation spans the plant time since the last one: fuel and stored heat are exact (cumulative
// accounts), times outside the band are counted at that resolution. Nothing here renders: the panel
// subscribes to the store, which changes only when plant time has moved.

export interface Accumulator<R> {
  start(s: SimState): void;
  observe(s: SimState, dt_s: number): void;
  report(s: SimState): R;
}

export interface KpiFeedState<R> {
  report: R | null;
  /** Plant time the figures count from, s (NaN before the first state). */
  since_s: number;
}

/** Four observations a second: the panel shows them at most that often. */
export const KPI_FEED_MS = 250;

export class KpiFeed<R> {
  readonly store: StoreApi<KpiFeedState<R>> = createStore<KpiFeedState<R>>(() => ({ report: null, since_s: NaN }));
  private acc: Accumulator<R> | null = null;
  private last_s = NaN;
  private pending = false;
  private restartNext = false;
  private timer: ReturnType<typeof setInterval> | null = null;

  constructor(
    private readonly make: () => Accumulator<R>,
    private readonly snapshot: () => Promise<Snapshot | null>,
  ) {}

  /** Take one state and count it (the timer calls this; tests call it directly). */
  async tick(): Promise<void> {
    if (this.pending) return; // a slow worker: never queue snapshots behind one another
    this.pending = true;
    try {
      const snap = await this.snapshot().catch(() => null);
      if (snap) this.take(snap.state);
    } finally {
      this.pending = false;
    }
  }

  private take(s: SimState): void {
    // the plant went back in time (a restore, a backtrack, a new scenario): the figures start again there
    if (!this.acc || this.restartNext || !(s.t_s >= this.last_s)) {
      this.acc ??= this.make();
      this.acc.start(s);
      this.restartNext = false;
      this.last_s = s.t_s;
      this.store.setState({ report: this.acc.report(s), since_s: s.t_s });
      return;
    }
    const dt = s.t_s - this.last_s;
    if (dt === 0) return; // paused: nothing new to count or show
    this.acc.observe(s, dt);
    this.last_s = s.t_s;
    this.store.setState({ report: this.acc.report(s) });
  }

  /** Count from the next state on. */
  restart(): Promise<void> {
    this.restartNext = true;
    return this.tick();
  }

  /** Start observing (idempotent); it runs until stop(), so the figures keep counting while the panel is shut. */
  run(period_ms = KPI_FEED_MS): void {
    if (this.timer) return;
    void this.tick();
    this.timer = setInterval(() => void this.tick(), period_ms);
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }
}
