import { Matrix4, Object3D, Quaternion, Vector3, type InstancedMesh } from 'three';

// Module scratch objects: instance matrices are written without allocating.
const dummy = new Object3D();
const up = new Vector3(0, 1, 0);
const dir = new Vector3();
const q = new Quaternion();
const m = new Matrix4();

export function setInstance(
  mesh: InstancedMesh,
  i: number,
  x: number,
  y: number,
  z: number,
  sx = 1,
  sy = 1,
  sz = 1,
  rotY = 0,
): void {
  dummy.position.set(x, y, z);
  dummy.rotation.set(0, rotY, 0);
  dummy.scale.set(sx, sy, sz);
  dummy.updateMatrix();
  mesh.setMatrixAt(i, dummy.matrix);
}

/** A unit cylinder (height 1 along y, radius 1) stretched between two points with the given radius. */
export function setSegment(
  mesh: InstancedMesh,
  i: number,
  ax: number,
  ay: number,
  az: number,
  bx: number,
  by: number,
  bz: number,
  radius: number,
): void {
  dir.set(bx - ax, by - ay, bz - az);
  const len = dir.length();
  dir.multiplyScalar(1 / (len || 1));
  q.setFromUnitVectors(up, dir);
  m.compose(dummy.position.set((ax + bx) / 2, (ay + by) / 2, (az + bz) / 2), q, dummy.scale.set(radius, len, radius));
  mesh.setMatrixAt(i, m);
}

export function hideInstance(mesh: InstancedMesh, i: number): void {
  m.makeScale(0, 0, 0);
  mesh.setMatrixAt(i, m);
}
