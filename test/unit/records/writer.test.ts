import { describe, expect, it } from 'vitest';
import { RecordWriter, type SaveStatus } from '../../../src/records/writer';

// The writing policy of training records, with a storage that fails on demand (the browser's own
// IndexedDB with injected faults is exercised by test/e2e/records-faults.spec.ts).

const quota = () => Object.assign(new Error('quota'), { name: 'QuotaExceededError' });

function storage() {
  const s = { failing: false, written: [] as number[] };
  const put = async (r: number) => {
    await Promise.resolve();
    if (s.failing) throw quota();
    s.written.push(r);
  };
  return { s, put };
}

// What the record keeper did before: dirty cleared first, then a chain of writes that, once rejected,
// rejects every later write without trying it.
class OldWriter {
  dirty = false;
  saving: Promise<void> = Promise.resolve();
  constructor(private readonly put: (r: number) => Promise<void>) {}
  save(r: number): Promise<void> {
    if (!this.dirty) return this.saving;
    this.dirty = false;
    this.saving = this.saving.then(() => this.put(r));
    return this.saving;
  }
}

describe('record writer', () => {
  it('before: one quota error stopped every later save of the run, silently', async () => {
    const { s, put } = storage();
    const w = new OldWriter(put);
    s.failing = true;
    w.dirty = true;
    await w.save(0).catch(() => {});
    s.failing = false;
    for (let i = 1; i <= 10; i++) {
      w.dirty = true;
      await w.save(i).catch(() => {});
    }
    expect(s.written).toEqual([]);
  });

  it('writes again after a failure, reports it, and flushes the latest record when storage returns', async () => {
    const { s, put } = storage();
    const seen: SaveStatus[] = [];
    let t = 1000;
    const w = new RecordWriter<number>(
      put,
      (x) => seen.push(x),
      () => t,
    );
    w.markDirty();
    await w.save(() => 0);
    s.failing = true;
    for (let i = 1; i <= 3; i++) {
      w.markDirty();
      t += 2000;
      await expect(w.save(() => i)).rejects.toThrow('quota');
    }
    expect(w.pending).toBe(true);
    expect(w.saveStatus).toEqual({
      ok: false,
      error: 'the browser has no storage space left for training records',
      since: 3000,
      failures: 3,
    });
    s.failing = false;
    // nothing new happened, but the record failed to save: the next interval writes it
    await w.save(() => 3);
    expect(s.written).toEqual([0, 3]);
    expect(w.saveStatus).toEqual({ ok: true });
    expect(seen.map((x) => x.ok)).toEqual([false, false, false, true]);
    for (let i = 4; i < 14; i++) {
      w.markDirty();
      await w.save(() => i);
    }
    expect(s.written.length).toBe(12);
  });

  it('never overlaps writes and skips a save when nothing changed', async () => {
    let active = 0;
    let most = 0;
    const done: number[] = [];
    const w = new RecordWriter<number>(async (r) => {
      active++;
      most = Math.max(most, active);
      await new Promise((res) => setTimeout(res, 1));
      active--;
      done.push(r);
    });
    let current = 0;
    const all: Promise<void>[] = [];
    for (let i = 0; i < 5; i++) {
      current = i;
      w.markDirty();
      all.push(w.save(() => current));
    }
    await Promise.all(all);
    await w.save(() => 99);
    expect(most).toBe(1);
    // saves asked for while one waits write the newest record once
    expect(done).toEqual([4]);
  });
});
