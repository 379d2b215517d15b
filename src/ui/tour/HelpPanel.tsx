import { useEffect, useLayoutEffect, useRef, useState, type KeyboardEvent } from 'react';
import { useT, useUi } from '../../state/ui';
import type { StringKey } from '../../i18n/strings';
import { CONTROLLERS, KEYBOARD, MOUSE, keyLabels, type Binding } from './bindings';
import { closeHelp, openTour } from './tourStore';

// The keyboard, mouse and VR controller maps, from the table the code's bindings are checked against
// (bindings.ts). A panel beside the plant, not over it: a trainee can keep it open while trying the keys.

function Keys({ b }: { b: Binding }) {
  const t = useT();
  if (b.codes)
    return (
      <>
        {keyLabels(b.codes).map((k, i) => (
          <span key={k}>
            {i > 0 && ' / '}
            <kbd>{k}</kbd>
          </span>
        ))}
      </>
    );
  return <>{b.input ? t(b.input) : ''}</>;
}

function Section({ title, rows, id }: { title: StringKey; rows: readonly Binding[]; id: string }) {
  const t = useT();
  return (
    <section data-testid={`help-${id}`}>
      <h3>{t(title)}</h3>
      <table>
        <tbody>
          {rows.map((b) => (
            <tr key={b.id} data-binding={b.id}>
              <th scope="row">
                <Keys b={b} />
              </th>
              <td>{t(b.action)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

export function HelpPanel() {
  const t = useT();
  const close = useRef<HTMLButtonElement>(null);
  // below the toolbar, which wraps to two or three rows on a small window (more in Thai): never over its buttons
  const lang = useUi((s) => s.lang);
  const [top, setTop] = useState(48);
  useLayoutEffect(() => {
    const place = () => setTop((document.querySelector('.toolbar')?.getBoundingClientRect().bottom ?? 40) + 8);
    place();
    window.addEventListener('resize', place);
    return () => window.removeEventListener('resize', place);
  }, [lang]);
  // opened from the toolbar by keyboard, the panel takes the focus so that Escape closes it at once
  useEffect(() => close.current?.focus(), []);
  const onKey = (e: KeyboardEvent) => {
    if (e.key !== 'Escape') return;
    e.preventDefault();
    closeHelp();
  };
  return (
    <aside
      className="help-panel"
      style={{ top, maxHeight: `calc(100vh - ${top + 12}px)` }}
      data-testid="help"
      role="dialog"
      aria-labelledby="help-title"
      onKeyDown={onKey}
    >
      <header>
        <h2 id="help-title">{t('help.title')}</h2>
        <button ref={close} data-testid="help-close" aria-label={t('help.close')} onClick={() => closeHelp()}>
          ×
        </button>
      </header>
      <Section id="keyboard" title="help.keyboard" rows={KEYBOARD} />
      <Section id="mouse" title="help.mouse" rows={MOUSE} />
      <Section id="controllers" title="help.controllers" rows={CONTROLLERS} />
      <p className="muted">{t('help.vrNote')}</p>
      <button data-testid="help-tour" onClick={() => openTour()}>
        {t('help.showTour')}
      </button>
    </aside>
  );
}
