import { Worker } from 'node:worker_threads';
import { availableParallelism } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundleWorker } from '../node/bundleWorker';
import type { Request, ToMain, ToThread } from './threadMessages';

// The plant threads of a station: sessions spread over a few worker threads (one per core by default; a
// thread per session would spend a V8 heap on each). The thread's code is bundled once per process from
// plantWorker.ts, so the station runs the very engine the pages run, under tsx or built.

const here = dirname(fileURLToPath(import.meta.url));
const bundle = () => bundleWorker(join(here, 'plantWorker.ts'));

export type FrameMessage = Extract<ToMain, { t: 'frame' }>;
export type PersistMessage = Extract<ToMain, { t: 'persist' }>;

export interface ThreadEvents {
  frame(m: FrameMessage): void;
  persist(m: PersistMessage): void;
  /** A thread died: its sessions must be reopened from their last snapshots. */
  crashed(sids: string[], error: Error): void;
}

interface Thread {
  worker: Worker;
  sids: Set<string>;
}

export class PlantThreads {
  private threads: Thread[] = [];
  private bySid = new Map<string, Thread>();
  private waiting = new Map<number, { resolve(v: unknown): void; reject(e: Error): void }>();
  private nextReq = 1;

  constructor(
    private readonly on: ThreadEvents,
    private readonly maxThreads = availableParallelism(),
  ) {}

  private async spawn(): Promise<Thread> {
    const file = await bundle();
    const th: Thread = { worker: new Worker(file), sids: new Set() };
    th.worker.on('message', (m: ToMain) => this.receive(m));
    th.worker.on('error', (e) => this.lost(th, e));
    th.worker.on('exit', (code) => code !== 0 && this.lost(th, new Error(`plant thread exited with ${code}`)));
    this.threads.push(th);
    return th;
  }

  private lost(th: Thread, e: Error): void {
    const i = this.threads.indexOf(th);
    if (i < 0) return;
    this.threads.splice(i, 1);
    for (const sid of th.sids) this.bySid.delete(sid);
    this.on.crashed([...th.sids], e);
  }

  private receive(m: ToMain): void {
    if (m.t === 'frame') this.on.frame(m);
    else if (m.t === 'persist') this.on.persist(m);
    else {
      const w = this.waiting.get(m.req);
      this.waiting.delete(m.req);
      if (m.ok) w?.resolve(m.value);
      else w?.reject(new Error(m.error));
    }
  }

  private send(th: Thread, r: Request): Promise<unknown> {
    const req = this.nextReq++;
    return new Promise((resolve, reject) => {
      this.waiting.set(req, { resolve, reject });
      th.worker.postMessage({ ...r, req } as ToThread);
    });
  }

  /** Open a session's plant on the least loaded thread (a new one while under the limit). */
  async open(sid: string, plantRaw: unknown, snapshot?: unknown, extras?: unknown): Promise<unknown> {
    let th = this.threads.reduce<Thread | null>((a, t) => (!a || t.sids.size < a.sids.size ? t : a), null);
    if (!th || (th.sids.size > 0 && this.threads.length < this.maxThreads)) th = await this.spawn();
    th.sids.add(sid);
    this.bySid.set(sid, th);
    return this.send(th, { t: 'open', sid, plantRaw, snapshot, extras });
  }

  request(r: Exclude<Request, { t: 'open' }>): Promise<unknown> {
    const th = this.bySid.get(r.sid);
    if (!th) return Promise.reject(new Error(`no plant for session ${r.sid}`));
    if (r.t === 'close') {
      th.sids.delete(r.sid);
      this.bySid.delete(r.sid);
    }
    return this.send(th, r);
  }

  async close(): Promise<void> {
    const all = this.threads.splice(0);
    this.bySid.clear();
    await Promise.all(all.map((t) => t.worker.terminate()));
  }
}
