// What the VR panel (xr/InWorldPanel.tsx) shows now, in words: its SDF text is drawn by the GPU, so the
// automation surface (tanktwin.xr.panel) reads it here to check what a trainee in the headset reads.

export interface VrPanelText {
  /** The looked-at equipment's lines (tag and name first), as last laid out. */
  lines: string[];
  /** The caption line above the panel ('' when it is hidden). */
  caption: string;
  /** Where the panel is in the world, and the eye position it rides beside (m), as of the last frame. */
  at_m: [number, number, number];
  eye_m: [number, number, number];
}

/** Written by the panel when its text changes (at most four times a second), never read by the scene. */
export const vrPanelText: VrPanelText = { lines: [], caption: '', at_m: [0, 0, 0], eye_m: [0, 0, 0] };
