// Gate: the built site works where it is published. Crawls every page in Debian's
// headless Chromium at 320 px wide, starting from index.html and following the links
// a reader can follow, either
//
//   node .ci/portable.mjs output                  opened from disk (file://), or
//   node .ci/portable.mjs --url http://host/path/ served by a real web server
//                                                 (.ci/nginx.sh starts nginx for it).
//
// On every page: it loads, every file it loads is there (no failed request, nothing
// the server's Content-Security-Policy refuses), the stylesheet applies, and the page
// does not scroll sideways at 320 px (WCAG 1.4.10; a wide table scrolls in its own
// box). Links to data files (CSV, JSON, XML) must exist. Served, it also checks the
// types the server sends, its 404 page, a search, and that a plan prints on A4 with
// its metadata block and nothing cut off (a PDF of it is kept with the screenshots).
import { existsSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { launchChromium } from './lib/site.mjs';

const argv = process.argv.slice(2);
const urlAt = argv.indexOf('--url');
const served = urlAt >= 0;
const outAt = argv.indexOf('--out');
const artifacts = resolve(outAt >= 0 ? argv[outAt + 1] : '.ci/artifacts/screenshots');
const folder = resolve(argv.find((a, i) => !a.startsWith('--') && argv[i - 1] !== '--url' && argv[i - 1] !== '--out') || 'output');
let start;
if (served) {
  start = new URL(argv[urlAt + 1]);
  if (!start.pathname.endsWith('/')) start.pathname += '/';
} else {
  if (!existsSync(join(folder, 'index.html'))) {
    console.error(`portable: ${folder}/index.html does not exist; build the site first`);
    process.exit(2);
  }
  start = pathToFileURL(folder + '/');
}
const how = served ? `served at ${start.href}` : `opened from disk (${start.href})`;
const WIDTH = 320;

const problems = []; // "where: what"
const problem = (where, what) => problems.push(`${where}: ${what}`);
const inSite = (u) => u.href.startsWith(start.href);
const name = (u) => decodeURIComponent(u.href.slice(start.href.length)) || 'index.html';
const isPage = (u) => u.pathname.endsWith('/') || u.pathname.endsWith('.html');

const browser = await launchChromium();
const context = await browser.newContext({ viewport: { width: WIDTH, height: 700 }, locale: 'zh-CN' });
const started = Date.now();

// Breadth-first over the pages, in the order links are found.
const queue = [new URL('index.html', start)];
const seen = new Set([queue[0].href]);
const files = new Set(); // non-page links, checked once each
let crawled = 0;
while (queue.length > 0) {
  const url = queue.shift();
  const where = name(url);
  const page = await context.newPage();
  const errors = [];
  page.on('requestfailed', (r) => errors.push(`${r.url()} failed (${r.failure()?.errorText})`));
  page.on('response', (r) => {
    if (r.status() >= 400) errors.push(`${r.url()} answered ${r.status()}`);
    // Stylesheets and scripts hold Chinese text: the server must say they are UTF-8.
    const type = r.headers()['content-type'] || '';
    if (served && /\.(css|js)$/.test(new URL(r.url()).pathname) && !/charset=utf-8/i.test(type)) {
      errors.push(`${r.url()} sent as ${type}, without charset=utf-8`);
    }
  });
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(`console: ${m.text()}`);
  });
  page.on('pageerror', (e) => errors.push(`script error: ${e.message}`));
  try {
    await page.goto(url.href, { waitUntil: 'load' });
  } catch (e) {
    problem(where, `does not load: ${e.message.split('\n')[0]}`);
    await page.close();
    continue;
  }
  crawled++;
  const seenHere = await page.evaluate(() => {
    const d = document.documentElement;
    const header = document.querySelector('.site-header');
    return {
      links: [...document.querySelectorAll('a[href]')].map((a) => a.href),
      sideways: d.scrollWidth - d.clientWidth,
      // The theme gives the header a background; unstyled it would be transparent.
      styled: header ? getComputedStyle(header).backgroundColor !== 'rgba(0, 0, 0, 0)' : false,
    };
  });
  for (const e of errors) problem(where, e);
  if (!seenHere.styled) problem(where, 'the stylesheet did not apply');
  if (seenHere.sideways > 0) problem(where, `scrolls sideways by ${seenHere.sideways} px at ${WIDTH} px wide`);
  for (const href of seenHere.links) {
    let link;
    try {
      link = new URL(href);
    } catch {
      continue;
    }
    link.hash = '';
    link.search = '';
    if (!inSite(link)) continue;
    if (isPage(link)) {
      if (!seen.has(link.href)) {
        seen.add(link.href);
        queue.push(link);
      }
    } else {
      files.add(link.href);
    }
  }
  await page.close();
}
if (crawled < 2) problem('index.html', 'no other page was reached from it');

