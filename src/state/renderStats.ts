import type { Camera, Mesh, Object3D, WebGLRenderer } from 'three';

// What the renderer did in the last frame, for window.tanktwin and the benchmark. Plain module state:
// written in the frame loop, read on demand, never React state.
export const renderStats = {
  drawCalls: 0,
  triangles: 0,
  frames: 0,
  frameCpuMs: new Float64Array(240),
  firstFrameAt: 0, // performance.now() of the first frame drawn with the plant in it
};

export function medianFrameCpuMs(): number {
  const n = Math.min(renderStats.frames, renderStats.frameCpuMs.length);
  if (n === 0) return Number.NaN;
  const a = Array.from(renderStats.frameCpuMs.subarray(0, n)).sort((x, y) => x - y);
  return a[Math.floor(n / 2)];
}

/** The live camera and renderer, for automation (screen positions of equipment). */
export const sceneRefs: { camera: Camera | null; gl: WebGLRenderer | null } = { camera: null, gl: null };

/** Whether the scene holds the plant (the group named "plant") with a visible mesh: not an empty canvas. */
export function plantDrawn(scene: Object3D): boolean {
  let meshes = 0;
  scene.getObjectByName('plant')?.traverseVisible((o) => {
    if ((o as Mesh).isMesh) meshes++;
  });
  return meshes > 0;
}
