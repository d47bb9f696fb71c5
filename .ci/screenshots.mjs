// Gate: screenshots for a person to look at. Full-page PNGs of the home page, the plan
// with the widest tables, the indicator page with the largest chart, the matrix
// (/compare/), a region pair, a region and a unit page, 375 px and 1280 px wide (the
// plan and the indicator at 320 px as well), taken in Debian's headless Chromium under
// the same CSP as the a11y gate, named TYPE-WIDTH.png. Fails only when a page is
// missing or cannot be loaded; the pictures themselves are judged by eye.
//
//   node .ci/screenshots.mjs [output] [--out .ci/artifacts/screenshots] [--base-path /zwgk/ghjh/]
import { mkdirSync, existsSync, readFileSync, readdirSync } from 'node:fs';
import { resolve, join } from 'node:path';
import { basePath, childPages, launchChromium, pagesByType, serveSite, siteDir, widestTables } from './lib/site.mjs';

const argv = process.argv.slice(2);
const root = siteDir(argv);
const base = basePath(argv);
const outIndex = argv.indexOf('--out');
const out = resolve(outIndex >= 0 ? argv[outIndex + 1] : '.ci/artifacts/screenshots');
// Page type (as pagesByType names it) -> the TYPE of the file name, and its widths.
const WANTED = {
  home: ['home', [375, 1280]],
  plan: ['plan', [320, 375, 1280]],
  'indicator (with chart)': ['indicator', [320, 375, 1280]],
  compare: ['compare', [375, 1280]],
  pair: ['pair', [375, 1280]],
  region: ['region', [375, 1280]],
  unit: ['unit', [375, 1280]],
};
const WIDTHS = [...new Set(Object.values(WANTED).flatMap(([, w]) => w))].sort((a, b) => a - b);

if (!existsSync(root)) {
  console.error(`screenshots: ${root} does not exist; build the site first`);
  process.exit(2);
}
mkdirSync(out, { recursive: true });

// The plan whose tables are widest shows the most about how tables fit a phone.
const widest = widestTables(root, 'plans', 1)[0];
// The pair that shares the most indicators shows its table; the first pair may share none.
const fullestPair = () => {
  let best = null;
  let most = -1;
  const dirs = (d) => readdirSync(join(root, d), { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name);
  for (const a of dirs('compare')) {
    for (const p of childPages(root, `compare/${a}`)) {
      const rows = (readFileSync(join(root, p), 'utf8').split('class="pair-table')[1] || '').split('<tr').length - 2;
      if (rows > most) [best, most] = [p, rows];
    }
  }
  return best;
};
const shots = pagesByType(root)
  .filter(([type]) => type in WANTED)
  .map(([type, path]) => [type, type === 'plan' && widest ? widest : type === 'pair' ? fullestPair() || path : path]);
let failed = 0;
for (const [type, path] of shots) {
  if (!path) {
    console.log(`screenshots: no ${type} page in ${root}`);
    failed++;
  }
}

const server = await serveSite(root, base);
const browser = await launchChromium();
const started = Date.now();
for (const width of WIDTHS) {
  const context = await browser.newContext({ viewport: { width, height: 800 }, locale: 'zh-CN' });
  for (const [type, path] of shots) {
    if (!path || !WANTED[type][1].includes(width)) continue;
    const page = await context.newPage();
    const response = await page.goto(server.url(path), { waitUntil: 'load' });
    if (!response || !response.ok()) {
      console.log(`screenshots: ${path} answered ${response?.status()}`);
      failed++;
    }
    await page.evaluate(() => document.fonts.ready);
    // A page wider than the screen scrolls sideways as a whole: worth a look, not a failure.
    const wide = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    if (wide > 0) console.log(`screenshots: note: ${path} is ${wide} px wider than a ${width} px screen`);
    const file = join(out, `${WANTED[type][0]}-${width}.png`);
    await page.screenshot({ path: file, fullPage: true });
    console.log(`screenshots: ${file}  (${path}, ${width} px)`);
    await page.close();
  }
  await context.close();
}
await browser.close();
await server.close();
console.log(`screenshots: written to ${out} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
process.exit(failed ? 1 : 0);
