import type { RunRecord } from './db';

const csvCell = (v: unknown) => {
  const s = v === null || v === undefined ? '' : String(v);
  return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

/** One row per run: the fields a training coordinator filters and sorts. */
export function runsToCsv(runs: RunRecord[]): string {
  const head = [
    'runId',
    'trainee',
    'scenarioId',
    'scenarioVersion',
    'title',
    'startedAt',
    'status',
    'score',
    'pass',
    'endedBy',
    'duration_s',
    'actions',
    'hintsUsed',
  ];
  const rows = runs.map((r) => [
    r.runId,
    r.trainee,
    r.scenarioId,
    r.scenarioVersion,
    r.title,
    r.startedAt,
    r.status,
    r.result?.score ?? '',
    r.result ? (r.result.pass ? 'pass' : 'fail') : '',
    r.result?.endedBy ?? '',
    r.result?.duration_s ?? '',
    r.events.filter((e) => e.type === 'action' && e.by === 'trainee').length,
    r.result?.hints.used ?? '',
  ]);
  return [head, ...rows].map((row) => row.map(csvCell).join(',')).join('\n') + '\n';
}

export function runsToJson(runs: RunRecord[]): string {
  return JSON.stringify(
    runs.map(({ snapshot: _s, ...r }) => r),
    null,
    1,
  );
}

export function download(name: string, text: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
