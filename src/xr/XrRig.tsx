import { useRef } from 'react';
import { useFrame } from '@react-three/fiber';
import { XROrigin } from '@react-three/xr';
import type { Group } from 'three';
import { client } from '../app/instance';

/**
 * The XR origin stands where the worker's walker stands, at true scale, facing east along the tank
 * farm: a trainee who enters VR from the walk view keeps their place in the plant.
 */
export function XrRig() {
  const origin = useRef<Group>(null);
  useFrame(() => {
    const c = client();
    origin.current?.position.set(c.header('playerX'), c.header('playerY'), c.header('playerZ'));
  });
  return <XROrigin ref={origin} rotation-y={-Math.PI / 2} />;
}
