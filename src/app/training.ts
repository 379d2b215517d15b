import type { SimClient } from './client';
import type { Frame } from '../protocol/frame';
import type { Scenario } from '../scenario/schema';
import type { SimEvent } from '../sim/events';
import { ui } from '../state/ui';
import { putRun, type RunRecord } from '../records/db';
import { closingStatements, statement } from '../records/xapi';

// A trainee's run of a scenario on the page: starts it in the worker, follows its status, and keeps the
// training record in IndexedDB up to date as it happens (every few seconds and at every change).

export const SAVE_EVERY_MS = 2000;

export class TrainingSession {
  private record: RunRecord;
  private events: SimEvent[] = [];
  private dirty = false;
  private saving: Promise<void> = Promise.resolve();
  private timer: ReturnType<typeof setInterval>;
  private readonly hook = (f: Frame) => this.onFrame(f);

  private constructor(
    private readonly client: SimClient,
    record: RunRecord,
  ) {
    this.record = record;
    this.events = record.events;
    client.frameHooks.add(this.hook);
    this.timer = setInterval(() => void this.save(), SAVE_EVERY_MS);
    client.store.setState({ session: this });
  }

  static async start(client: SimClient, raw: unknown, trainee: string): Promise<TrainingSession | string> {
    const runId = crypto.randomUUID();
    const r = await client.api.startScenario(raw, runId);
    if (!r.ok) return r.message;
    const s: Scenario = r.scenario;
    const now = new Date();
    const base = { runId, trainee, scenarioId: s.id, scenarioVersion: s.version, title: s.title.en };
    const record: RunRecord = {
      ...base,
      startedAt: now.toISOString(),
      updatedAt: now.toISOString(),
      status: 'briefing',
      events: [],
      result: null,
      statements: [statement('launched', base, location.origin, now)],
      snapshot: null,
    };
    await putRun(record);
    ui.setState({ panel: 'none' });
    client.store.setState({
      training: { scenario: s, runId, trainee, phase: 'briefing', status: null, hint: null },
      speed: s.initial.speed,
      running: false,
    });
    return new TrainingSession(client, record);
  }

  /** The trainee has read the briefing: the clock starts. */
  async begin(): Promise<void> {
    this.record.status = 'running';
    this.record.statements.push(statement('initialized', this.record, location.origin, new Date()));
    this.dirty = true;
    const tr = this.client.store.getState().training;
    if (tr) this.client.store.setState({ training: { ...tr, phase: 'running' } });
    await this.client.play();
    await this.save();
  }

  async hint(): Promise<void> {
    const h = await this.client.api.useHint();
    const tr = this.client.store.getState().training;
    if (tr) this.client.store.setState({ training: { ...tr, hint: h ?? '—' } });
  }

  async abandon(): Promise<void> {
    await this.client.api.abandonScenario();
  }

  /** Close the debrief and return to free play. */
  async close(): Promise<void> {
    this.client.frameHooks.delete(this.hook);
    clearInterval(this.timer);
    await this.save();
    await this.client.api.closeScenario();
    this.client.store.setState({ training: null, session: null });
  }

  private onFrame(f: Frame): void {
    if (f.events.length) this.events.push(...f.events);
    // while the exercise runs, every save refreshes the snapshot it could be resumed from
    if (f.events.length || this.record.status === 'running') this.dirty = true;
    if (f.scenario === undefined) return;
    const tr = this.client.store.getState().training;
    if (!tr || (f.scenario && f.scenario.runId !== tr.runId)) return;
    const st = f.scenario;
    this.dirty = true;
    if (st?.result && this.record.status !== 'ended') {
      this.record.status = 'ended';
      this.record.result = st.result;
      this.record.statements.push(...closingStatements(this.record, st.result, location.origin, new Date()));
      this.client.store.setState({ training: { ...tr, status: st, phase: 'debrief' } });
      void this.save();
      return;
    }
    this.client.store.setState({ training: { ...tr, status: st } });
  }

  async save(): Promise<void> {
    if (!this.dirty) return this.saving;
    this.dirty = false;
    const snapshot = this.record.status === 'running' ? await this.client.api.snapshot().catch(() => null) : null;
    this.record = {
      ...this.record,
      events: this.events,
      updatedAt: new Date().toISOString(),
      ...(snapshot ? { snapshot } : {}),
    };
    this.saving = this.saving.then(() => putRun(this.record));
    return this.saving;
  }

  /** Pick up an interrupted run (a reload, a closed tab) from its last saved snapshot. */
  static async resume(client: SimClient, record: RunRecord): Promise<TrainingSession | string> {
    const sc = record.snapshot?.scenario as { scenario: Scenario; runId: string } | undefined;
    if (!record.snapshot || !sc) return 'this run has no saved state to resume';
    await client.api.restore(record.snapshot);
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
    const s = new TrainingSession(client, record);
    await client.play();
    return s;
  }

  /** Resolves once everything seen so far is in IndexedDB. */
  async flush(): Promise<void> {
    this.dirty = true;
    await this.save();
  }
}
