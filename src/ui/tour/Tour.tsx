import { useEffect, useLayoutEffect, useRef, useState, type KeyboardEvent } from 'react';
import { useT, useUi } from '../../state/ui';
import { clampStep, visibleSteps, type TourStep } from './steps';
import { closeTour, tourStore, useTour } from './tourStore';

// The guided tour: a card per step and a cut-out highlight round the real page parts it speaks of. The
// rest of the page is dimmed and takes no clicks while the tour is up, so a stray click cannot start the
// plant behind it; Escape, Skip or Done end it. Focus stays in the card (Tab cycles Back/Next/Skip).

const PAD_PX = 6;
const CARD_W_PX = 340;
const GAP_PX = 12;

interface Box {
  left: number;
  top: number;
  width: number;
  height: number;
}

function shownEl(id: string): HTMLElement[] {
  return [...document.querySelectorAll<HTMLElement>(`[data-testid="${id}"]`)].filter((el) => {
    const r = el.getBoundingClientRect();
    return r.width > 0 && r.height > 0;
  });
}

/** The toolbar's buttons from the first to the last of `ids`, in page order (hidden ones left out later). */
function spanned(ids: readonly string[]): HTMLElement[] {
  const all = [...document.querySelectorAll<HTMLElement>('.toolbar button')];
  const at = ids.map((id) => all.findIndex((el) => el.dataset.testid === id)).filter((k) => k >= 0);
  return at.length ? all.slice(Math.min(...at), Math.max(...at) + 1) : [];
}

/**
 * A padded box per row of the shown targets: the toolbar wraps on a small window, and one box round buttons
 * on two rows would take in the buttons between them too. Empty when no target is shown.
 */
function targetBoxes(step: TourStep): Box[] {
  const els = step.span ? spanned(step.targets) : step.targets.flatMap(shownEl);
  const rows: DOMRect[][] = [];
  for (const r of els.map((el) => el.getBoundingClientRect()).filter((r) => r.width > 0 && r.height > 0)) {
    const row = rows.find((x) => Math.abs(x[0].top - r.top) < r.height / 2);
    if (row) row.push(r);
    else rows.push([r]);
  }
  return rows.map((rects) => {
    const l = Math.min(...rects.map((r) => r.left)) - PAD_PX;
    const t = Math.min(...rects.map((r) => r.top)) - PAD_PX;
    const r = Math.max(...rects.map((x) => x.right)) + PAD_PX;
    const b = Math.max(...rects.map((x) => x.bottom)) + PAD_PX;
    return { left: l, top: t, width: r - l, height: b - t };
  });
}

/** The box round all the boxes, for placing the card. */
function around(boxes: Box[]): Box | null {
  if (boxes.length === 0) return null;
  const l = Math.min(...boxes.map((b) => b.left));
  const t = Math.min(...boxes.map((b) => b.top));
  const r = Math.max(...boxes.map((b) => b.left + b.width));
  const b = Math.max(...boxes.map((x) => x.top + x.height));
  return { left: l, top: t, width: r - l, height: b - t };
}

/** Below the highlight if it fits, else above, else in the middle of the window (the 3D view fills it). */
function cardPlace(box: Box | null, cardH: number): { left: number; top: number } {
  const vw = window.innerWidth;
  const vh = window.innerHeight;
  const left = (x: number) => Math.max(GAP_PX, Math.min(vw - CARD_W_PX - GAP_PX, x));
  const middle = { left: left((vw - CARD_W_PX) / 2), top: Math.max(GAP_PX, (vh - cardH) / 2) };
  if (!box) return middle;
  const x = left(box.left + box.width / 2 - CARD_W_PX / 2);
  if (box.top + box.height + GAP_PX + cardH < vh) return { left: x, top: box.top + box.height + GAP_PX };
  if (box.top - GAP_PX - cardH > 0) return { left: x, top: box.top - GAP_PX - cardH };
  return middle;
}

