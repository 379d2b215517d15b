import { defaultPlantRaw } from '../sim/plant/default';
import { loadPlantOrThrow } from '../sim/plant/load';
import { buildModel } from '../sim/plantIndex';
import { density } from '../sim/props/bitumen';
import type { TankLookup } from '../scada/crossChecks';

// Tank geometry and product density for the level/mass-balance cross-checks, from the plant model the
// twin runs (the same shell areas and ρ(T) the simulation uses for its own level).

export function plantTanks(plantRaw: unknown = defaultPlantRaw): TankLookup {
  const model = buildModel(loadPlantOrThrow(plantRaw));
  const tanks = new Map(
    model.tanks.map((t) => {
      const props = model.productProps.get(t.data.product);
      return [
        t.tag,
        props
          ? { area_m2: t.area_m2, density_kg_m3: (T_C: number) => density(props, T_C), tempTag: `${t.tag}.temp` }
          : undefined,
      ];
    }),
  );
  return (tank) => tanks.get(tank);
}
