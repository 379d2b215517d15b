import { expect } from 'vitest';
import type { HistorianIngest } from '../../../src/historian/ingest';
import type { HistorianStore } from '../../../src/historian/types';
import { batch, s, T0 } from './contract';

// A bridge stand-in for round-trip tests: batches of every tag, one a second of plant time, on an
// injected clock (the ingest's lag is read from the same clock), and the check that every value is stored.

export class Feed {
  t_ms = T0;
  sent = 0;
  private seq = 0;

  constructor(
    private readonly ingest: () => HistorianIngest,
    readonly plant: string,
    readonly tags: string[],
  ) {}

  readonly now = () => this.t_ms;

  /** `n` batches, one per second of the feed's clock. */
  send(n: number): void {
    for (let i = 0; i < n; i++) {
      const k = this.sent++;
      this.ingest().ingest(
        this.plant,
        batch(
          this.seq++,
          this.tags.map((tag, j) => s(tag, T0 + k * 1000, k + j / 10)),
        ),
      );
      this.t_ms += 1000;
    }
  }

  /** Every sample sent is in the store's raw tier exactly once, and the 1-minute counts add up to it. */
  async expectAllStored(store: HistorianStore): Promise<void> {
    for (const [j, tag] of this.tags.entries()) {
      const r = { plant: this.plant, tag, from_ms: T0, to_ms: T0 + this.sent * 1000, step_ms: null, after_ms: null };
      const raw = await store.points({ ...r, tier: 'raw', limit: this.sent + 10 });
      expect(raw.map((p) => p.v)).toEqual(Array.from({ length: this.sent }, (_, k) => k + j / 10));
      const m1 = await store.points({ ...r, tier: '1m', limit: this.sent + 10 });
      expect(m1.reduce((a, p) => a + p.n, 0)).toBe(this.sent);
    }
  }
}
