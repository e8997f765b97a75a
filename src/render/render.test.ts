import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { ChromiumMissingError, RenderInputError, renderFlow } from './index.js';
import type { RenderResult } from './index.js';
import { decodePng, pixelsUnlikeCorner, pngSize } from './render-test-kit.js';

const FEEDBACK_TEXT = readFileSync(new URL('../../examples/feedback-form.json', import.meta.url), 'utf8');
const FEEDBACK = JSON.parse(FEEDBACK_TEXT) as { screens: { id: string; title: string }[] };
const TABLE = JSON.parse(readFileSync(new URL('../../examples/preview/flow.json', import.meta.url), 'utf8')) as unknown;

/** Pixels of the title's ink colour (#111b21, give or take anti-aliasing) in the phone's top bar. */
function titleInk(png: Uint8Array): number {
  const { width, rgba } = decodePng(png);
  let ink = 0;
  // The top bar sits under the 10 px frame and the 24 px status bar, 52 px high; the title starts after the close button.
  for (let y = 40; y < 80; y++) {
    for (let x = 90; x < width - 60; x++) {
      const i = (y * width + x) * 4;
      if ((rgba[i] as number) < 80 && (rgba[i + 1] as number) < 80 && (rgba[i + 2] as number) < 80) ink++;
    }
  }
  return ink;
}

describe('renderFlow', () => {
  let feedback: RenderResult;
  beforeAll(async () => {
    feedback = await renderFlow({ flow: FEEDBACK_TEXT });
  }, 120_000);

  it("renders every screen of the feedback form with its title on the phone, as the DOM showed it when the PNG was taken", () => {
    expect(feedback.screens.map((s) => s.id)).toEqual(FEEDBACK.screens.map((s) => s.id));
    for (const [i, screen] of feedback.screens.entries()) {
      const title = FEEDBACK.screens[i]?.title;
      expect(screen.title).toBe(title);
      expect(screen.dom.title).toBe(title);
      expect(screen.dom.texts).toContain(title);
      expect(pngSize(screen.png)).toEqual({ width: 360, height: 740 });
      // Not a blank image, and the title band carries dark text.
      expect(pixelsUnlikeCorner(screen.png)).toBeGreaterThan(10_000);
      expect(titleInk(screen.png)).toBeGreaterThan(100);
    }
    expect(feedback.screens[0]?.dom.texts).toEqual(expect.arrayContaining(['Would you recommend us to a friend?', 'Yes', 'No', 'Continue']));
    expect(feedback.screens[1]?.dom.texts).toEqual(expect.arrayContaining(['Purchase experience', 'Done']));
  });

  it('draws a contact sheet holding every screen side by side', () => {
    expect(feedback.sheet).toBeDefined();
    const size = pngSize(feedback.sheet as Uint8Array);
    // Two routing layers: two phones wide, one phone (and its label) high at least.
    expect(size.width).toBeGreaterThan(2 * 360);
    expect(size.height).toBeGreaterThan(740);
    expect(pixelsUnlikeCorner(feedback.sheet as Uint8Array)).toBeGreaterThan(20_000);
  });

  it('shows a screen with the given data over its __example__ values, at the given width', async () => {
    const result = await renderFlow({ flow: TABLE, screens: ['TIMES'], data: { greeting: 'A table for six, Ida:' }, width: 412, sheet: false });
    expect(result.sheet).toBeUndefined();
    expect(result.screens.map((s) => s.id)).toEqual(['TIMES']);
    const [times] = result.screens;
    expect(times?.dom.title).toBe('Choose a time');
    // The given greeting, and the time slots from the screen's __example__.
    expect(times?.dom.texts).toEqual(expect.arrayContaining(['A table for six, Ida:', '7:00 pm', '8:30 pm', 'Book']));
    expect(pngSize(times?.png as Uint8Array).width).toBe(412);
  }, 120_000);

  it('refuses an unknown screen, naming the screens there are, before starting a browser', async () => {
    const error = await renderFlow({ flow: FEEDBACK_TEXT, screens: ['screen_nope'], chromiumPath: '/nonexistent/chromium' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RenderInputError);
    expect((error as Error).message).toBe('unknown screen "screen_nope"; the flow\'s screens: screen_feedback_one, screen_feedback_two');
  });

  it('names the line and column of a flow that does not parse', async () => {
    await expect(renderFlow({ flow: '{\n  "screens": [,]\n}' })).rejects.toThrow(/^the Flow JSON does not parse at line 2, column 15: /);
    await expect(renderFlow({ flow: FEEDBACK_TEXT, width: 12 })).rejects.toThrow('width must be a whole number of pixels from 240 to 1200, got 12');
  });

  it('says how to install Chromium when the chromiumPath does not exist', async () => {
    const error = await renderFlow({ flow: FEEDBACK_TEXT, chromiumPath: '/nonexistent/chromium' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ChromiumMissingError);
    const message = (error as Error).message;
    expect(message).toContain('no Chromium at /nonexistent/chromium');
    expect(message).toContain('`npm i -D playwright-core`');
    expect(message).toContain('`apt-get install chromium`');
    expect(message).toContain('`npx playwright install chromium`');
  });
});
