import { useEffect } from 'react';
import { Text } from '@react-three/drei';
import { t as tr, useUi } from '../../state/ui';
import { useA11y } from '../../state/a11y';
import { captionText, useCaptions } from '../../state/captions';
import { vrPanelText } from '../../state/vrPanel';

/**
 * The VR panel's caption line (xr/InWorldPanel.tsx): the sounds captioned in one line above the panel, while
 * the Display menu has captions on. Redrawn only when the cues change (captions.ts publishes on change).
 */
export function VrCaptionLine({ font }: { font: string }) {
  const lang = useUi((s) => s.lang);
  const on = useA11y((s) => s.captions);
  const cues = useCaptions();
  const text = on ? cues.map((c) => `[${captionText(c, (k) => tr(k, lang))}]`).join('  ') : '';
  useEffect(() => {
    vrPanelText.caption = text;
    return () => void (vrPanelText.caption = '');
  }, [text]);
  if (!text) return null;
  return (
    <group position={[0, 0.25, 0]} name="vr-captions">
      <mesh position={[0, 0, -0.005]}>
        <planeGeometry args={[0.5, 0.06]} />
        <meshBasicMaterial color="#000000" transparent opacity={0.8} />
      </mesh>
      <Text font={font} position={[-0.235, 0, 0]} fontSize={0.018} maxWidth={0.47} anchorX="left" color="#ffffff">
        {text}
      </Text>
    </group>
  );
}
