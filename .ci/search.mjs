// Gate: the site's own search page (search/index.html with search.js and the index under
// search-index/), in Debian's headless Chromium, served under a sub-path with the
// site's Content-Security-Policy. A reader's way in: the query is typed into the box
// and sent with Enter, and "显示更多结果" is clicked until every result is shown.
//   1. Every query of tests/search-queries.json meets its expectations (top, first,
//      also, not_first, only; read as tests/search_queries.rs reads them).
//   2. The browser's ranked list is planpub's own (`planpub search Q --json`): the same
//      pages in the same order, for every query and every filter below.
//   3. Every <mark> in titles, excerpts and section links is a whole query word (its
//      letters and digits equal a word's), never a fragment; no excerpt holds ". "
//      after a Han character (text glued from two blocks).
//   4. Result titles link to pages the server has; section links to an element with
//      that id on their page.
//   5. Filters: kind=plan and region=dazu from the address narrow the results and show
//      in the form; ticking 指标, or choosing a region after 按地区筛选, narrows the
//      results and writes the choice into the address.
//   6. A word found nowhere (火星) says so and lists nothing; without JavaScript the page
//      offers the lists to browse and hides the form.
//   7. What each search fetches (search.js and search-index/): a table at the end; a
//      two-character query over 300 KB fails.
// Any CSP refusal, console error or script error fails the gate too.
//
//   node .ci/search.mjs [output] [--base-path /zwgk/ghjh/]   (after `cargo run --release -- build`)
// planpub's binary: $PLANPUB, else target/release/planpub (under $CARGO_TARGET_DIR if set).
// Exit code 0: passed; 1: problems, one line each; 2: could not run.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { basePath, launchChromium, serveSite, siteDir } from './lib/site.mjs';

const repo = join(dirname(fileURLToPath(import.meta.url)), '..');
const argv = process.argv.slice(2);
const root = siteDir(argv);
// The bundled site's base_url names a sub-path; a site at a host's root is still
// served under one here, so that a link that only works at the root fails.
const base = basePath(argv) === '/' ? '/zwgk/ghjh/' : basePath(argv);
const planpub =
  process.env.PLANPUB ||
  [process.env.CARGO_TARGET_DIR, join(repo, 'target')]
    .filter(Boolean)
    .map((t) => join(t, 'release', 'planpub'))
    .find((p) => existsSync(p));
const PAGE_SIZE = 10;
const MAX_BYTES = 300 * 1000;
const cannot = (why) => {
  console.error(`search: cannot run: ${why}`);
  process.exit(2);
};
for (const f of ['search/index.html', 'search.js', 'search-index/meta.json']) {
  if (!existsSync(join(root, f))) cannot(`${join(root, f)} is missing; build the site first`);
}
if (!planpub) cannot('no planpub binary: set PLANPUB or run cargo build --release');
const queries = JSON.parse(readFileSync(join(repo, 'tests/search-queries.json'), 'utf8')).queries;

const problems = [];
const fail = (what) => {
  problems.push(what);
  console.log(`search: FAIL ${what}`);
};

/** A result's address as the query list writes it (as search_queries.rs's `address`). */
function address(url) {
  const path = url.endsWith('index.html') ? url.slice(0, -'index.html'.length) : url;
  let decoded = path;
  try {
    decoded = decodeURIComponent(path);
  } catch {}
  return decoded || '/';
}

/** planpub's own ranking of `q`, as addresses. */
function rustRanking(q, { kind, region } = {}) {
  const args = ['search', q, '--output', root, '--json'];
  if (kind) args.push('--kind', kind);
  if (region) args.push('--region', region);
  const out = execFileSync(planpub, args, { encoding: 'utf8', maxBuffer: 64 << 20 });
  return JSON.parse(out).results.map((r) => address(r.url));
}

