import { calibrate } from '../calibrate/calibrate';
import { calibratedMapping } from '../calibrate/params';
import type { Recording as CalRecording } from '../calibrate/recording';
import { rankRootCauses, type Recording as RcRecording, type RootCauseOptions } from '../diagnose/rootCause';
import type { Mapping } from '../scada/mapping';
import type { PlantData } from '../sim/plant/schema';

// The heavy computations of the twin's routes, as plain functions of plain (structured-cloneable) data: a
// job thread (jobWorker.ts) runs them, so the station's event loop keeps serving the bridge, the broker and
// the filters meanwhile. The routes read the history and check the request; only the number crunching is here.

export interface CalibrateJob {
  rec: CalRecording;
  plant: PlantData;
  mapping: Mapping;
  tanks?: string[];
  exclude?: string[];
}

export interface RootCauseJob {
  plant: PlantData;
  rec: RcRecording;
  opts: Pick<RootCauseOptions, 'onset_s' | 'tankParams'>;
}

export const jobTasks = {
  calibrate(j: CalibrateJob) {
    const res = calibrate(j.rec, { plant: j.plant, mapping: j.mapping, tanks: j.tanks, exclude: j.exclude });
    return {
      estimates: res.estimates,
      tanks: res.tanks,
      iterations: res.iterations,
      replays: res.replays,
      plant: res.plant,
      mapping: calibratedMapping(j.mapping, res.offsets),
    };
  },
  rootcause(j: RootCauseJob) {
    return rankRootCauses(j.plant, j.rec, j.opts);
  },
};

export type JobKind = keyof typeof jobTasks;
export type JobInput<K extends JobKind> = Parameters<(typeof jobTasks)[K]>[0];
export type JobOutput<K extends JobKind> = ReturnType<(typeof jobTasks)[K]>;

/** What a job thread is given and what it answers. */
export interface JobStart {
  kind: JobKind;
  input: unknown;
}
export type JobAnswer = { started: true } | { ok: true; value: unknown } | { ok: false; error: string };
