import { useT } from '../../state/ui';
import { useA11y } from '../../state/a11y';
import { captionText, useCaptions } from '../../state/captions';

/** The desktop's captions for the plant's sounds, while the Display menu has them on. */
export function CaptionStrip() {
  const t = useT();
  const on = useA11y((s) => s.captions);
  const cues = useCaptions();
  if (!on) return null;
  return (
    <div className="caption-strip" role="status" aria-label={t('a11y.captionsRegion')} data-testid="captions">
      {cues.map((c) => (
        <div key={c.kind} data-cue={c.kind}>
          [{captionText(c, t)}]
        </div>
      ))}
    </div>
  );
}
