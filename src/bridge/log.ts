// Structured logs: one JSON object a line ({level, ts, msg, ...fields}) on stdout, for a bridge that runs
// unattended for months under a service manager that collects stdout. Injectable: tests collect lines.

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
export type Log = (level: LogLevel, msg: string, fields?: Record<string, unknown>) => void;

const RANK: Record<LogLevel, number> = { debug: 0, info: 1, warn: 2, error: 3 };

export interface JsonLogOptions {
  /** Where each line goes (default stdout). */
  write?: (line: string) => void;
  /** Lines below this level are dropped (default info). */
  level?: LogLevel;
  now?: () => number;
}

export function jsonLog(opts: JsonLogOptions = {}): Log {
  const write = opts.write ?? ((line: string) => void process.stdout.write(line + '\n'));
  const min = RANK[opts.level ?? 'info'];
  const now = opts.now ?? Date.now;
  return (level, msg, fields) => {
    if (RANK[level] < min) return;
    let line: string;
    try {
      line = JSON.stringify({ level, ts: new Date(now()).toISOString(), msg, ...fields });
    } catch {
      // a field that cannot be written (a cycle, a BigInt) must not lose the line
      line = JSON.stringify({ level, ts: new Date(now()).toISOString(), msg, fields: String(fields) });
    }
    write(line);
  };
}

/** A log that keeps its entries, for tests. */
export function memoryLog(): Log & { entries: { level: LogLevel; msg: string; [k: string]: unknown }[] } {
  const entries: { level: LogLevel; msg: string; [k: string]: unknown }[] = [];
  const log = ((level: LogLevel, msg: string, fields?: Record<string, unknown>) =>
    void entries.push({ level, msg, ...fields })) as Log & { entries: typeof entries };
  log.entries = entries;
  return log;
}
