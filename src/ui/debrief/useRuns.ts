import { useEffect, useState } from 'react';
import { listRuns, type RunRecord } from '../../records/db';
import { fromRunRecord, uniqueRuns, type RunSummary } from './history';

/**
 * This browser's finished runs as summaries, read when `open` turns true (the history is read when asked
 * for, not on every debrief). `current` is the run just ended: it counts even when storage is failing.
 */
export function useRunSummaries(open: boolean, current: RunRecord | null = null): RunSummary[] | null {
  const [runs, setRuns] = useState<RunSummary[] | null>(null);
  useEffect(() => {
    if (!open) return;
    let live = true;
    void listRuns()
      .catch(() => [] as RunRecord[])
      .then((stored) => live && setRuns(uniqueRuns([current && fromRunRecord(current), ...stored.map(fromRunRecord)])));
    return () => {
      live = false;
    };
  }, [open, current]);
  return runs;
}
