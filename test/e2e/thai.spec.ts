import { test, expect, type Page } from '@playwright/test';
import { openApp, enterVr, shot, tt, renderedFrames, ARTIFACTS } from './helpers';
import { PNG } from './png';
import { hasEnglish } from '../unit/i18n/literalScan';

// Thai on every surface a trainee reads, with ?lang=th: the page (browser fonts), the 3D tag plates (a canvas
// atlas drawn with the shipped Garuda font) and the VR panel (SDF text from the same font file). A missing
// font does not fail by itself: it draws "tofu", the same empty box for every character. So each check sets
// a Thai string against a string of characters no font has (each drawn as that box) in the same font and
// size, and asks that they differ: a Thai font that is there draws shapes that are not that box.

const THAI = /[\u0E00-\u0E7F]/;
const SAMPLE = 'ถังเก็บน้ำมันร้อน';
/** Private-use characters of plane 16: no font has them, so each is drawn as the missing-glyph box. */
const TOFU = '\u{10FFFD}'.repeat([...SAMPLE].length);

interface Ink {
  /** Pixels that differ between the two renderings, as a fraction of the inked pixels of either. */
  differ: number;
  inkThai: number;
  inkTofu: number;
}

/** Draw the sample and the tofu string in a canvas font; compare their ink. */
function canvasInk(page: Page, font: string): Promise<Ink> {
  return page.evaluate(
    async ([font, thai, tofu]) => {
      await document.fonts.load(font, thai);
      const draw = (s: string) => {
        const c = document.createElement('canvas');
        c.width = 480;
        c.height = 64;
        const g = c.getContext('2d')!;
        g.font = font;
        g.textBaseline = 'middle';
        g.fillStyle = '#000';
        g.fillText(s, 4, 32);
        const d = g.getImageData(0, 0, c.width, c.height).data;
        const ink = new Uint8Array(c.width * c.height);
        for (let i = 0; i < ink.length; i++) ink[i] = d[i * 4 + 3] > 96 ? 1 : 0;
        return ink;
      };
      const a = draw(thai);
      const b = draw(tofu);
      let differ = 0;
      let inkA = 0;
      let inkB = 0;
      for (let i = 0; i < a.length; i++) {
        inkA += a[i];
        inkB += b[i];
        if (a[i] !== b[i]) differ++;
      }
      return { differ: differ / Math.max(1, Math.max(inkA, inkB)), inkThai: inkA, inkTofu: inkB };
    },
    [font, SAMPLE, TOFU] as const,
  );
}

/** Inked pixels of a screenshot's rectangle that differ from another screenshot's, as a fraction of the box. */
function differingPixels(a: Buffer, b: Buffer, x0: number, y0: number, w: number, h: number): number {
  const A = PNG.decode(a);
  const B = PNG.decode(b);
  let n = 0;
  for (let y = Math.max(0, y0); y < Math.min(A.height, y0 + h); y++)
    for (let x = Math.max(0, x0); x < Math.min(A.width, x0 + w); x++) {
      const i = (y * A.width + x) * 4;
      const d =
        Math.abs(A.data[i] - B.data[i]) +
        Math.abs(A.data[i + 1] - B.data[i + 1]) +
        Math.abs(A.data[i + 2] - B.data[i + 2]);
      if (d > 60) n++;
    }
  return n / (w * h);
}

/** Where a piece of equipment's label point is on screen once the camera has stopped moving. */
async function settledPosition(page: Page, tag: string): Promise<{ x: number; y: number; visible: boolean }> {
  let prev: { x: number; y: number; visible: boolean } | null = null;
  for (let i = 0; i < 40; i++) {
    await renderedFrames(page, 5);
    const p = await tt<{ x: number; y: number; visible: boolean } | null>(page, `tanktwin.screenPosition('${tag}')`);
    if (p && prev && Math.abs(p.x - prev.x) < 0.5 && Math.abs(p.y - prev.y) < 0.5) return p;
    prev = p;
  }
  throw new Error(`${tag}'s label point did not come to rest on screen`);
}

