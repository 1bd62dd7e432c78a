// Checks every figure of a report as it would be printed: each SVG in
// REPORT_DIR/figures/ scaled to the width of an A4 page (595 pt), opened in
// headless Chromium (Debian's chromium, driven by playwright-core). Fails on
// a label under 8 pt at that size, on node boxes that overlap, and on a
// legend of more than 10 rows. Saves a screenshot of each figure at A4 width
// in SHOT_DIR for review.
//
// Usage: node scripts/check_figures.mjs REPORT_DIR SHOT_DIR
import { chromium } from 'playwright-core';
import fs from 'node:fs';
import path from 'node:path';

const A4_PT = 595; // the width of an A4 page, in points
const A4_PX = Math.round((A4_PT * 96) / 72); // the same at 96 dpi: 793 px
const MIN_PT = 8;
const MAX_LEGEND_ROWS = 10;

const [dir, shots] = process.argv.slice(2);
if (!dir || !shots) {
  console.error('usage: node scripts/check_figures.mjs REPORT_DIR SHOT_DIR');
  process.exit(2);
}
fs.mkdirSync(shots, { recursive: true });
const figures = fs.readdirSync(path.join(dir, 'figures')).filter((f) => f.endsWith('.svg')).sort();
if (figures.length === 0) {
  console.error(`no figures in ${dir}/figures`);
  process.exit(1);
}
const problems = [];
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--no-first-run',
         '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
try {
  const page = await browser.newPage({ viewport: { width: A4_PX, height: 1123 } });
  for (const f of figures) {
    // Inline in a page, so that the figure can be scaled and measured.
    const text = fs.readFileSync(path.resolve(dir, 'figures', f), 'utf8').replace(/^<\?xml[^>]*>\s*/, '');
    await page.setContent(`<!DOCTYPE html><html><body style="margin:0">${text}</body></html>`, { waitUntil: 'load' });
    // The figure scaled to the page's width, as a report writer pastes it.
    const found = await page.evaluate(({ A4_PT, A4_PX, MIN_PT }) => {
      const svg = document.querySelector('svg');
      const vb = svg.viewBox && svg.viewBox.baseVal;
      const width = vb && vb.width ? vb.width : svg.width.baseVal.value;
      const ptPerUnit = A4_PT / width;
      svg.setAttribute('width', A4_PX);
      svg.removeAttribute('height');
      // Labels: every text's computed size, at print scale. The size is in
      // the text's own units; its screen transform (the page's scale and any
      // scale a drawing program put around it) turns it into CSS pixels on
      // the A4-wide page, 0.75 pt each.
      const small = new Map();
      for (const t of svg.querySelectorAll('text')) {
        if (!t.textContent.trim()) continue;
        const size = parseFloat(getComputedStyle(t).fontSize) || parseFloat(t.getAttribute('font-size')) || 0;
        const m = t.getScreenCTM();
        const scale = m ? Math.sqrt(m.a * m.a + m.b * m.b) : ptPerUnit / 0.75;
        const pt = size * scale * 0.75;
        if (pt < MIN_PT - 1e-6) {
          const key = pt.toFixed(1);
          small.set(key, (small.get(key) || 0) + 1);
        }
      }
      // Node boxes: pairs whose rectangles overlap on the page.
      const boxes = [...svg.querySelectorAll('g.node')].map((g) => {
        const r = g.getBoundingClientRect();
        const title = g.querySelector('title');
        return { x0: r.left, y0: r.top, x1: r.right, y1: r.bottom,
                 name: (title ? title.textContent : g.textContent).split('\n')[0].trim().slice(0, 40) };
      });
      const overlaps = [];
      for (let i = 0; i < boxes.length; i++) {
        for (let j = i + 1; j < boxes.length; j++) {
          const a = boxes[i], b = boxes[j];
          const w = Math.min(a.x1, b.x1) - Math.max(a.x0, b.x0);
          const h = Math.min(a.y1, b.y1) - Math.max(a.y0, b.y0);
          if (w > 0.5 && h > 0.5) overlaps.push(`${a.name} / ${b.name}`);
        }
      }
      // Legend rows: the distinct lines of text in the legend.
      const rows = new Set();
      for (const t of svg.querySelectorAll('g.legend text')) {
        rows.add(Math.round(t.getBoundingClientRect().top));
      }
      return { small: [...small.entries()], overlaps, legendRows: rows.size, width };
    }, { A4_PT, A4_PX, MIN_PT });
    const name = f.replace(/\.svg$/, '');
    for (const [pt, n] of found.small) problems.push(`${f}: ${n} label(s) at ${pt} pt at A4 width (under ${MIN_PT} pt)`);
    if (found.overlaps.length) {
      problems.push(`${f}: ${found.overlaps.length} pair(s) of node boxes overlap, e.g. ${found.overlaps.slice(0, 3).join('; ')}`);
    }
    if (found.legendRows > MAX_LEGEND_ROWS) problems.push(`${f}: a legend of ${found.legendRows} rows (at most ${MAX_LEGEND_ROWS})`);
    await (await page.$('svg')).screenshot({ path: path.join(shots, `${name}.png`) });
    console.log(`${f}: ${Math.round(found.width)} units wide, legend ${found.legendRows} rows, ` +
      `${found.small.reduce((s, [, n]) => s + n, 0)} small label(s), ${found.overlaps.length} overlap(s)`);
  }
} finally {
  await browser.close();
}
if (problems.length) {
  for (const p of problems) console.error(p);
  process.exit(1);
}
console.log(`${figures.length} figures checked at A4 width; screenshots in ${shots}`);
