import type { SimClient } from './client';
import type { Frame } from '../protocol/frame';
import type { Scenario } from '../scenario/schema';
import type { SimEvent } from '../sim/events';
import { t, ui } from '../state/ui';
import { putRun, requestPersistence, type RunRecord } from '../records/db';
import { RecordWriter, type SaveStatus } from '../records/writer';
import { closingStatements, statement } from '../records/xapi';
import { sendPending } from '../records/lrs';
import { contentHash } from '../sim/contentHash';
import { lockRun, type RunLock } from './trainingLock';
import { newRecord, RUN_SEED } from './trainingRecord';
import { automationMode } from './automationMode';
import type { TrainingUi } from './plantStore';

// A trainee's run of a scenario on the page: starts it in the worker, follows its status, and keeps the
// training record in IndexedDB up to date as it happens (every few seconds and at every change). A write
// that fails is tried again at the next interval with the newest record, and the trainee is told until
// it works; the record is kept in memory meanwhile. One tab at a time holds a live run (trainingLock.ts).

export const SAVE_EVERY_MS = 2000;

export class TrainingSession {
  private record: RunRecord;
  private events: SimEvent[] = [];
  private readonly writer: RecordWriter<RunRecord>;
  private timer: ReturnType<typeof setInterval>;
  private readonly hook = (f: Frame) => this.onFrame(f);

  private constructor(
    private readonly client: SimClient,
    record: RunRecord,
    private readonly lock: RunLock,
  ) {
    this.record = record;
    this.events = record.events;
    this.writer = new RecordWriter(putRun, (s) => this.onSaveStatus(s));
    client.frameHooks.add(this.hook);
    this.timer = setInterval(() => void this.save().catch(() => {}), SAVE_EVERY_MS);
    client.store.setState({ session: this });
    void requestPersistence();
  }

  static async start(client: SimClient, raw: unknown, trainee: string): Promise<TrainingSession | string> {
    const runId = crypto.randomUUID();
    const r = await client.api.startScenario(raw, runId);
    if (!r.ok) return r.message;
    const s: Scenario = r.scenario;
    const plant = client.info?.plant;
    const record = newRecord({
      runId,
      trainee,
      scenario: s,
      scenarioHash: contentHash(s),
      plantName: plant?.name ?? '',
      plantHash: plant ? contentHash(plant) : '',
      seed: RUN_SEED,
      automation: automationMode(),
      at: new Date(),
      home: location.origin,
    });
    const lock = await lockRun(runId, () => TrainingSession.otherTab(client));
    if (!lock) return t('run.otherTab');
    ui.setState({ panel: 'none' });
    client.store.setState({
      training: { scenario: s, runId, trainee, phase: 'briefing', status: null, hint: null },
      speed: s.initial.speed,
      running: false,
    });
    const session = new TrainingSession(client, record, lock);
    await session.flush().catch(() => {}); // a failure shows in the training panel; the record stays in memory
    return session;
  }

  private static otherTab(client: SimClient): void {
    const tr = client.store.getState().training;
    if (tr) client.store.setState({ training: { ...tr, notice: 'otherTab' } });
  }

  private patchUi(p: Partial<TrainingUi>): void {
    const tr = this.client.store.getState().training;
    if (tr && tr.runId === this.record.runId) this.client.store.setState({ training: { ...tr, ...p } });
  }

  private onSaveStatus(s: SaveStatus): void {
    this.patchUi({ saveError: s.ok ? null : s.error });
  }

  /** The record as this page holds it (the newest, whether or not it could be written). */
  get current(): RunRecord {
    return { ...this.record, events: this.events };
  }

  /** Whether the record could not be written lately (shown to the trainee). */
  get saveStatus(): SaveStatus {
    return this.writer.saveStatus;
  }

  /** The trainee has read the briefing: the clock starts. */
  async begin(): Promise<void> {
    this.record.status = 'running';
    this.record.statements.push(statement('initialized', this.record, location.origin, new Date()));
    this.writer.markDirty();
    this.patchUi({ phase: 'running' });
    await this.client.play();
    await this.save().catch(() => {});
  }