/** What is wrong with `got` (addresses in order) for one entry of the query list. */
function expectations(query, got) {
  const wrong = [];
  const rank = (p) => got.indexOf(p);
  for (const p of query.top ? query.want || [] : []) {
    const r = rank(p);
    if (r < 0) wrong.push(`${p} not found, wanted in the first ${query.top}`);
    else if (r >= query.top) wrong.push(`${p} is ${r + 1}th, wanted in the first ${query.top}`);
  }
  if (query.first && got[0] !== query.first) {
    wrong.push(`${query.first} should be first; it is ${rank(query.first) < 0 ? 'not found' : `${rank(query.first) + 1}th`}`);
  }
  for (const p of query.also || []) if (rank(p) < 0) wrong.push(`${p} not found`);
  for (const p of query.not_first || []) if (got[0] === p) wrong.push(`${p} must not be first`);
  if (query.only) {
    // As the Rust test: with "first", the first result is allowed too.
    const allowed = new Set([...(query.want || []), ...(query.also || []), ...(query.first && got.length ? [got[0]] : [])]);
    for (const p of got) if (!allowed.has(p)) wrong.push(`${p} found, but only the pages listed should be`);
  }
  return wrong;
}

/** The first place two rankings differ, or null. */
function difference(browser, rust) {
  for (let i = 0; i < Math.max(browser.length, rust.length); i++) {
    if (browser[i] !== rust[i]) {
      return `differs from planpub search at #${i + 1}: browser ${browser[i] ?? '(end)'}, planpub ${rust[i] ?? '(end)'} (${browser.length} vs ${rust.length} results)`;
    }
  }
  return null;
}

/** Text with all but letters and digits dropped, as a <mark> and a query word are compared. */
const letters = (s) => s.normalize('NFKC').toLowerCase().replace(/[^\p{L}\p{N}]/gu, '');

/** The words of a query (as search.js parses it: a quoted phrase is one word, other
 * words are split at spaces), each as `letters`. */
function queryWords(q) {
  const closers = { '"': '"', '“': '”', '「': '」', '『': '』' };
  const words = [];
  let current = '';
  let closing = null;
  const flush = () => {
    words.push(letters(current));
    current = '';
  };
  for (const c of q) {
    if (closing) {
      if (c !== closing) current += c;
      else {
        flush();
        closing = null;
      }
    } else if (closers[c] || /\s/.test(c)) {
      flush();
      closing = closers[c] || null;
    } else current += c;
  }
  flush();
  return words.filter(Boolean);
}

const server = await serveSite(root, base);
const browser = await launchChromium().catch((e) => cannot(e.message));
const searchUrl = (params = '') => server.url(`search/index.html${params}`);

/** A fresh context and search page (nothing cached), recording what the browser
 * refuses or reports, and the bytes of search.js and the index files it fetches. */
async function openPage(label, options = {}) {
  const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1280, height: 900 }, ...options });
  const seen = { files: 0, bytes: 0, errors: [] };
  const record = (what) => seen.errors.push(what);
  await context.exposeBinding('__cspViolation', (_, what) => record(`CSP refused ${what}`));
  await context.addInitScript(() =>
    document.addEventListener('securitypolicyviolation', (e) =>
      window.__cspViolation(`${e.violatedDirective} ${e.blockedURI || '(inline)'}`),
    ),
  );
  const page = await context.newPage();
  page.on('pageerror', (e) => record(`script error: ${e.message}`));
  page.on('console', (m) => m.type() === 'error' && record(`console error: ${m.text().slice(0, 300)}`));
  page.on('response', (r) => {
    const path = decodeURIComponent(new URL(r.url()).pathname);
    if (r.status() !== 200 || !path.startsWith(base)) return;
    const rel = path.slice(base.length);
    if (rel === 'search.js' || rel.startsWith('search-index/')) {
      seen.files++;
      seen.bytes += statSync(join(root, rel)).size;
    }
  });
  const close = async () => {
    await context.close();
    for (const e of seen.errors) fail(`${label}: ${e}`);
  };
  return { page, seen, close };
}

