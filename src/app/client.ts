import { wrap, proxy, releaseProxy, type Remote } from 'comlink';
import type { WorkerApi } from '../protocol/workerApi';
import {
  H,
  HEADER_LEN,
  emptyFrameValues,
  frameValue,
  type EngineInfo,
  type Frame,
  type PlayerInput,
} from '../protocol/frame';
import type { Command, CommandOrigin } from '../sim/commands';
import type { CommandResult } from '../sim/apply';
import type { Snapshot } from '../sim/snapshot';
import { ui, t } from '../state/ui';
import { simText } from '../i18n/simTexts';
import { createPlantStore, EVENT_LOG_MAX, type PlantState, type PlantStore } from './plantStore';
import { History } from './history';
import { formatPlantTime } from './format';
import type { QualityReader } from './quality';
import { parsePlant } from '../sim/plant/load';

export const SNAPSHOT_WALL_MS = 5000; // the page keeps a fresh snapshot so a worker crash loses at most a few seconds

/**
 * The page's handle on the simulation worker: sends commands, receives frames (kept as the latest
 * buffer and a history ring, never as React state), keeps a recent snapshot and restarts the worker
 * from it when the worker dies.
 */
export class SimClient {
  private worker!: Worker;
  api!: Remote<WorkerApi>;
  info: EngineInfo | null = null;
  tagIndex = new Map<string, number>();
  latest: Float64Array = emptyFrameValues();
  history: History | null = null;
  lastSnapshot: Snapshot | null = null;
  frames = 0;
  /** Each tag's data quality when the values come from a live plant (src/live); null: all are the model's. */
  quality: QualityReader | null = null;
  /** Called for every frame after the client has taken what it needs (training records use it). */
  readonly frameHooks = new Set<(f: Frame) => void>();
  private snapTimer: ReturnType<typeof setInterval> | null = null;
  private restarting = false;
  private raw: Promise<unknown> | null = null;
  /** Settles once this start's worker has taken the plant (or refused it, or failed); commands wait for it. */
  private engineReady!: Promise<boolean>;
  private settleReady!: (ok: boolean) => void;
  private readySettled = false;
  /** This connection's slow state (info, run/pause, speed, alarms, events, last refusal). */
  readonly store: PlantStore;

  constructor(
    private readonly plantRaw: unknown | null,
    initial: Partial<Pick<PlantState, 'running' | 'speed'>> = {},
  ) {
    this.store = createPlantStore(initial);
    this.newReadyGate();
  }

  /** A gate for the worker about to start: a restarted worker's commands wait for its own init, not the last one's. */
  private newReadyGate(): void {
    this.readySettled = false;
    this.engineReady = new Promise((resolve) => {
      this.settleReady = (ok) => {
        this.readySettled = true;
        resolve(ok);
      };
    });
  }

  /** The plant file's contents: the one given, else the default plant (its own chunk, fetched once). */
  private plantSource(): Promise<unknown> {
    return (this.raw ??= this.plantRaw
      ? Promise.resolve(this.plantRaw)
      : import('../../models/default-plant.json').then((m) => m.default));
  }

  /**
   * Parse the plant file here on the page, so the scene can draw the static plant while the worker is still
   * loading (its bundle carries the physics engine's WASM). Start the worker first: both then work at once.
   * An invalid file shows nothing here; the worker's refusal says why.
   */
  async preview(): Promise<void> {
    const r = parsePlant(await this.plantSource());
    if (r.ok && !this.store.getState().info) this.store.setState({ preview: r.value });
  }

  /**
   * Start a worker on the plant. A failure (the worker's init rejects, the default plant's chunk cannot be
   * fetched offline) shows as the page's fatal message and answers waiting commands, rather than leaving them
   * and the page waiting for good.
   */
  async start(snapshot?: Snapshot): Promise<boolean> {
    if (this.readySettled) this.newReadyGate();
    try {
      return await this.startWorker(snapshot);
    } catch (e) {
      ui.setState({ fatal: `${t('start.engineFailed')}: ${(e as Error)?.message ?? String(e)}` });
      this.settleReady(false);
      return false;
    }
  }

