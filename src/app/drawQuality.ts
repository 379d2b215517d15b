import { t } from '../state/ui';
import { Q, QUALITY_CLASS, formatQuality, type QualityReader, type QualityText } from './quality';

const Q_CLASSES = QUALITY_CLASS.filter(Boolean).map((c) => `q-${c}`);

/** The words a screen reader says for a value with its quality ("12.3 m, bad: out of range 0–20 m"). */
export function qualityLabel(f: QualityText, unit: string, code: number, reason: string | undefined): string {
  const name = code > 0 ? t(`qualityName.${QUALITY_CLASS[code]}` as 'qualityName.good') : '';
  return `${f.text}${unit ? ` ${unit}` : ''}${name ? `, ${name}` : ''}${reason ? `: ${reason}` : ''}`;
}

/**
 * Write a value with its quality into a live text element (an HTML span or an SVG tspan): a plain value is
 * its text alone, as on a training page; a value that is not good gets a child for the number (greyed, struck
 * when bad or stale) and one for the marker ("?", "BAD", "STALE", "MODEL"), the `q-*` class that live.css
 * outlines, `data-quality`, and an accessible label with the reason.
 */
export function drawQuality(el: Element, v: number, unit: string, code: number, reason: string | undefined): void {
  const f = formatQuality(v, unit, code);
  el.classList.remove(...Q_CLASSES);
  if (code === 0) {
    el.removeAttribute('data-quality');
    el.removeAttribute('aria-label');
    el.textContent = f.text;
    return;
  }
  el.setAttribute('data-quality', QUALITY_CLASS[code]);
  if (!f.marker) {
    el.removeAttribute('aria-label');
    el.textContent = f.text;
    return;
  }
  el.classList.add(f.className);
  const svg = el.namespaceURI === 'http://www.w3.org/2000/svg';
  const make = (cls: string, text: string) => {
    const n = svg ? document.createElementNS(el.namespaceURI, 'tspan') : document.createElement('span');
    n.setAttribute('class', cls);
    n.textContent = text;
    return n;
  };
  el.replaceChildren(
    make(f.struck ? 'q-value q-struck' : 'q-value', f.text),
    svg ? ' ' : '\u2009',
    make('q-marker', t(f.marker)),
  );
  const label = qualityLabel(f, unit, code, reason);
  el.setAttribute('aria-label', label);
  if (!svg) el.setAttribute('title', label);
}

/** A value, its unit and its quality marker as plain text ("12.3 m BAD"), for views that draw text themselves (VR). */
export function valueText(
  c: { quality: QualityReader | null; tagIndex: ReadonlyMap<string, number>; value(tag: string): number },
  tag: string,
  unit: string,
): string {
  const i = c.quality ? c.tagIndex.get(tag) : undefined;
  const u = unit ? ` ${unit}` : '';
  if (!c.quality || i === undefined) return formatQuality(c.value(tag), unit, 0).text + u;
  const code = c.quality.code(i);
  const f = formatQuality(code >= Q.GOOD ? c.quality.value(i) : c.value(tag), unit, code);
  return f.marker ? `${f.text}${u} ${t(f.marker)}` : f.text + u;
}

/** The `q-*` class of a tag's quality now ('' when good, plain or not live), for shapes such as a level bar. */
export function levelQualityClass(
  c: { quality: QualityReader | null; tagIndex: ReadonlyMap<string, number> },
  tag: string,
): string {
  const i = c.quality ? c.tagIndex.get(tag) : undefined;
  if (!c.quality || i === undefined) return '';
  const code = c.quality.code(i);
  return code === Q.UNCERTAIN || code === Q.BAD || code === Q.STALE ? `q-${QUALITY_CLASS[code]}` : '';
}
