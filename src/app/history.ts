/**
 * A ring of frames for trends on a plant-time axis: every tag at each sample, sampled when plant time
 * has moved on by at least `minStep_s` (so fast-time runs do not flood it). Fixed memory.
 */
export class History {
  readonly times: Float64Array;
  readonly data: Float64Array;
  private head = 0;
  count = 0;

  constructor(
    readonly stride: number,
    readonly capacity = 7200,
    readonly minStep_s = 1,
  ) {
    this.times = new Float64Array(capacity);
    this.data = new Float64Array(capacity * stride);
  }

  push(t_s: number, values: Float64Array, offset: number): void {
    if (this.count > 0) {
      const last = this.times[(this.head - 1 + this.capacity) % this.capacity];
      if (t_s < last)
        this.clear(); // the run went back (restore, backtrack): start the trend afresh
      else if (t_s - last < this.minStep_s) return;
    }
    this.times[this.head] = t_s;
    this.data.set(values.subarray(offset, offset + this.stride), this.head * this.stride);
    this.head = (this.head + 1) % this.capacity;
    this.count = Math.min(this.count + 1, this.capacity);
  }

  clear(): void {
    this.head = 0;
    this.count = 0;
  }

  /** Oldest-first series of plant time and of each asked column, for uPlot. */
  series(columns: number[]): number[][] {
    const n = this.count;
    const start = (this.head - n + this.capacity) % this.capacity;
    const out: number[][] = [new Array(n), ...columns.map(() => new Array(n))];
    for (let i = 0; i < n; i++) {
      const k = (start + i) % this.capacity;
      out[0][i] = this.times[k];
      for (let c = 0; c < columns.length; c++) out[c + 1][i] = this.data[k * this.stride + columns[c]];
    }
    return out;
  }
}
