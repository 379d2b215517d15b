import { describe, expect, it } from 'vitest';
import { plantHour } from '../../../src/scene/look/Lighting';
import { H, emptyFrameValues } from '../../../src/protocol/frame';

// The light's hour: the plant file's start hour until the engine has the plant and has sent a frame, so a
// frame that arrives while the worker is still starting (its values all zeros) does not light a midnight plant.

describe('the hour the plant is lit at', () => {
  const values = emptyFrameValues();
  values[H.hourOfDay] = 14.5;

  it("is the plant file's start hour while the engine has no plant, even once frames come", () => {
    expect(plantHour({ info: null, frames: 3, latest: emptyFrameValues() }, 9)).toBe(9);
    expect(plantHour({ info: null, frames: 3, latest: values }, 9)).toBe(9);
  });

  it('is the start hour while the engine has the plant but has sent no frame', () => {
    expect(plantHour({ info: {}, frames: 0, latest: emptyFrameValues() }, 9)).toBe(9);
  });

  it("is the plant's own hour once the engine runs it", () => {
    expect(plantHour({ info: {}, frames: 1, latest: values }, 9)).toBe(14.5);
  });
});
