import type { WebGLRenderer } from 'three';

// How much of the look a renderer can carry. 'full': the sky map as environment light, sun shadows and the
// floodlights as real lights. 'light': a hemisphere fill in place of the sky map, no shadow map and the
// lamps drawn without real lights. A software renderer (SwiftShader, llvmpipe: headless test browsers,
// machines without a GPU) gets 'light': there the sky map's texture taps and the shadow filtering on every
// pixel took a frame from well under a second to several. `?look=full` or `?look=light` overrides.
export type LookQuality = 'full' | 'light';

const SOFTWARE = /swiftshader|llvmpipe|softpipe|software/i;

export function lookQuality(gl: WebGLRenderer, search = typeof location === 'undefined' ? '' : location.search) {
  const asked = new URLSearchParams(search).get('look');
  if (asked === 'full' || asked === 'light') return asked;
  const ctx = gl.getContext();
  const info = ctx.getExtension('WEBGL_debug_renderer_info');
  const renderer = String(ctx.getParameter(info ? info.UNMASKED_RENDERER_WEBGL : ctx.RENDERER) ?? '');
  return SOFTWARE.test(renderer) ? 'light' : 'full';
}