/** Waits for the search to end, shows every result (calling `firstScreen` once the
 * first ones are in), and returns what the page shows. The page clears its list and
 * status as soon as a search starts, so a finished status is this search's. */
async function results(page, firstScreen = () => {}) {
  const status = page.locator('#search-status');
  await page.waitForFunction(
    () => /^(找到 \d+ 个结果|没有找到|搜索索引无法读取)/.test(document.getElementById('search-status').textContent),
    null,
    { timeout: 20000 },
  );
  const text = await status.textContent();
  const total = Number((text.match(/^找到 (\d+) 个结果/) || [0, 0])[1]);
  const count = () => page.locator('li.search-result').count();
  const waitFor = (n) =>
    page.waitForFunction((n) => document.querySelectorAll('li.search-result').length >= n, n, { timeout: 20000 });
  await waitFor(Math.min(total, PAGE_SIZE));
  firstScreen();
  while ((await count()) < total) {
    const shown = await count();
    if (!(await page.locator('#search-more').isVisible())) throw new Error(`${shown} of ${total} shown and no 显示更多结果`);
    await page.locator('#search-more').click();
    await waitFor(shown + 1);
  }
  return {
    status: text,
    total,
    items: await page.$$eval('li.search-result', (lis) =>
      lis.map((li) => ({
        url: li.dataset.url,
        href: li.querySelector('h2 a')?.href ?? null,
        marks: [...li.querySelectorAll('h2 a mark, .search-result-excerpt mark, .search-result-sections mark')].map((m) => m.textContent),
        excerpts: [...li.querySelectorAll('.search-result-excerpt, .search-result-sections p')].map((p) => p.textContent),
        sections: [...li.querySelectorAll('.search-result-sections a')].map((a) => a.href),
      })),
    ),
  };
}

