// Keeps a record written: each save() writes the latest version; a failed write (a full disk, a closed
// database) leaves the record dirty and in memory, so the next save writes it again, and whoever listens
// is told that saving fails and, later, that it works again. Writes never overlap and never stop for good.

export type SaveStatus = { ok: true } | { ok: false; error: string; since: number; failures: number };

export class RecordWriter<R> {
  private dirty = false;
  private chain: Promise<void> = Promise.resolve();
  private status: SaveStatus = { ok: true };
  /** Writes done and writes failed, for tests and the reliability report. */
  writes = 0;
  failures = 0;

  constructor(
    private readonly put: (r: R) => Promise<void>,
    private readonly onStatus: (s: SaveStatus) => void = () => {},
    private readonly now: () => number = () => Date.now(),
  ) {}

  get saveStatus(): SaveStatus {
    return this.status;
  }

  get pending(): boolean {
    return this.dirty;
  }

  markDirty(): void {
    this.dirty = true;
  }

  /**
   * Write the record that build() makes now, if anything changed since the last write that succeeded.
   * Resolves when written; rejects with the error when this write failed (the record stays dirty).
   */
  save(build: () => R | Promise<R>): Promise<void> {
    const run = async () => {
      if (!this.dirty) return;
      this.dirty = false;
      try {
        await this.put(await build());
        this.writes++;
        if (!this.status.ok) this.setStatus({ ok: true });
      } catch (e) {
        this.dirty = true; // still to be written: the next save tries again
        this.failures++;
        const prev = this.status;
        this.setStatus({
          ok: false,
          error: describe(e),
          since: prev.ok ? this.now() : prev.since,
          failures: prev.ok ? 1 : prev.failures + 1,
        });
        throw e;
      }
    };
    // each write starts after the previous one, whatever became of it
    const p = this.chain.then(run, run);
    this.chain = p.catch(() => {});
    return p;
  }

  private setStatus(s: SaveStatus): void {
    this.status = s;
    this.onStatus(s);
  }
}

function describe(e: unknown): string {
  if (e && typeof e === 'object' && 'name' in e) {
    const n = String((e as { name: unknown }).name);
    const m = 'message' in e ? String((e as { message: unknown }).message) : '';
    if (n === 'QuotaExceededError') return 'the browser has no storage space left for training records';
    if (n === 'VersionError')
      return 'a newer TankTwin in another tab has upgraded the records database; reload this page';
    return m ? `${n}: ${m}` : n;
  }
  return String(e);
}
