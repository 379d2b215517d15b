import { useMemo } from 'react';
import type { PlantData } from '../sim/plant/schema';
import { Tanks } from './Tanks';
import { Pipes } from './Pipes';
import { Site } from './Site';
import { Equipment } from './Equipment';
import { Labels } from './Labels';
import { Effects } from './Effects';
import { Gauges } from './Gauges';
import { BundSpill } from './BundSpill';
import { buildEquipment } from '../plantView/equipmentCatalog';
import { Look } from './look/Look';

/** The whole terminal at true scale (1 unit = 1 m), built from the plant data and nothing else. */
export function PlantScene({ plant }: { plant: PlantData }) {
  const equipment = useMemo(() => buildEquipment(plant), [plant]);
  return (
    <group name="plant">
      <Look plant={plant} />
      <Site plant={plant} />
      <Tanks plant={plant} />
      <Pipes plant={plant} />
      <Equipment plant={plant} />
      <Labels equipment={equipment} />
      <Effects plant={plant} />
      <Gauges plant={plant} />
      <BundSpill plant={plant} />
    </group>
  );
}

export function plantCenter(plant: PlantData): [number, number, number] {
  const b = plant.bund;
  return [(b.x0 + b.x1) / 2 + 15, 0, (b.z0 + b.z1) / 2];
}
