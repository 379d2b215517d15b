import type { Material } from 'three';

// Colours that must read in the dark: the heat map and the status colours (alarm red, warning amber,
// running green, the e-stops). Their materials are patched to emit a share of their own instance colour,
// a share that rises at night (daylight().night), so a flashing alarm or a hot layer stays visible when
// the sun is down without lighting every surface. One uniform object for all: set once a frame.

export const glowUniforms = {
  /** Emission of the heat-map layers, as a fraction of their colour. */
  uHeatGlow: { value: 0.12 },
  /** Emission of saturated status colours (grey cladding and stopped pumps stay unlit). */
  uStatusGlow: { value: 0.15 },
};

type Mode = 'heat' | 'status';

/**
 * Patch a MeshStandardMaterial (with instance colours) to emit its colour: all of it ('heat') or only
 * where the colour is saturated ('status'). Returns the material; attach with onUpdate or a ref.
 */
export function withGlow<M extends Material>(material: M, mode: Mode): M {
  material.onBeforeCompile = (shader) => {
    shader.uniforms.uHeatGlow = glowUniforms.uHeatGlow;
    shader.uniforms.uStatusGlow = glowUniforms.uStatusGlow;
    const glow =
      mode === 'heat'
        ? 'totalEmissiveRadiance += vColor.rgb * uHeatGlow;'
        : // chroma: max − min of the channels; a grey is 0, the alarm red about 0.75
          'totalEmissiveRadiance += vColor.rgb * uStatusGlow * smoothstep(0.2, 0.35, max(vColor.r, max(vColor.g, vColor.b)) - min(vColor.r, min(vColor.g, vColor.b)));';
    shader.fragmentShader = shader.fragmentShader
      .replace('void main() {', 'uniform float uHeatGlow;\nuniform float uStatusGlow;\nvoid main() {')
      .replace(
        '#include <emissivemap_fragment>',
        // vColor exists once the mesh has instance colours (set after its first plant frame)
        `#include <emissivemap_fragment>\n#if defined( USE_COLOR ) || defined( USE_INSTANCING_COLOR )\n\t${glow}\n#endif`,
      );
  };
  material.customProgramCacheKey = () => `glow-${mode}`;
  return material;
}