  private async startWorker(snapshot?: Snapshot): Promise<boolean> {
    this.worker = new Worker(new URL('../worker/sim.worker.ts', import.meta.url), { type: 'module' });
    this.worker.addEventListener('error', (e) => {
      e.preventDefault();
      void this.recover(e.message || 'worker error');
    });
    this.api = wrap<WorkerApi>(this.worker);
    // every call is posted at once and answered in order: while this thread draws the static plant, a round
    // trip waits for its frame to end, and the worker would otherwise wait for each
    const subscribed = this.api.subscribe(proxy((f: Frame) => this.onFrame(f)));
    const r = await this.api.init(await this.plantSource(), snapshot ? { snapshot } : {});
    await subscribed;
    if (!r.ok) {
      ui.setState({ fatal: `${t('plantInvalid')}:\n${r.errors.map((e) => `${e.path}: ${e.message}`).join('\n')}` });
      this.settleReady(false);
      return false;
    }
    // the plant the page already draws is the same file parsed the same way: keep its object, so the scene's
    // geometry (built per plant object) is not built a second time when the engine answers
    const preview = this.store.getState().preview;
    this.info = preview ? { ...r.info, plant: preview } : r.info;
    this.tagIndex = new Map(r.info.tags.map((x, i) => [x.name, i]));
    this.history ??= new History(r.info.tags.length);
    const st = this.store.getState();
    const [taken] = await Promise.all([
      snapshot ?? this.api.snapshot(),
      this.api.setSpeed(st.speed),
      st.running ? this.api.play() : undefined,
    ]);
    this.lastSnapshot = taken;
    this.snapTimer = setInterval(() => void this.refreshSnapshot(), SNAPSHOT_WALL_MS);
    performance.mark('tanktwin:engine-ready');
    this.store.setState({ info: this.info });
    this.settleReady(true);
    return true;
  }

  private async refreshSnapshot(): Promise<void> {
    if (this.restarting) return;
    try {
      this.lastSnapshot = await this.api.snapshot();
    } catch {
      /* the worker is gone; recover() handles it */
    }
  }

  private async recover(message: string): Promise<void> {
    if (this.restarting) return;
    this.restarting = true;
    const at = this.lastSnapshot ? formatPlantTime(this.lastSnapshot.state.t_s) : '0';
    ui.setState({ notice: `${t('workerCrashed')} ${at} (${message})` });
    if (this.snapTimer) clearInterval(this.snapTimer);
    this.api[releaseProxy]();
    this.worker.terminate();
    const ok = await this.start(this.lastSnapshot ?? undefined);
    this.restarting = false;
    if (ok) ui.setState({ notice: `${t('workerRestarted')} ${at}. (${message})` });
  }

  protected onFrame(f: Frame): void {
    this.latest = f.values;
    this.frames++;
    this.history?.push(f.values[H.t_s], f.values, HEADER_LEN);
    const now = this.store.getState();
    const patch: Partial<PlantState> = {};
    if (f.alarms) patch.alarms = f.alarms;
    if (f.events.length) patch.events = [...f.events.reverse(), ...now.events].slice(0, EVENT_LOG_MAX);
    const running = f.values[H.running] === 1;
    if (running !== now.running) patch.running = running;
    if (f.values[H.speed] !== now.speed) patch.speed = f.values[H.speed];
    if (Object.keys(patch).length) this.store.setState(patch);
    this.frameHooks.forEach((h) => h(f));
  }

  value(tag: string): number {
    const i = this.tagIndex.get(tag);
    return i === undefined ? Number.NaN : frameValue(this.latest, i);
  }

  header(k: keyof typeof H): number {
    return this.latest[H[k]];
  }

  async command(c: Command, by?: CommandOrigin): Promise<CommandResult> {
    // a command given while the worker is still loading waits for it rather than reaching an engine with no plant
    if (!(await this.engineReady)) return { ok: false, reason: t('plantInvalid') };
    const r = await this.api.command(c, by);
    this.store.setState({ lastResult: r.ok ? null : `${t('rejected')}: ${simText(r.reason, ui.getState().lang)}` });
    return r;
  }

  play(): Promise<void> {
    this.store.setState({ running: true });
    return this.api.play();
  }

  pause(): Promise<void> {
    this.store.setState({ running: false });
    return this.api.pause();
  }

  async setSpeed(x: number): Promise<number> {
    const s = await this.api.setSpeed(x);
    this.store.setState({ speed: s });
    return s;
  }

  /** The walker's input, held each frame: dropped while no engine has the plant (loading, restarting). */
  setInput(i: PlayerInput): void {
    if (this.info === null || this.restarting) return;
    void this.api.setInput(i).catch(() => undefined); // the worker is gone; recover() handles it
  }

  /** Move the walker once the engine has the plant (a request made while it loads is carried out then). */
  async teleport(x_m: number, y_m: number, z_m: number): Promise<void> {
    if (!(await this.engineReady)) return;
    await this.api.teleport(x_m, y_m, z_m).catch(() => undefined); // the worker is gone; recover() handles it
  }

  /** End this connection's worker for good (a what-if plant that is closed); no restart follows. */
  terminate(): void {
    this.restarting = true;
    if (this.snapTimer) clearInterval(this.snapTimer);
    this.worker?.terminate();
  }
}