export function Tour() {
  const t = useT();
  const lang = useUi((s) => s.lang);
  const step = useTour((s) => s.step);
  const card = useRef<HTMLDivElement>(null);
  const next = useRef<HTMLButtonElement>(null);
  const [layout, setLayout] = useState<{ boxes: Box[]; at: { left: number; top: number } } | null>(null);
  const steps = visibleSteps((id) => shownEl(id).length > 0);
  const i = clampStep(step, steps.length);
  const s = steps[i];
  const last = i === steps.length - 1;

  // measured after render: the toolbar's buttons change width with the language and wrap with the window
  useLayoutEffect(() => {
    const place = () => {
      const boxes = targetBoxes(s);
      setLayout({ boxes, at: cardPlace(around(boxes), card.current?.offsetHeight ?? 200) });
    };
    place();
    window.addEventListener('resize', place);
    return () => window.removeEventListener('resize', place);
  }, [s, lang]);

  // each step starts on its main button, so Enter walks through the whole tour (once placed: a card still
  // hidden for measuring cannot take the focus)
  const placed = layout !== null;
  useEffect(() => {
    if (placed) next.current?.focus();
  }, [i, placed]);

  const go = (d: number) => tourStore.setState({ step: clampStep(i + d, steps.length) });
  const onKey = (e: KeyboardEvent) => {
    // the tour is modal: keys pressed in it do not walk the view or work the plant behind it
    e.stopPropagation();
    if (e.key === 'Escape') {
      e.preventDefault();
      closeTour();
    } else if (e.key === 'Tab') {
      const f = [...(card.current?.querySelectorAll<HTMLButtonElement>('button:not(:disabled)') ?? [])];
      const at = f.indexOf(document.activeElement as HTMLButtonElement);
      const to = at < 0 ? (e.shiftKey ? f.length - 1 : 0) : (at + (e.shiftKey ? f.length - 1 : 1)) % f.length;
      e.preventDefault();
      f[to]?.focus();
    }
  };

  return (
    <div className="tour" data-testid="tour" onKeyDown={onKey}>
      <div className="tour-shade" />
      {/* the dimming, with a hole at each box: one shadow per box would dim the other boxes */}
      <svg className="tour-mask" aria-hidden="true">
        <mask id="tour-holes">
          <rect width="100%" height="100%" fill="white" />
          {layout?.boxes.map((b, k) => (
            <rect key={k} x={b.left} y={b.top} width={b.width} height={b.height} rx={6} fill="black" />
          ))}
        </mask>
        <rect width="100%" height="100%" fill="rgba(20, 24, 28, 0.55)" mask="url(#tour-holes)" />
      </svg>
      {layout?.boxes.map((b, k) => (
        <div key={k} className="tour-spot" data-testid="tour-spot" style={b} />
      ))}
      <div
        ref={card}
        className="tour-card"
        role="dialog"
        aria-modal="true"
        aria-labelledby="tour-title"
        aria-describedby="tour-body"
        data-step={s.id}
        style={{ width: CARD_W_PX, ...(layout?.at ?? { visibility: 'hidden' }) }}
      >
        <div className="tour-count">
          {t('tour.count')
            .replace('{n}', String(i + 1))
            .replace('{m}', String(steps.length))}
        </div>
        <h2 id="tour-title">{t(s.title)}</h2>
        <p id="tour-body">{t(s.body)}</p>
        <div className="tour-buttons">
          <button data-testid="tour-back" disabled={i === 0} onClick={() => go(-1)}>
            {t('tour.back')}
          </button>
          <button ref={next} data-testid="tour-next" className="primary" onClick={() => (last ? closeTour() : go(1))}>
            {last ? t('tour.done') : t('tour.next')}
          </button>
          <button data-testid="tour-skip" onClick={() => closeTour()}>
            {t('tour.skip')}
          </button>
        </div>
      </div>
    </div>
  );
}