// Pages fetched through the server, once each: status and HTML.
const fetched = new Map();
async function fetchPage(href) {
  const url = href.split('#')[0];
  if (!fetched.has(url)) {
    fetched.set(url, fetch(url).then(async (r) => ({ status: r.status, html: await r.text() })));
  }
  return fetched.get(url);
}
const escapeHtml = (s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

// How much checks 2–4 saw, printed at the end so that a pass is not an empty one.
const checked = { results: 0, marks: 0, excerpts: 0, sections: 0 };

/** Checks 2–4 on what one search showed; `rust` is planpub's ranking of the same. */
async function checkShown(label, q, shown, rust) {
  const got = shown.items.map((i) => address(i.url));
  const diff = difference(got, rust);
  if (diff) fail(`${label}: ${diff}`);
  if (got.length !== shown.total) fail(`${label}: the status says ${shown.total} results, the list shows ${got.length}`);
  const words = queryWords(q);
  // One line per kind of fault and query: fault → [first example, how many results].
  const faults = new Map();
  const fault = (kind, example) => {
    const [first, n] = faults.get(kind) || [example, 0];
    faults.set(kind, [first, n + 1]);
  };
  for (const item of shown.items) {
    const at = address(item.url);
    checked.results++;
    checked.marks += item.marks.length;
    checked.excerpts += item.excerpts.length;
    checked.sections += item.sections.length;
    const fragments = [...new Set(item.marks.filter((m) => !words.includes(letters(m))))];
    if (fragments.length) fault(`marks what is not a whole query word (${words.join(' ')})`, `「${fragments.join('」「')}」 in ${at}`);
    const glued = item.excerpts.map((e) => e.match(/.{0,12}[\u4e00-\u9fff]\. .{0,12}/)).find(Boolean);
    if (glued) fault('an excerpt has ". " after a Han character', `…${glued[0]}… in ${at}`);
    const title = item.href ? (await fetchPage(item.href)).status : 'no h2 a';
    if (title !== 200) fault('a title link leads nowhere', `${item.href} (${title}) for ${at}`);
    for (const href of item.sections) {
      const id = decodeURIComponent(new URL(href).hash.slice(1));
      const { status, html } = await fetchPage(href);
      if (!id || status !== 200 || !(html.includes(`id="${id}"`) || html.includes(`id="${escapeHtml(id)}"`))) {
        fault('a section link leads to no element with its id', `${href} (${status})`);
      }
    }
  }
  for (const [kind, [example, n]] of faults) fail(`${label}: ${kind}, in ${n} result(s); e.g. ${example}`);
  return got;
}

const table = [];
try {
  // The gate's own check: the policy is sent and a refusal is seen.
  {
    const { page, seen, close } = await openPage('self-test');
    await page.goto(searchUrl());
    await page.evaluate(() => {
      const s = document.createElement('script');
      s.textContent = 'window.inlineRan = true';
      document.body.append(s);
    });
    await page.waitForTimeout(200);
    const ran = await page.evaluate(() => window.inlineRan === true);
    const refused = seen.errors.some((e) => e.startsWith('CSP refused'));
    seen.errors.length = 0;
    if (ran || !refused) fail(`self-test: an inline script ${ran ? 'ran' : 'was refused unseen'} under the policy`);
    await close();
  }

  // 1–4 and 7: every query of the list, typed.
  for (const query of queries) {
    const { q } = query;
    const { page, seen, close } = await openPage(q);
    try {
      await page.goto(searchUrl());
      await page.fill('#search-q', q);
      await page.press('#search-q', 'Enter');
      let firstScreen;
      const shown = await results(page, () => (firstScreen = { ...seen }));
      const got = await checkShown(q, q, shown, rustRanking(q));
      const wrong = expectations(query, got);
      if (wrong.length) fail(`${q}: ${wrong.join('; ')}\n    first results: ${got.slice(0, 5).join(', ')}`);
      const inAddress = await page.evaluate(() => new URLSearchParams(location.search).get('q'));
      if (inAddress !== q.trim()) fail(`${q}: the address says q=${inAddress}`);
      if (shown.total === 0 && !/没有找到/.test(shown.status)) fail(`${q}: no results, and the status says "${shown.status}"`);
      table.push({ q, total: shown.total, files: firstScreen.files, bytes: firstScreen.bytes, allFiles: seen.files, allBytes: seen.bytes });
      console.log(`search: ${q}: ${shown.total} results${wrong.length ? '' : ', as expected'}`);
    } catch (e) {
      fail(`${q}: ${e.message.split('\n')[0]}`);
    }
    await close();
  }

  // 5. Filters, from the address and from the form.
  const filtered = async (label, params, act, expect) => {
    const { page, close } = await openPage(label);
    try {
      await page.goto(searchUrl(params));
      await expect(page, await results(page));
      if (act) await act(page);
      console.log(`search: filter ${label} checked`);
    } catch (e) {
      fail(`${label}: ${e.message.split('\n')[0]}`);
    }
    await close();
  };
  const Q = '知识产权';
  await filtered('kind=plan', `?q=${encodeURIComponent(Q)}&kind=plan`,
    async (page) => {
      await page.check('input[name=kind][value=indicator]');
      const shown = await results(page);
      const search = await page.evaluate(() => location.search);
      const kinds = new URLSearchParams(search).getAll('kind');
      if (!kinds.includes('indicator') || !kinds.includes('plan')) fail(`kind=plan, then 指标 ticked: the address is ${decodeURIComponent(search)}`);
      const got = await checkShown('kind=plan,indicator', Q, shown, rustRanking(Q, { kind: 'plan,indicator' }));
      if (!got.some((a) => a.startsWith('indicators/'))) fail('kind=plan, then 指标 ticked: no indicator among the results');
      if (got.some((a) => !/^(plans|indicators)\//.test(a))) fail('kind=plan, then 指标 ticked: a result is neither plan nor indicator');
    },
    async (page, shown) => {
      const got = await checkShown('kind=plan', Q, shown, rustRanking(Q, { kind: 'plan' }));
      if (!got.length || got.some((a) => !a.startsWith('plans/'))) fail(`kind=plan: results are not all plans: ${got.join(', ')}`);
      if (!(await page.isChecked('input[name=kind][value=plan]'))) fail('kind=plan: the 规划文件 box is not ticked');
    });
  await filtered('region=dazu', `?q=${encodeURIComponent(Q)}&region=dazu`, null, async (page, shown) => {
    const got = await checkShown('region=dazu', Q, shown, rustRanking(Q, { region: 'dazu' }));
    const outside = got.filter((a) => !a.includes('dazu'));
    if (!got.length || outside.length) fail(`region=dazu: results outside Dazu: ${outside.join(', ') || '(none found)'}`);
    const chosen = await page.locator('select#search-region').inputValue().catch(() => '(no select)');
    if (chosen !== 'dazu') fail(`region=dazu: the region list shows "${chosen}"`);
  });
  await filtered('region chosen', `?q=${encodeURIComponent(Q)}`,
    async (page) => {
      await page.getByRole('button', { name: '按地区筛选' }).click();
      await page.selectOption('select#search-region', 'jiangjin');
      const shown = await results(page);
      const params = await page.evaluate(() => location.search);
      if (new URLSearchParams(params).get('region') !== 'jiangjin') fail(`region chosen: the address is ${decodeURIComponent(params)}`);
      const got = await checkShown('region=jiangjin', Q, shown, rustRanking(Q, { region: 'jiangjin' }));
      if (!got.length || got.some((a) => !a.includes('jiangjin'))) fail(`region chosen: results outside Jiangjin: ${got.join(', ')}`);
    },
    async (page, shown) => {
      await checkShown(Q, Q, shown, rustRanking(Q));
    });

  // 6. Without JavaScript.
  {
    const { page, close } = await openPage('no JavaScript', { javaScriptEnabled: false });
    await page.goto(searchUrl());
    const browse = await page.locator('#search-browse').isVisible();
    const links = await page.$$eval('#search-browse a', (as) => as.map((a) => a.getAttribute('href')));
    const form = await page.locator('#search').isVisible();
    const lists = ['plans/index.html', 'regions/index.html', 'indicators/index.html'];
    if (!browse || form || !lists.every((l) => links.some((h) => h.endsWith(l)))) {
      fail(`no JavaScript: browse box ${browse ? 'shown' : 'hidden'}, form ${form ? 'shown' : 'hidden'}, links ${links.join(', ')}`);
    }
    await close();
  }
} finally {
  await browser.close();
  await server.close();
}

// 7. What each search fetched: the first screen (what a reader waits for) and
// everything after 显示更多结果 was clicked to the end.
const kb = (n) => (n / 1000).toFixed(1).padStart(7);
console.log('\nsearch: bytes fetched (search.js + search-index/), first 10 results | all results');
console.log(`${'query'.padEnd(30)} results  files  KB first | files  KB all`);
for (const r of table) {
  const width = 30 - [...r.q].filter((c) => c.codePointAt(0) > 0x2e80).length;
  console.log(`${r.q.padEnd(Math.max(width, 1))} ${String(r.total).padStart(7)} ${String(r.files).padStart(6)} ${kb(r.bytes)}   | ${String(r.allFiles).padStart(5)} ${kb(r.allBytes)}`);
  if ([...letters(r.q)].length === 2 && r.bytes > MAX_BYTES) fail(`${r.q}: a two-character query fetches ${kb(r.bytes).trim()} KB, over ${MAX_BYTES / 1000} KB`);
}

console.log(
  `\nsearch: checked ${checked.results} results: ${checked.marks} marks, ${checked.excerpts} excerpts, ${checked.sections} section links`,
);
if (problems.length) {
  console.log(`\nsearch: ${problems.length} problem(s):\n  ${problems.join('\n  ')}`);
  process.exit(1);
}
console.log(`\nsearch: passed (${queries.length} queries, filters, no-JavaScript page)`);
