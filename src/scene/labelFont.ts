// The tag plates' Thai-and-Latin font (public/fonts/Garuda.ttf), loaded once from the app's own files: a
// headset or a laptop without a Thai system font would otherwise draw the plates' Thai names as empty boxes,
// and the precached font works offline.

export const LABEL_FONT = 'TankTwinLabels';

let loading: Promise<boolean> | null = null;

/** Resolves true once the font is ready for canvas text (false where FontFace is missing or the load failed). */
export function loadLabelFont(): Promise<boolean> {
  if (loading) return loading;
  if (typeof FontFace === 'undefined' || typeof document === 'undefined') return (loading = Promise.resolve(false));
  const face = new FontFace(LABEL_FONT, `url(${new URL('fonts/Garuda.ttf', location.href).href})`);
  document.fonts.add(face);
  return (loading = face.load().then(
    () => true,
    () => false,
  ));
}