// Data files linked from the pages: there, and (served) with the type that lets a
// browser show them as text in the right encoding.
const TYPES = { csv: ['text/csv'], json: ['application/json'], xml: ['application/xml', 'text/xml'], sha256: ['text/plain'] };
for (const href of [...files].sort()) {
  const u = new URL(href);
  const where = name(u);
  if (!served) {
    if (!existsSync(fileURLToPath(u))) problem(where, 'linked but missing');
    continue;
  }
  const res = await fetch(u, { method: 'HEAD' });
  if (res.status !== 200) {
    problem(where, `answered ${res.status}`);
    continue;
  }
  const ext = u.pathname.split('.').pop();
  const type = res.headers.get('content-type') || '';
  if (TYPES[ext] && !TYPES[ext].some((t) => type.startsWith(t))) problem(where, `sent as ${type}, not ${TYPES[ext].join(' or ')}`);
  if (TYPES[ext] && !/charset=utf-8/i.test(type)) problem(where, `sent as ${type}, without charset=utf-8`);
}

if (served) {
  // The server's own 404, which must be the site's page with its stylesheet.
  const missing = new URL('no-such-page/', start);
  const page = await context.newPage();
  const res = await page.goto(missing.href, { waitUntil: 'load' });
  const text = await page.textContent('h1').catch(() => '');
  const styled = await page.evaluate(() => {
    const h = document.querySelector('.site-header');
    return !!h && getComputedStyle(h).backgroundColor !== 'rgba(0, 0, 0, 0)';
  });
  if (res?.status() !== 404) problem('no-such-page/', `answered ${res?.status()}, not 404`);
  if (!text?.includes('未找到') || !styled) problem('no-such-page/', "is not the site's styled 404 page");
  await page.close();

  // A search, through the server's policy (WebAssembly must be allowed).
  const search = new URL('search/index.html', start);
  if (seen.has(search.href)) {
    const page = await context.newPage();
    const errors = [];
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    search.searchParams.set('q', '质押融资');
    await page.goto(search.href, { waitUntil: 'load' });
    const found = await page
      .waitForSelector('li.search-result', { timeout: 20000 })
      .then(() => page.$$eval('li.search-result', (r) => r.length))
      .catch(() => 0);
    if (found === 0) problem('search/', `质押融资 found nothing${errors.length ? `: ${errors.join('; ')}` : ''}`);
    else console.log(`portable: search for 质押融资 found ${found} page(s)`);
    await page.close();
  }

  // Printing: every plan page on A4 (186 mm between the margins is 703 CSS px).
  const plans = [...seen].filter((h) => /\/plans\/[^/]+\/(index\.html)?$/.test(h)).sort();
  const print = await browser.newContext({ viewport: { width: 703, height: 1000 }, locale: 'zh-CN' });
  mkdirSync(artifacts, { recursive: true });
  for (const href of plans) {
    const where = `${name(new URL(href))} (print)`;
    const page = await print.newPage();
    await page.emulateMedia({ media: 'print' });
    await page.goto(href, { waitUntil: 'load' });
    const seenHere = await page.evaluate(() => {
      const d = document.documentElement;
      const shown = (sel) => [...document.querySelectorAll(sel)].some((e) => getComputedStyle(e).display !== 'none' && e.getBoundingClientRect().height > 0);
      return {
        cut: [...document.querySelectorAll('main *')]
          .filter((e) => e.getBoundingClientRect().right > d.clientWidth + 1)
          .slice(0, 3)
          .map((e) => `<${e.tagName.toLowerCase()} class="${e.getAttribute('class') || ''}">`),
        metadata: shown('.disclosure'),
        navigation: shown('.site-header nav') || shown('.elder-label') || shown('.skip-link'),
      };
    });
    if (seenHere.cut.length) problem(where, `cut off at the right edge: ${seenHere.cut.join(', ')}`);
    if (!seenHere.metadata) problem(where, 'the metadata block does not print');
    if (seenHere.navigation) problem(where, "the site's navigation prints");
    if (href === plans[0]) {
      const pdf = join(artifacts, 'plan-print.pdf');
      await page.pdf({ path: pdf, format: 'A4', preferCSSPageSize: true });
      console.log(`portable: ${pdf}  (${name(new URL(href))}, printed)`);
    }
    await page.close();
  }
  await print.close();
  console.log(`portable: ${plans.length} plan page(s) printed on A4 and checked`);
}

await browser.close();
const secs = ((Date.now() - started) / 1000).toFixed(1);
for (const p of problems) console.log(`portable: ${p}`);
console.log(`portable: ${crawled} page(s) and ${files.size} data file(s) ${how}, ${WIDTH} px wide: ${problems.length} problem(s), ${secs} s`);
process.exit(problems.length ? 1 : 0);
