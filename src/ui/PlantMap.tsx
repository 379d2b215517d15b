import { useMemo, useRef } from 'react';
import type { PlantData } from '../sim/plant/schema';
import { buildEquipment } from '../plantView/equipmentCatalog';
import { ui, useT } from '../state/ui';
import { focusOn } from '../state/camera';
import { useRovingList } from './a11y/roving';

/** A site plan from the plant data with a "go to" for every piece of equipment. */
export function PlantMap({ plant }: { plant: PlantData }) {
  const t = useT();
  const eq = useMemo(() => buildEquipment(plant), [plant]);
  const list = useRef<HTMLDivElement>(null);
  useRovingList(list, 'button'); // one Tab stop, the arrow keys along the equipment
  const xs = eq.map((e) => e.position[0]);
  const zs = eq.map((e) => e.position[2]);
  const x0 = Math.min(...xs) - 15,
    x1 = Math.max(...xs) + 15,
    z0 = Math.min(...zs) - 15,
    z1 = Math.max(...zs) + 15;
  const go = (tag: string) => {
    const e = eq.find((x) => x.tag === tag)!;
    focusOn(...e.position);
    ui.setState({ selected: tag });
  };
  return (
    <section className="plant-map" data-testid="plant-map" aria-label={t('map')}>
      <svg viewBox={`${x0} ${z0} ${x1 - x0} ${z1 - z0}`} width="100%">
        <rect
          x={plant.bund.x0}
          y={plant.bund.z0}
          width={plant.bund.x1 - plant.bund.x0}
          height={plant.bund.z1 - plant.bund.z0}
          className="map-bund"
        />
        {plant.tanks.map((tk) => (
          <circle
            key={tk.tag}
            cx={tk.position.x}
            cy={tk.position.z}
            r={tk.diameter_m / 2}
            className="map-tank"
            onClick={() => go(tk.tag)}
          />
        ))}
        {eq
          .filter((e) => e.kind !== 'valve')
          .map((e) => (
            <text
              key={e.tag}
              x={e.position[0]}
              y={e.position[2]}
              fontSize={4}
              textAnchor="middle"
              onClick={() => go(e.tag)}
              className="map-label"
            >
              {e.tag}
            </text>
          ))}
      </svg>
      <div className="map-list" ref={list} role="group" aria-label={t('map')}>
        {eq.map((e) => (
          <button key={e.tag} onClick={() => go(e.tag)} data-goto={e.tag}>
            {t('goTo')} {e.tag}
          </button>
        ))}
      </div>
    </section>
  );
}
