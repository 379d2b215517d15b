import { useEffect, useRef } from 'react';
import { bindLive } from '../app/live';
import { usePlantConnection } from '../app/PlantConnection';

/** A live value: text written from the latest frame, no React re-render per update. */
export function Live({ tag, unit = '', className }: { tag: string; unit?: string; className?: string }) {
  const conn = usePlantConnection();
  const ref = useRef<HTMLSpanElement>(null);
  useEffect(() => bindLive(ref.current!, conn, tag, unit), [conn, tag, unit]);
  return <span ref={ref} className={className} data-tag={tag} />;
}