test('with ?lang=th the page and the 3D tag plates draw Thai glyphs, not empty boxes', async ({ page }) => {
  await openApp(page, '?lang=th');
  const vr = page.getByTestId('enter-vr');
  await expect(vr).toHaveText(THAI);

  // the page's own font: a span in the toolbar's font, Thai against tofu, each photographed on screen
  const probe = await page.evaluate(
    ([thai]) => {
      const s = document.createElement('span');
      s.id = 'thai-probe';
      s.textContent = thai;
      const f = getComputedStyle(document.querySelector('[data-testid="enter-vr"]')!);
      Object.assign(s.style, {
        position: 'fixed',
        left: '20px',
        top: '120px',
        zIndex: '9999',
        font: f.font,
        fontSize: '28px',
        background: '#fff',
        color: '#000',
        padding: '4px',
      });
      document.body.append(s);
      return f.fontFamily;
    },
    [SAMPLE] as const,
  );
  const span = page.locator('#thai-probe');
  const thaiPng = await span.screenshot({ path: `${ARTIFACTS}/thai-00-page-font-thai.png` });
  await page.evaluate(([tofu]) => (document.getElementById('thai-probe')!.textContent = tofu), [TOFU] as const);
  const tofuPng = await span.screenshot({ path: `${ARTIFACTS}/thai-00-page-font-tofu.png` });
  const a = PNG.decode(thaiPng);
  const b = PNG.decode(tofuPng);
  const w = Math.min(a.width, b.width);
  const h = Math.min(a.height, b.height);
  const pageDiffer = differingPixels(thaiPng, tofuPng, 0, 0, w, h);
  console.log(`page font ${probe}: Thai vs tofu differ on ${(100 * pageDiffer).toFixed(1)} % of the probe`);
  expect(pageDiffer).toBeGreaterThan(0.05);
  await page.evaluate(() => document.getElementById('thai-probe')!.remove());

  await shot(page, 'thai-01-desktop');

  // every word the toolbar and the legend show is Thai (tags, units and acronyms aside)
  const shown = await page.evaluate(() => {
    const out: string[] = [];
    for (const root of document.querySelectorAll('[data-testid="toolbar"], .legend')) {
      const walk = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
      for (let n = walk.nextNode(); n; n = walk.nextNode()) if (n.textContent?.trim()) out.push(n.textContent.trim());
      for (const el of root.querySelectorAll('[aria-label],[title]'))
        out.push(el.getAttribute('aria-label') ?? '', el.getAttribute('title') ?? '');
    }
    return out.filter(Boolean);
  });
  expect(shown.length).toBeGreaterThan(10);
  // key names (Shift, Esc, W A S D) stay as printed on the keyboard; the language switch names English
  const keys = (x: string) => x.replace(/\b(Shift|Esc|Enter|Tab|Space|Ctrl|Alt)\b/g, '');
  expect(shown.filter((x) => x !== 'English' && hasEnglish(keys(x)))).toEqual([]);

  // the tag plates' font (the shipped Garuda, also the VR panel's): loaded, and drawing Thai shapes
  await expect
    .poll(() => page.evaluate(() => document.fonts.check('22px TankTwinLabels', 'ก')), { timeout: 30_000 })
    .toBe(true);
  const plates = await canvasInk(page, '22px TankTwinLabels');
  console.log(
    `tag plate font: Thai vs tofu differ ${(100 * plates.differ).toFixed(0)} % (ink ${plates.inkThai} / ${plates.inkTofu})`,
  );
  expect(plates.inkThai).toBeGreaterThan(200);
  expect(plates.differ).toBeGreaterThan(0.3);

  // the plates on screen: TK-101's in Thai, then in English; the name line under the tag changes. The camera
  // flies to the view over several frames: the plate is measured where it is once the camera has come to rest.
  await tt(page, 'tanktwin.lookAt([15, 17.9, 15], [15, 21, 40])');
  const tk = await settledPosition(page, 'TK-101');
  expect(tk.visible).toBe(true);
  const labelsTh = await shot(page, 'thai-02-tag-plates-th');
  await page.getByRole('button', { name: 'English' }).click();
  await expect(vr).toHaveText('Enter VR');
  await renderedFrames(page, 10);
  const labelsEn = await shot(page, 'thai-03-tag-plates-en');
  // the plate is centred on its label point, ≈ 33 px tall; the box holds its name line with margin on every side
  const box = { x: Math.round(tk.x - 110), y: Math.round(tk.y - 24), w: 220, h: 48 };
  const plateDiffer = differingPixels(labelsTh, labelsEn, box.x, box.y, box.w, box.h);
  console.log(
    `TK-101 plate at ${tk.x.toFixed(0)},${tk.y.toFixed(0)}: Thai vs English differ on ${(100 * plateDiffer).toFixed(1)} %`,
  );
  // the tag line is the same in both: a name line that is drawn (≈ 80 × 12 px) changes several hundred pixels
  expect(plateDiffer).toBeGreaterThan(0.01);
});

test('with ?lang=th the VR panel shows the looked-at equipment in Thai', async ({ page }) => {
  await openApp(page, '?lang=th');
  await enterVr(page);
  // look level, towards TK-101: the panel rides low and to the left of a level gaze
  await tt(
    page,
    `(async () => { const t = tanktwin.xr.toOrigin(15, 1.6, 15); const r = tanktwin.xr.emulator.remote; await r.dispatch('look_at', { device: 'headset', target: t }); })()`,
  );
  // the plant stands still, so only the language changes what the panel says
  await tt(page, 'tanktwin.pause()');
  await renderedFrames(page, 30);
  // what the headset's panel reads (its SDF text is the shipped Garuda, whose Thai glyphs the first test checks)
  const panelFirst = () => tt<string>(page, 'tanktwin.xr.panel.lines[0] ?? ""');
  // (the looked-at equipment's tag and name, or the hint to look at equipment: either is in the page's language)
  await expect.poll(panelFirst, { timeout: 10_000 }).toMatch(THAI);
  const firstTh = await panelFirst();
  console.log(`VR panel, Thai: ${firstTh}`);
  const where = await tt<{ at_m: number[]; eye_m: number[] }>(page, 'tanktwin.xr.panel');
  const gap_m = Math.hypot(...where.at_m.map((v, i) => v - where.eye_m[i]));
  console.log(`VR panel at ${where.at_m.map((v) => v.toFixed(2))}, eye at ${where.eye_m.map((v) => v.toFixed(2))}`);
  // it rides 0.8 m ahead, 0.35 m aside and 0.25 m low: ≈ 0.91 m from the eyes
  expect(gap_m).toBeGreaterThan(0.8);
  expect(gap_m).toBeLessThan(1);
  await shot(page, 'thai-04-vr-panel-th');
  // the emulator's canvas covers the page in VR: the button is clicked from the page itself
  await page.getByRole('button', { name: 'English' }).evaluate((b: HTMLButtonElement) => b.click());
  await expect.poll(panelFirst, { timeout: 10_000 }).not.toBe(firstTh);
  const firstEn = await panelFirst();
  console.log(`VR panel, English: ${firstEn}`);
  expect(firstEn).not.toMatch(THAI);
  expect(firstEn.length).toBeGreaterThan(3);
  await renderedFrames(page, 10);
  await shot(page, 'thai-05-vr-panel-en');
  await tt(page, 'tanktwin.xr.session.end()');
});
