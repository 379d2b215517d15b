import { expose } from 'comlink';
import { createWorkerApi } from '../../../src/worker/api';

type WorkerApi = ReturnType<typeof createWorkerApi>;

/**
 * A Worker for the page's SimClient that runs the worker API in this process behind a MessageChannel (comlink on
 * both ends, as in the page). `wrap` may replace members of each new worker's API (hold its init back, count its
 * calls) before it is exposed; `crash()` fires the worker's error event as a crashed worker does.
 */
export function inProcessWorker(wrap: (api: WorkerApi, worker: { crash(): void }) => void) {
  return class InProcessWorker {
    private readonly port: MessagePort;
    private readonly errorListeners: EventListener[] = [];
    constructor() {
      const { port1, port2 } = new MessageChannel();
      const api = createWorkerApi();
      wrap(api, this);
      expose(api, port2);
      this.port = port1;
    }
    addEventListener(type: string, fn: EventListener): void {
      if (type === 'message') this.port.addEventListener(type, fn);
      if (type === 'error') this.errorListeners.push(fn);
    }
    removeEventListener(type: string, fn: EventListener): void {
      if (type === 'message') this.port.removeEventListener(type, fn);
    }
    postMessage(message: unknown, transfer: Transferable[] = []): void {
      this.port.postMessage(message, transfer);
    }
    start(): void {
      this.port.start();
    }
    terminate(): void {
      this.port.close();
    }
    crash(): void {
      const e = { message: 'boom', preventDefault: () => undefined } as unknown as Event;
      this.errorListeners.forEach((fn) => fn(e));
    }
  };
}
