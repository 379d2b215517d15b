import type { SimClient } from './client';
import { formatPlantTime, formatValue } from './format';

// Live text in the DOM without React renders: elements register a tag and a unit, and one loop writes
// their text a few times a second from the latest frame.
interface Binding {
  el: Element;
  client: SimClient;
  tag: string;
  unit: string;
  last: string;
}
const bindings = new Set<Binding>();
let timer: ReturnType<typeof setInterval> | null = null;
export const LIVE_MS = 200;

export function bindLive(el: Element, client: SimClient, tag: string, unit = ''): () => void {
  const b: Binding = { el, client, tag, unit, last: '' };
  bindings.add(b);
  update(b);
  timer ??= setInterval(tick, LIVE_MS);
  return () => bindings.delete(b);
}

const callbacks = new Set<() => void>();
/** Run fn at the live rate (for attributes such as a level bar's height). */
export function onLive(fn: () => void): () => void {
  callbacks.add(fn);
  fn();
  timer ??= setInterval(tick, LIVE_MS);
  return () => callbacks.delete(fn);
}

function tick(): void {
  bindings.forEach(update);
  callbacks.forEach((f) => f());
}

function update(b: Binding): void {
  const c = b.client;
  const text = b.tag === '@time' ? formatPlantTime(c.header('t_s')) : formatValue(c.value(b.tag), b.unit);
  if (text !== b.last) {
    b.last = text;
    b.el.textContent = text;
  }
}
