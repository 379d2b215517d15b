import { useEffect, useRef } from 'react';
import { onLive } from '../app/live';
import { detectorReading, heldItem, applyExtinguisher, putDown } from '../scene/portablePickup';
import { useT } from '../state/ui';
import { usePlantConnection } from '../app/PlantConnection';
import { h2sDanger_ppm } from '../plantView/limits';
import { senderFor } from '../scene/portableCommands';

/** On a desktop: what the trainee carries, the detector's reading, and the extinguisher's trigger. */
export function HeldItemHud() {
  const t = useT();
  const conn = usePlantConnection();
  const box = useRef<HTMLDivElement>(null);
  const text = useRef<HTMLSpanElement>(null);
  useEffect(
    () =>
      onLive(() => {
        const tag = heldItem();
        if (!box.current || !text.current) return;
        box.current.style.display = tag ? 'block' : 'none';
        const r = detectorReading(conn);
        text.current.textContent = tag ? `${tag}${r !== null ? `: H2S ${r.toFixed(1)} ppm` : ''}` : '';
        box.current.classList.toggle('danger', r !== null && r >= h2sDanger_ppm(conn.store.getState().info?.plant));
      }),
    [conn],
  );
  return (
    <div ref={box} className="held" data-testid="held-item" style={{ display: 'none' }}>
      <span ref={text} data-testid="held-text" />{' '}
      <button onClick={() => putDown(senderFor(conn))}>{t('putDown')} (G)</button>{' '}
      <button
        onMouseDown={() => applyExtinguisher(senderFor(conn), true)}
        onMouseUp={() => applyExtinguisher(senderFor(conn), false)}
        onMouseLeave={() => applyExtinguisher(senderFor(conn), false)}
      >
        {t('extinguisher')} (F)
      </button>
    </div>
  );
}
