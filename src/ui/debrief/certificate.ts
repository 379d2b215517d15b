import type { RunRecord } from '../../records/schema';
import { recordHash } from '../../records/canonical';

// What a certificate of completion states, taken from the training record alone: who, which scenario and
// version, the record's date, the score against the pass mark, and the record's id and hash, so anyone
// holding the exported record can recompute the hash (records/canonical.ts) and see it is the same run.

export interface CertificateData {
  trainee: string;
  scenarioId: string;
  title: string;
  version: string;
  /** The day of the run, YYYY-MM-DD, from the record (never the day it is printed). */
  date: string;
  score: number;
  passMark: number;
  plantName: string;
  runId: string;
  hash: string;
}

/** The certificate of a passed, finished run; null for any other record (no certificate for a fail). */
export function certificateOf(r: RunRecord): CertificateData | null {
  if (r.status !== 'ended' || !r.result?.pass) return null;
  return {
    trainee: r.trainee.trim(),
    scenarioId: r.scenarioId,
    title: r.title,
    version: r.scenarioVersion,
    date: r.startedAt.slice(0, 10),
    score: r.result.score,
    passMark: r.result.passMark,
    plantName: r.plantName,
    runId: r.runId,
    hash: recordHash(r),
  };
}
