import { client } from '../app/instance';

/** What picking up, carrying and using a portable item tells the worker. */
export interface PortableSender {
  hold(tag: string, held: boolean): void;
  move(tag: string, x: number, y: number, z: number): void;
  extinguish(bay: string, on: boolean): void;
}

/** The page's sender: through the simulation client, answers ignored (the next frame shows the result). */
export const workerSender: PortableSender = {
  hold: (tag, held) => void client().api.holdItem(tag, held),
  move: (tag, x, y, z) => void client().api.moveItem(tag, x, y, z),
  extinguish: (bay, on) => void client().command({ type: 'extinguish', bay, on }),
};
