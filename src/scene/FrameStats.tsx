import { useFrame } from '@react-three/fiber';
import { plantDrawn, renderStats, sceneRefs } from '../state/renderStats';
import { usePlant } from '../app/PlantConnection';

// Measures the main thread's work per frame: from the first frame callback to the end of the render
// call (this component takes over rendering with a positive priority, as R3F allows). The first frame with
// the plant's meshes in it (the static plant, before the worker runs it) sets firstFrameAt; frames counts
// those drawn once the worker runs the plant, which is what the page's automation waits on.
let frameStart = 0;

export function FrameStats() {
  const running = usePlant((s) => s.info !== null);
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
    if (renderStats.firstFrameAt === 0 && renderStats.triangles > 0 && plantDrawn(scene)) {
      renderStats.firstFrameAt = performance.now();
      performance.mark('tanktwin:first-plant-frame');
      // the next frame's callback runs once this one has been drawn (SwiftShader takes a while over it)
      requestAnimationFrame(() => performance.mark('tanktwin:first-plant-frame-shown'));
    }
    if (!running) return;
    renderStats.frameCpuMs[renderStats.frames % renderStats.frameCpuMs.length] = ms;
    renderStats.frames++;
  }, 1);
  return null;
}
