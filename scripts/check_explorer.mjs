// Checks the explorer (coopgraph explore) in headless Chromium, driven by
// playwright-core; run by scripts/check_report.sh. Every request the page
// makes is routed here and any besides the page itself fails the check.
//
//  1. the seed explorer opens with no console or page error, the
//     Content-Security-Policy is hash-based and its hashes are those of the
//     inline script and style elements;
//  2. searching "Migrationsverket" selects the Swedish Migration Agency,
//     and the panel lists its sources;
//  3. the years 2012-2014 hide Talk2Connect and the Visa Code Training
//     project;
//  4. the kind filter "project" alone hides states;
//  5. the Agency with the Swedish Police Authority: the shared things the
//     page lists and highlights are those `coopgraph shared` answers, and
//     its shortest path is one `coopgraph path` answers;
//  6. a reload restores the same view from the URL hash, and Back the one
//     before;
//  7. the SVG and PNG exports download an SVG and a PNG of the view;
//  8. the hostile-names dataset's explorer runs no script from the data and
//     shows its names as text.
// Screenshots of each step go to OUT_DIR.
//
// Usage: node scripts/check_explorer.mjs COOPGRAPH_BINARY OUT_DIR
import { chromium } from 'playwright-core';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const [bin, out] = process.argv.slice(2);
if (!bin || !out) {
  console.error('usage: node scripts/check_explorer.mjs COOPGRAPH_BINARY OUT_DIR');
  process.exit(2);
}
fs.mkdirSync(out, { recursive: true });
const problems = [];
const check = (ok, what) => { if (!ok) problems.push(what); };
const coopgraph = (...args) => execFileSync(bin, ['--quiet', ...args], { encoding: 'utf8' });

const seed = path.resolve(out, 'explorer.html');
coopgraph('explore', '-o', seed, '--force');
const hostile = path.resolve(out, 'explorer-hostile.html');
// The hostile dataset is part of the repository: without it the check
// would pass without step 8, so its absence is a failure.
if (!fs.existsSync('tests/fixtures/hostile/hostile.json')) {
  console.error('tests/fixtures/hostile/hostile.json not found: run from the repository root');
  process.exit(1);
}
coopgraph('--data', 'tests/fixtures/hostile/hostile.json', 'explore', '-o', hostile, '--force');

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-quic', '--no-first-run', '--disable-background-networking',
         '--disable-component-update', '--disable-sync', '--use-angle=swiftshader',
         '--enable-unsafe-swiftshader'],
});

/** A page on `file`, failing on any console error, page error or request
 * other than the file itself. */
async function open(file, label) {
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 }, acceptDownloads: true });
  const url = pathToFileURL(file).href;
  page.on('console', (m) => { if (m.type() === 'error') problems.push(`${label}: console error: ${m.text()}`); });
  page.on('pageerror', (e) => problems.push(`${label}: page error: ${e.message}`));
  await page.route('**/*', (route) => {
    const u = route.request().url();
    if (u.split('#')[0] === url) return route.continue();
    problems.push(`${label}: the page asked for ${u}`);
    return route.abort();
  });
  await page.goto(url);
  await page.waitForSelector('html[data-ready=true]', { timeout: 30000 });
  return page;
}

const state = (page) => page.evaluate(() => window.coopgraphExplorer.state());
const shown = (page, id) => page.evaluate((i) => window.coopgraphExplorer.shown(i), id);
const shot = (page, name) => page.screenshot({ path: path.join(out, name) });

async function searchFor(page, input, text) {
  await page.fill(input, '');
  await page.type(input, text);
  await page.press(input, 'Enter');
}

async function resetView(page) {
  await page.click('#reset');
}

