import type { SimClient } from './client';
import { formatPlantTime, formatValue } from './format';
import { Q } from './quality';
import { drawQuality } from './drawQuality';

// Live text in the DOM without React renders: elements register a tag and a unit, and one loop writes
// their text a few times a second from the latest frame. When the values come from a live plant, each is
// drawn with its data quality (drawQuality.ts), so every view shows a bad value as bad.
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
  const qr = c.quality;
  const i = qr && b.tag !== '@time' ? c.tagIndex.get(b.tag) : undefined;
  if (qr && i !== undefined) {
    const code = qr.code(i);
    const v = code >= Q.GOOD ? qr.value(i) : c.value(b.tag);
    const key = `${code}|${formatValue(v, b.unit)}`;
    if (key !== b.last) {
      b.last = key;
      drawQuality(b.el, v, b.unit, code, qr.reason(i));
    }
    return;
  }
  const text = b.tag === '@time' ? formatPlantTime(c.header('t_s')) : formatValue(c.value(b.tag), b.unit);
  if (text !== b.last) {
    b.last = text;
    b.el.textContent = text;
  }
}
