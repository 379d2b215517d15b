import { useFrame } from '@react-three/fiber';
import { renderStats, sceneRefs } from '../state/renderStats';

// Measures the main thread's work per frame: from the first frame callback to the end of the render
// call (this component takes over rendering with a positive priority, as R3F allows).
let frameStart = 0;

export function FrameStats() {
  useFrame(() => {
    frameStart = performance.now();
  }, -1000);
  useFrame(({ gl, scene, camera }) => {
    gl.info.autoReset = false;
    gl.info.reset();
    gl.render(scene, camera);
    sceneRefs.camera = camera;
    sceneRefs.gl = gl;
    const ms = performance.now() - frameStart;
    renderStats.drawCalls = gl.info.render.calls;
    renderStats.triangles = gl.info.render.triangles;
    renderStats.frameCpuMs[renderStats.frames % renderStats.frameCpuMs.length] = ms;
    if (renderStats.frames === 0) renderStats.firstFrameAt = performance.now();
    renderStats.frames++;
  }, 1);
  return null;
}