try {
  const page = await open(seed, 'seed');

  // 1. The policy: hash-based, and the hashes are the inline elements'.
  const csp = await page.$eval('meta[http-equiv="Content-Security-Policy"]', (m) => m.content);
  check(/default-src 'none'/.test(csp), `the policy lacks default-src 'none': ${csp}`);
  check(!/unsafe-inline|unsafe-eval/.test(csp), `the policy allows unsafe code: ${csp}`);
  const inline = await page.evaluate(() => ({
    scripts: [...document.querySelectorAll('script:not([type])')].map((s) => s.textContent),
    styles: [...document.querySelectorAll('style')].map((s) => s.textContent),
  }));
  const sha = (t) => `'sha256-${createHash('sha256').update(t, 'utf8').digest('base64')}'`;
  const directive = (name) => (csp.split(';').map((d) => d.trim().split(/\s+/))
    .find((d) => d[0] === name) || []).slice(1);
  const scriptSrc = directive('script-src');
  check(inline.scripts.length === 3, `expected 3 inline scripts, found ${inline.scripts.length}`);
  check(scriptSrc.every((s) => s.startsWith("'sha256-")), `script-src is not only hashes: ${scriptSrc}`);
  for (const s of inline.scripts) check(scriptSrc.includes(sha(s)), 'an inline script is not in the policy by its hash');
  for (const s of inline.styles) check(directive('style-src').includes(sha(s)), 'the inline style is not in the policy by its hash');
  await shot(page, '1-open.png');

  // 2. Search by the Swedish name.
  await searchFor(page, '#search', 'Migrationsverket');
  await page.waitForSelector('#panel:not([hidden])');
  const agency = (await state(page)).sel;
  const name = await page.$eval('#panel-name', (e) => e.textContent);
  check(name === 'Swedish Migration Agency', `"Migrationsverket" selected ${name}`);
  const cites = await page.$$eval('#panel > ul.cites > li', (l) => l.map((e) => e.textContent));
  check(cites.length > 0 && cites.some((c) => /Swedish Migration Agency|Migrationsverket|cooperation/i.test(c)),
    `the panel lists no sources: ${cites.slice(0, 3)}`);
  await shot(page, '2-search.png');

  // 3. The time window.
  await resetView(page);
  await page.fill('#year-from', '2012');
  await page.dispatchEvent('#year-from', 'change');
  await page.fill('#year-to', '2014');
  await page.dispatchEvent('#year-to', 'change');
  check(!(await shown(page, 'talk2connect')), '2012-2014 shows Talk2Connect');
  check(!(await shown(page, 'vct-project')), '2012-2014 shows the Visa Code Training project');
  check(await shown(page, 'swedish-migration-agency'), '2012-2014 hides the Agency');
  await shot(page, '3-window-2012-2014.png');

  // 4. The kind filter "project" alone.
  await resetView(page);
  for (const box of await page.$$('[data-kind]')) {
    if ((await box.getAttribute('value')) !== 'project') await box.uncheck();
  }
  check(!(await shown(page, 'sweden')), 'the kind filter "project" shows Sweden');
  check(await shown(page, 'talk2connect'), 'the kind filter "project" hides Talk2Connect');
  await shot(page, '4-kind-project.png');

  // 5. Two actors, against the command line's answers.
  await resetView(page);
  await searchFor(page, '#search', 'Swedish Migration Agency');
  await page.waitForSelector('#compare');
  const before = await page.evaluate(() => location.hash);
  await searchFor(page, '#compare', 'Swedish Police Authority');
  await page.waitForSelector('#shared-list');
  const expected = JSON.parse(coopgraph('--format', 'json', 'shared', 'Swedish Migration Agency',
    'Swedish Police Authority')).items.map((i) => i.item.id).sort();
  const listed = (await page.$$eval('#shared-list > li', (l) => l.map((e) => e.dataset.id))).sort();
  check(JSON.stringify(listed) === JSON.stringify(expected),
    `the page lists shared ${listed}, coopgraph shared answers ${expected}`);
  const councils = expected.length;
  check(councils === 5, `coopgraph shared answers ${councils} shared things, not the five councils`);
  const lit = await page.evaluate(() => window.coopgraphExplorer.highlighted());
  for (const id of expected) check(lit.includes(id), `${id} is shared but not highlighted`);
  const paths = JSON.parse(coopgraph('--format', 'json', 'path', 'Swedish Migration Agency', 'Turkey')).paths
    .map((p) => [p.hops[0].from.id, ...p.hops.map((h) => h.to.id)].join('>'));
  const pagePath = (await page.evaluate(() => window.coopgraphExplorer.path('swedish-migration-agency', 'turkey'))).join('>');
  check(paths.includes(pagePath), `the page's path ${pagePath} is not one coopgraph path answers`);
  await shot(page, '5-shared-with-police.png');

  // 6. The hash: a reload gives the same view; Back the one before.
  const hash = await page.evaluate(() => location.hash);
  const st = await state(page);
  await page.reload();
  await page.waitForSelector('html[data-ready=true]');
  check(JSON.stringify(await state(page)) === JSON.stringify(st), 'a reload did not restore the view');
  check(JSON.stringify(await page.evaluate(() => window.coopgraphExplorer.highlighted())) === JSON.stringify(lit),
    'a reload did not restore the highlight');
  check(hash.includes('with=') && hash.includes('node='), `the hash holds no selection: ${hash}`);
  await page.goBack();
  await page.waitForFunction((h) => location.hash === h, before);
  const back = await state(page);
  check(back.sel === agency && back.sel2 === null, 'Back did not return to the one-actor view');
  await shot(page, '6-back.png');

  // 7. The SVG export.
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#export-svg')]);
  const svg = fs.readFileSync(await download.path(), 'utf8');
  check(svg.startsWith('<svg') && svg.includes('<circle'), 'the SVG export holds no drawing');
  fs.writeFileSync(path.join(out, '7-export.svg'), svg);
  const [pngDownload] = await Promise.all([page.waitForEvent('download'), page.click('#export-png')]);
  const png = fs.readFileSync(await pngDownload.path());
  check(png.subarray(1, 4).toString() === 'PNG' && png.length > 1000, 'the PNG export is not a PNG');
  fs.writeFileSync(path.join(out, '7-export.png'), png);
  await page.close();

  // 8. Hostile names.
  {
    const h = await open(hostile, 'hostile');
    await searchFor(h, '#search', 'script');
    await h.waitForSelector('#panel:not([hidden])');
    const ran = await h.evaluate(() => window.__coopgraph_xss === true);
    check(!ran, 'a script from the hostile data ran');
    const injected = await h.$$eval('*', (els) => els
      .filter((e) => (e.tagName === 'SCRIPT' && e.type !== 'application/json' && e.parentElement === document.body &&
        !e.textContent) || [...e.attributes].some((a) => a.name.startsWith('on')) ||
        ['IMG', 'B', 'IFRAME', 'OBJECT'].includes(e.tagName))
      .map((e) => e.outerHTML.slice(0, 80)));
    for (const e of injected) problems.push(`hostile: markup from the data became an element: ${e}`);
    const scripts = await h.$$eval('script', (s) => s.length);
    check(scripts === 4, `hostile: ${scripts} script elements, not 4`);
    const title = await h.$eval('#panel-name', (e) => e.textContent);
    check(title.includes('<script>'), `hostile: the name is not shown as text: ${title}`);
    await shot(h, '8-hostile.png');
    await h.close();
  }
} finally {
  await browser.close();
}
if (problems.length) {
  for (const p of problems) console.error(`explorer check: ${p}`);
  process.exit(1);
}
console.log(`explorer check passed; screenshots in ${out}`);
