import type { StationRecord } from '../../protocol/session';
import { fromStationRecord, fromRunRecord, type RunSummary } from '../debrief/history';
import { migrateRecord } from '../../records/schema';

// The records a group's progress is built from, beyond this browser's own: the station's signed records
// (an instructor's token reads that session's, GET /api/records) and files of records exported from the
// trainees' Records panels (runsToJson) or kept from a station.

/** Fetching many records one by one is slow over a site's Wi-Fi; a group is far smaller than this. */
const MAX_FILES = 500;

async function getJson<T>(path: string, token: string): Promise<T> {
  const r = await fetch(path, { headers: { Authorization: `Bearer ${token}` } });
  if (!r.ok) throw new Error(`${path}: HTTP ${r.status}`);
  return (await r.json()) as T;
}

/** The station's records this token may read, as summaries (unfinished runs left out). */
export async function stationRuns(token: string): Promise<RunSummary[]> {
  const files = (await getJson<string[]>('/api/records', token)).slice(0, MAX_FILES);
  const out: RunSummary[] = [];
  for (const f of files) {
    const rec = await getJson<StationRecord>(`/api/records/${encodeURIComponent(f)}`, token).catch(() => null);
    const s = rec && fromStationRecord(rec);
    if (s) out.push(s);
  }
  return out;
}

/** Summaries from a file's text: a records export (one record or a list) or station records. */
export function runsFromFile(text: string): RunSummary[] {
  const data: unknown = JSON.parse(text);
  const list = Array.isArray(data) ? data : [data];
  const out: RunSummary[] = [];
  for (const x of list) {
    if (typeof x !== 'object' || x === null) throw new Error('not a training record');
    const s =
      (x as { format?: string }).format === 'tanktwin.station-record/1'
        ? fromStationRecord(x as StationRecord)
        : fromRunRecord(migrateRecord({ snapshot: null, ...x }));
    if (s) out.push(s);
  }
  return out;
}
