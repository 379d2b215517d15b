import type { SimClient } from '../app/client';

/** What picking up, carrying and using a portable item tells the worker. */
export interface PortableSender {
  hold(tag: string, held: boolean): void;
  move(tag: string, x: number, y: number, z: number): void;
  extinguish(bay: string, on: boolean): void;
}

const senders = new WeakMap<SimClient, PortableSender>();

/** A connection's sender (one per connection, made once): answers are ignored, the next frame shows them. */
export function senderFor(c: SimClient): PortableSender {
  let s = senders.get(c);
  if (!s) {
    s = {
      hold: (tag, held) => void c.api.holdItem(tag, held),
      move: (tag, x, y, z) => void c.api.moveItem(tag, x, y, z),
      extinguish: (bay, on) => void c.command({ type: 'extinguish', bay, on }),
    };
    senders.set(c, s);
  }
  return s;
}
