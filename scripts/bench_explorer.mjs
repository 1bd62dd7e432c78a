// Opens an explorer page in headless Chromium and reports (a benchmark, not
// a test; scripts/bench_explorer.sh runs it):
//   - load: from navigation start until the first frame after the viewer
//     is ready (performance.now() in the page: data parsed, graph built,
//     first frame drawn), best and worst of three loads, and the viewer's
//     marks (data parsed, graph built, sigma started, ready) of the first;
//   - frames: the intervals between animation frames while the camera
//     pans and zooms across the graph in a 3 s animation (median, 95th
//     percentile, worst, and frames over 50 ms).
// Usage: node scripts/bench_explorer.mjs PAGE.html
import { chromium } from 'playwright-core';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const file = process.argv[2];
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--no-sandbox', '--use-angle=swiftshader', '--enable-unsafe-swiftshader'],
});
const url = pathToFileURL(path.resolve(file)).href;
const loads = [];
let frames = [];
try {
  for (let k = 0; k < 3; k++) {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    page.on('pageerror', (e) => console.error(`page error: ${e.message}`));
    await page.goto(url, { waitUntil: 'commit', timeout: 120000 });
    await page.waitForSelector('html[data-ready=true]', { timeout: 120000 });
    // The first frame after ready: the graph is on screen. The viewer's
    // marks say where the time went.
    loads.push(await page.evaluate(() => new Promise((done) =>
      requestAnimationFrame(() => done(performance.now())))));
    if (k === 0) {
      const marks = await page.evaluate(() => performance.getEntriesByType('mark')
        .filter((m) => m.name.startsWith('coopgraph:')).map((m) => `${m.name.slice(10)} ${m.startTime.toFixed(0)} ms`));
      console.log(`first load, marks: ${marks.join(', ')}`);
    }
    if (k === 2) {
      // After the first full drawing, the view moves (edges hidden while it
      // does on large graphs, as a user's drag would).
      await page.waitForTimeout(1000);
      frames = await page.evaluate(() => new Promise((done) => {
        // A camera animation, as the zoom and fit buttons make and as a
        // drag moves the view: sigma draws every frame of it.
        const cam = window.coopgraphExplorer.renderer.getCamera();
        const times = [];
        const start = performance.now();
        cam.animate({ x: 0.2, y: 0.7, ratio: 0.4 }, { duration: 3000 });
        const step = (t) => {
          times.push(t);
          if (t - start < 3000) requestAnimationFrame(step);
          else done(times.slice(1).map((x, i) => x - times[i]));
        };
        requestAnimationFrame(step);
      }));
    }
    await page.close();
  }
} finally {
  await browser.close();
}
const sorted = [...frames].sort((a, b) => a - b);
const q = (p) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))];
console.log(`load (navigation to first frame): best ${Math.min(...loads).toFixed(0)} ms, worst ${Math.max(...loads).toFixed(0)} ms`);
console.log(`pan/zoom frames: ${frames.length} in 3 s; median ${q(0.5).toFixed(1)} ms, p95 ${q(0.95).toFixed(1)} ms, worst ${sorted[sorted.length - 1].toFixed(1)} ms, over 50 ms: ${frames.filter((f) => f > 50).length}`);
