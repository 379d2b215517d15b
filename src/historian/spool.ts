import { closeSync, existsSync, fstatSync, fsyncSync, openSync, readSync, writeFileSync, writeSync } from 'node:fs';
import { ftruncateSync, readFileSync, renameSync } from 'node:fs';
import { entrySchema } from './entry';
import type { Entry } from './types';

// The store-and-forward spool: while the store cannot be written, what arrives is appended here (one JSON
// line per batch or event, with the time it was received) and fsynced, so a station that stops loses none
// of it. Once the store is back it is read back in order and written; the read position is kept in a
// side file so a restart does not replay what went in already (and a replay that repeats is harmless: the
// store skips a sample it has).

export interface SpoolLine {
  /** When the historian received it, ms (for the lag). */
  rx_ms: number;
  entry: Entry;
}

export class Spool {
  private fd: number;
  private pos: number;
  /** Receive time of the oldest line not yet written to the store, or null when nothing waits. */
  oldest_ms: number | null = null;
  /** Lines that could not be parsed (a torn last line after a crash), skipped. */
  corrupt = 0;

  constructor(readonly file: string) {
    this.fd = openSync(file, 'a+');
    this.pos = existsSync(`${file}.pos`) ? Number(readFileSync(`${file}.pos`, 'utf8')) || 0 : 0;
    if (this.pos > this.size) this.pos = 0;
    // a crash mid-append can leave a torn last line: end it, so the next line does not join it
    if (this.size > 0) {
      const last = Buffer.alloc(1);
      readSync(this.fd, last, 0, 1, this.size - 1);
      if (last[0] !== 10) writeSync(this.fd, '\n');
    }
    this.oldest_ms = this.read(1).lines[0]?.rx_ms ?? null;
  }

  get size(): number {
    return fstatSync(this.fd).size;
  }

  /** Lines wait to be written. */
  get pending(): boolean {
    return this.pos < this.size;
  }

  /** Append and fsync: on return the lines survive a crash. */
  append(lines: readonly SpoolLine[]): void {
    if (!lines.length) return;
    writeSync(this.fd, lines.map((l) => JSON.stringify(l) + '\n').join(''));
    fsyncSync(this.fd);
    if (this.oldest_ms === null) this.oldest_ms = lines[0].rx_ms;
  }

  /** Up to `max` lines from the read position, and the position just past the last one read. */
  read(max: number): { lines: SpoolLine[]; end: number } {
    const lines: SpoolLine[] = [];
    const size = this.size;
    let at = this.pos; // file offset of the first byte not yet in a returned (or skipped) line
    let carry = Buffer.alloc(0);
    let readTo = at;
    const chunk = Buffer.alloc(1 << 16);
    while (lines.length < max && readTo < size) {
      const n = readSync(this.fd, chunk, 0, Math.min(chunk.length, size - readTo), readTo);
      if (n <= 0) break;
      readTo += n;
      const buf = carry.length ? Buffer.concat([carry, chunk.subarray(0, n)]) : chunk.subarray(0, n);
      let start = 0;
      for (let nl = buf.indexOf(10); nl >= 0 && lines.length < max; nl = buf.indexOf(10, start)) {
        const line = parseLine(buf.toString('utf8', start, nl));
        if (line) lines.push(line);
        else this.corrupt++;
        at += nl + 1 - start;
        start = nl + 1;
      }
      carry = Buffer.from(buf.subarray(start));
    }
    return { lines, end: at };
  }

  /** The lines before `end` are in the store. When all are, the file is emptied. */
  commit(end: number): void {
    this.pos = end;
    if (this.pos >= this.size) {
      ftruncateSync(this.fd, 0);
      fsyncSync(this.fd);
      this.pos = 0;
      this.oldest_ms = null;
    } else {
      this.oldest_ms = this.read(1).lines[0]?.rx_ms ?? null;
    }
    // not fsynced: a lost position only means lines are written again, which the store skips
    writeFileSync(`${this.file}.pos.tmp`, String(this.pos));
    renameSync(`${this.file}.pos.tmp`, `${this.file}.pos`);
  }

  close(): void {
    closeSync(this.fd);
  }
}

function parseLine(raw: string): SpoolLine | null {
  if (!raw.trim()) return null;
  try {
    const j = JSON.parse(raw) as { rx_ms?: unknown; entry?: unknown };
    const e = entrySchema.safeParse(j.entry);
    return typeof j.rx_ms === 'number' && e.success ? { rx_ms: j.rx_ms, entry: e.data } : null;
  } catch {
    return null;
  }
}
