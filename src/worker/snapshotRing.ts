import type { Snapshot } from '../sim/snapshot';

export const SNAPSHOT_EVERY_S = 60;
export const SNAPSHOT_RING = 240; // four hours of plant time at one per minute

/** Snapshots of the plant, one per plant minute, oldest first, for backtracking. */
export class SnapshotRing {
  readonly list: Snapshot[] = [];

  reset(first: Snapshot): void {
    this.list.length = 0;
    this.list.push(first);
  }

  /** After a step from t_s − dt_s to t_s: take a snapshot when a plant minute boundary was crossed. */
  afterStep(t_s: number, dt_s: number, take: () => Snapshot): void {
    if (Math.floor(t_s / SNAPSHOT_EVERY_S) === Math.floor((t_s - dt_s) / SNAPSHOT_EVERY_S)) return;
    this.list.push(take());
    if (this.list.length > SNAPSHOT_RING) this.list.shift();
  }

  /** The newest snapshot at or before t_s, dropping every later one; null when none is that old. */
  rewindTo(t_s: number): Snapshot | null {
    for (let i = this.list.length - 1; i >= 0; i--) {
      if (this.list[i].state.t_s <= t_s + 1e-9) {
        this.list.length = i + 1;
        return this.list[i];
      }
    }
    return null;
  }

  times(): number[] {
    return this.list.map((s) => s.state.t_s);
  }
}
