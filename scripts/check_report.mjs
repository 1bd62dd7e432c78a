// Opens a report's index.html in headless Chromium (Debian's chromium, driven
// by playwright-core) and fails on a console error, a page error, a failed
// request, an image that did not load, or a script that ran (the page has
// none; `window.__coopgraph_xss` is what the hostile-names dataset's
// `<script>` would set). Saves a full-page screenshot for review.
//
// Usage: node scripts/check_report.mjs REPORT_DIR SCREENSHOT.png
import { chromium } from 'playwright-core';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const [dir, shot] = process.argv.slice(2);
if (!dir || !shot) {
  console.error('usage: node scripts/check_report.mjs REPORT_DIR SCREENSHOT.png');
  process.exit(2);
}
const problems = [];
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
         '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  page.on('console', (m) => { if (m.type() === 'error') problems.push(`console error: ${m.text()}`); });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('requestfailed', (r) => problems.push(`failed to load ${r.url()}: ${r.failure()?.errorText}`));
  const url = pathToFileURL(path.resolve(dir, 'index.html')).href;
  const response = await page.goto(url, { waitUntil: 'load' });
  if (!response || !response.ok()) problems.push(`cannot open ${url}`);
  // Figures are <object>s (their hover texts work in the page) with an
  // <img> inside as fallback, which the browser loads only if the object
  // fails; an <img> outside an <object> must load.
  const images = await page.$$eval('img', (imgs) => imgs
    .filter((i) => !i.closest('object'))
    .map((i) => ({ src: i.getAttribute('src'), ok: i.complete && i.naturalWidth > 0 })));
  const objects = await page.$$eval('object', (os) => os.map((o) => ({
    src: o.getAttribute('data'),
    ok: o.getBoundingClientRect().width > 100 && o.getBoundingClientRect().height > 50,
  })));
  if (images.length + objects.length === 0) problems.push('the report shows no image');
  for (const i of images) if (!i.ok) problems.push(`image did not load: ${i.src}`);
  for (const o of objects) if (!o.ok) problems.push(`figure did not load: ${o.src}`);
  const ran = await page.evaluate(() => window.__coopgraph_xss === true);
  if (ran) problems.push('a script from the data ran in the page');
  // Even where the Content-Security-Policy stops it from running, markup
  // from the data must never become elements: no script, no event handler.
  const injected = await page.$$eval('*', (els) => els
    .filter((e) => e.tagName === 'SCRIPT' || [...e.attributes].some((a) => a.name.startsWith('on')))
    .map((e) => e.outerHTML.slice(0, 80)));
  for (const e of injected) problems.push(`markup from the data became an element: ${e}`);
  // The figures are frames (<object>), which a full-page screenshot leaves
  // blank outside the viewport: make the viewport as tall as the page.
  const tall = await page.evaluate(() => document.documentElement.scrollHeight);
  await page.setViewportSize({ width: 1280, height: Math.min(tall, 30000) });
  await page.waitForTimeout(300);
  await page.screenshot({ path: shot, fullPage: true });
  console.log(`${objects.length} figures and ${images.length} images loaded; screenshot ${shot}`);
} finally {
  await browser.close();
}
if (problems.length) {
  for (const p of problems) console.error(p);
  process.exit(1);
}
