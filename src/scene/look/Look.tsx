import { useMemo } from 'react';
import { useThree } from '@react-three/fiber';
import type { PlantData } from '../../sim/plant/schema';
import { Lighting } from './Lighting';
import { NightLights } from './NightLights';
import { lookQuality } from './quality';

/** The plant's light through its day: sun, sky and shadows, and the site lamps at night. */
export function Look({ plant }: { plant: PlantData }) {
  const gl = useThree((s) => s.gl);
  const quality = useMemo(() => lookQuality(gl), [gl]);
  return (
    <>
      <Lighting plant={plant} quality={quality} />
      <NightLights plant={plant} quality={quality} />
    </>
  );
}
