// Gate: accessibility. Opens one page of every page type of the built site in
// Debian's headless Chromium (through playwright-core), injects axe-core and runs
// the WCAG 2.0/2.1 A and AA rules. Any violation fails the gate, and so does
// anything the browser refuses or cannot load on those pages: the site is served
// with `Content-Security-Policy: default-src 'self'`, as it must work under it.
//
//   node .ci/a11y.mjs [output] [--base-path /zwgk/ghjh/] [--all] [--review]
//
// --all checks every HTML page instead of one per type (slower); --review prints
// each node axe-core could not decide ("needs review"), which never fails the gate.
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basePath, launchChromium, pagesByType, serveSite, siteDir, walk } from './lib/site.mjs';

const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

// Page types checked in a state a reader puts them in, after the page has loaded.
const SETUP = {
  // Pagefind's results, as a reader sees them after searching.
  'search results': (page) => page.waitForSelector('li.search-result', { timeout: 20000 }),
  // A comparison table sorted by its last column: the sort buttons and aria-sort.
  'indicator, sorted': (page) => page.locator('table.indicator-table thead th button.sort').last().click(),
  // The 适老化 switch on: larger text and higher contrast must still pass.
  'plan, 大字模式': (page) => page.check('#site-elder'),
};
const argv = process.argv.slice(2);
const root = siteDir(argv);
const base = basePath(argv);

if (!existsSync(root)) {
  console.error(`a11y: ${root} does not exist; build the site first`);
  process.exit(2);
}

const require = createRequire(import.meta.url);
const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const axeVersion = require('axe-core/package.json').version;

let pages;
if (argv.includes('--all')) {
  pages = walk(root)
    .filter((p) => p.endsWith('.html'))
    .map((p) => [p, p]);
} else {
  pages = pagesByType(root);
}
const missing = pages.filter(([, p]) => !p);
for (const [type] of missing) console.log(`a11y: no page of type "${type}" in ${root}; skipped`);
pages = pages.filter(([, p]) => p);

const server = await serveSite(root, base);
const browser = await launchChromium();
const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'zh-CN' });

const violations = []; // { rule, impact, help, helpUrl, page, target, html, summary }
const browserErrors = []; // { page, message }
const review = new Map(); // rule -> Set(page), axe's "needs review" (not failing)
const started = Date.now();

for (const [type, path] of pages) {
  const page = await context.newPage();
  const errors = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error') errors.push(`console: ${msg.text()}`);
  });
  page.on('pageerror', (err) => errors.push(`script error: ${err.message}`));
  page.on('requestfailed', (req) => errors.push(`request failed: ${req.url()} (${req.failure()?.errorText})`));
  page.on('response', (res) => {
    // 404.html is itself served with status 404 when asked for a missing page;
    // asked for by name it is 200, so any status >= 400 here is a broken resource.
    if (res.status() >= 400) errors.push(`HTTP ${res.status()}: ${res.url()}`);
  });
  const url = server.url(path);
  const response = await page.goto(url, { waitUntil: 'load' });
  if (!response || !response.ok()) errors.push(`the page itself answered ${response?.status()}`);
  if (SETUP[type]) {
    try {
      await SETUP[type](page);
    } catch (e) {
      errors.push(`could not prepare the page: ${e.message.split('\n')[0]}`);
    }
  }
  await page.evaluate(() => document.fonts.ready);
  // page.evaluate runs outside the page's CSP, so axe-core needs no inline script.
  await page.evaluate(axeSource);
  const result = await page.evaluate(
    (tags) => window.axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations', 'incomplete'] }),
    TAGS,
  );
  let count = 0;
  for (const v of result.violations) {
    for (const node of v.nodes) {
      count++;
      violations.push({
        rule: v.id,
        impact: node.impact || v.impact,
        help: v.help,
        helpUrl: v.helpUrl,
        page: path,
        target: node.target.map((t) => (Array.isArray(t) ? t.join(' >>> ') : t)).join(' | '),
        html: node.html.replace(/\s+/g, ' ').slice(0, 200),
        summary: (node.failureSummary || '').replace(/\s+/g, ' ').trim(),
      });
    }
  }
  for (const v of result.incomplete) {
    if (!review.has(v.id)) review.set(v.id, new Set());
    review.get(v.id).add(path);
    if (argv.includes('--review')) {
      for (const node of v.nodes) {
        const why = (node.any[0] || node.all[0] || node.none[0] || {}).message || '';
        console.log(`  review ${v.id}: ${node.target.join(' | ')} — ${why}`);
      }
    }
  }
  for (const message of errors) browserErrors.push({ page: path, message });
  console.log(
    `a11y: ${type.padEnd(22)} ${path}  ${count} violation(s)${errors.length ? `, ${errors.length} browser error(s)` : ''}`,
  );
  await page.close();
}

await browser.close();
await server.close();

// Grouped by rule, then page, so one fix in a template can be seen to cover many nodes.
const byRule = new Map();
for (const v of violations) {
  if (!byRule.has(v.rule)) byRule.set(v.rule, []);
  byRule.get(v.rule).push(v);
}
for (const [rule, list] of byRule) {
  const { impact, help, helpUrl } = list[0];
  console.log(`\nVIOLATION ${rule} (${impact}): ${help}\n  ${helpUrl}`);
  for (const v of list) {
    console.log(`  - page ${v.page}\n    target ${v.target}\n    html   ${v.html}`);
    if (v.summary) console.log(`    why    ${v.summary}`);
  }
}
// The browser's own refusals (CSP) and failed loads, grouped by message.
const byMessage = new Map();
for (const e of browserErrors) {
  const key = e.message.replace(/http:\/\/127\.0\.0\.1:\d+/g, '');
  if (!byMessage.has(key)) byMessage.set(key, new Set());
  byMessage.get(key).add(e.page);
}
for (const [message, set] of byMessage) console.log(`\nBROWSER ${message}\n  on ${[...set].join(', ')}`);
if (review.size) {
  console.log('\naxe "needs review" (not failing; check by hand):');
  for (const [rule, set] of review) console.log(`  ${rule}: ${[...set].join(', ')}`);
}

const secs = ((Date.now() - started) / 1000).toFixed(1);
console.log(
  `\na11y: axe-core ${axeVersion}, tags ${TAGS.join(',')}: ${pages.length} page(s), ` +
    `${violations.length} violation(s) in ${byRule.size} rule(s), ${browserErrors.length} browser error(s), ${secs} s`,
);
process.exit(violations.length || browserErrors.length ? 1 : 0);
