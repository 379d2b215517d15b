// A small CSV reader for the quality imports (loading schedules, LIMS samples): comma, semicolon or tab
// separated, double-quoted fields with "" for a quote, a header row naming the columns. Every row keeps its
// line number in the file, so a bad value is reported as "line 7, column value" the way a person finds it.

export interface CsvRow {
  /** 1-based line of the row in the file. */
  line: number;
  /** The row's cells by lower-cased header name. */
  cells: Map<string, string>;
}

export interface CsvTable {
  columns: string[];
  rows: CsvRow[];
}

/** Split one line into cells; quotes may hold the separator. */
function splitLine(text: string, sep: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cur += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cur += c;
    } else if (c === '"') quoted = true;
    else if (c === sep) {
      out.push(cur.trim());
      cur = '';
    } else cur += c;
  }
  out.push(cur.trim());
  return out;
}

/** The separator the header uses: the first of tab, semicolon, comma that occurs in it (comma by default). */
function separatorOf(header: string): string {
  for (const s of ['\t', ';', ',']) if (header.includes(s)) return s;
  return ',';
}

/**
 * The table of a CSV text. Blank lines and lines starting with # are skipped; header names are lower-cased
 * and trimmed. Never throws: a row with more cells than the header keeps the first ones (the caller checks
 * the cells it needs).
 */
export function readCsv(text: string): CsvTable {
  const lines = text.replace(/^\uFEFF/, '').split(/\r\n|\n|\r/);
  let columns: string[] | null = null;
  let sep = ',';
  const rows: CsvRow[] = [];
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i];
    if (!raw.trim() || raw.trimStart().startsWith('#')) continue;
    if (!columns) {
      sep = separatorOf(raw);
      columns = splitLine(raw, sep).map((c) => c.toLowerCase());
      continue;
    }
    const cells = splitLine(raw, sep);
    const m = new Map<string, string>();
    columns.forEach((c, k) => {
      if (c && cells[k] !== undefined && cells[k] !== '') m.set(c, cells[k]);
    });
    rows.push({ line: i + 1, cells: m });
  }
  return { columns: columns ?? [], rows };
}

/** A finite number written with a point or a decimal comma ("0,38"), or NaN. */
export function parseNumber(s: string | undefined): number {
  if (s === undefined) return Number.NaN;
  const t = s.trim().replace(/^([-+]?\d+),(\d+)$/, '$1.$2');
  if (!/^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(t)) return Number.NaN;
  return Number(t);
}