  async hint(): Promise<void> {
    const h = await this.client.api.useHint();
    if (h !== null) this.record.hints.push(this.client.header('t_s'));
    this.writer.markDirty();
    this.patchUi({ hint: h ?? '—' });
  }

  async abandon(): Promise<void> {
    await this.client.api.abandonScenario();
  }

  /** Go back in plant time during the run: allowed, and written into the record (what came after is undone). */
  async backtrack(t_s: number): Promise<number | null> {
    const from_s = this.client.header('t_s');
    const to = await this.client.api.backtrack(t_s);
    if (to !== null) {
      this.record.backtracks.push({ from_s, to_s: to, at: new Date().toISOString() });
      this.writer.markDirty();
      await this.save().catch(() => {});
    }
    return to;
  }

  /** Close the debrief and return to free play. */
  async close(): Promise<void> {
    this.client.frameHooks.delete(this.hook);
    clearInterval(this.timer);
    await this.flush().catch(() => {});
    this.lock.release();
    await this.client.api.closeScenario();
    this.client.store.setState({ training: null, session: null });
  }

  private onFrame(f: Frame): void {
    if (f.events.length) this.events.push(...f.events);
    // while the exercise runs, every save refreshes the snapshot it could be resumed from
    if (f.events.length || this.record.status === 'running') this.writer.markDirty();
    if (f.scenario === undefined) return;
    const tr = this.client.store.getState().training;
    if (!tr || (f.scenario && f.scenario.runId !== tr.runId)) return;
    const st = f.scenario;
    this.writer.markDirty();
    if (st?.result && this.record.status !== 'ended') {
      this.record.status = 'ended';
      this.record.result = st.result;
      this.record.statements.push(...closingStatements(this.record, st.result, location.origin, new Date()));
      this.client.store.setState({ training: { ...tr, status: st, phase: 'debrief' } });
      void this.save()
        .then(() => sendPending())
        .catch(() => {});
      return;
    }
    this.client.store.setState({ training: { ...tr, status: st } });
  }

  /** Write the record if it changed; rejects when the write failed (it is tried again at the next interval). */
  save(): Promise<void> {
    return this.writer.save(async () => {
      const snapshot = this.record.status === 'running' ? await this.client.api.snapshot().catch(() => null) : null;
      this.record = {
        ...this.record,
        events: this.events,
        updatedAt: new Date().toISOString(),
        ...(snapshot ? { snapshot } : {}),
      };
      return this.record;
    });
  }

  /** Pick up an interrupted run (a reload, a closed tab) from its last saved snapshot. */
  static async resume(client: SimClient, record: RunRecord): Promise<TrainingSession | string> {
    const sc = record.snapshot?.scenario as { scenario: Scenario; runId: string } | undefined;
    if (!record.snapshot || !sc) return t('run.noSnapshot');
    const lock = await lockRun(record.runId, () => TrainingSession.otherTab(client));
    if (!lock) return t('run.openElsewhere');
    try {
      await client.api.restore(record.snapshot);
    } catch (e) {
      lock.release();
      return t('run.cannotResume').replace('{why}', (e as Error).message);
    }
    await client.setSpeed(sc.scenario.initial.speed);
    ui.setState({ panel: 'none' });
    client.store.setState({
      training: {
        scenario: sc.scenario,
        runId: record.runId,
        trainee: record.trainee,
        phase: 'running',
        status: null,
        hint: null,
      },
    });
    // what happened after the snapshot is played again from it: the snapshot's log is the run's log
    const s = new TrainingSession(
      client,
      { ...record, events: structuredClone(record.snapshot.state.events ?? record.events) },
      lock,
    );
    await client.play();
    return s;
  }

  /** Resolves once everything seen so far is in IndexedDB; rejects when the write failed. */
  async flush(): Promise<void> {
    this.writer.markDirty();
    await this.save();
  }
}
