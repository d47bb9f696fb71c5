// Gate: layout on a phone and a desktop. Opens one page of every page type (and the
// plans with the widest tables) at 320, 375 and 1280 px wide in Debian's headless
// Chromium, served under the site's Content-Security-Policy, and on each:
//
//   - axe-core (WCAG 2.0/2.1 A and AA, plus scrollable-region-focusable named
//     explicitly) finds no violation at that width;
//   - the page does not scroll sideways;
//   - every value of every rendered table (each non-empty td, and th in tbody), every
//     chart (svg in main) and every chart label (its <text>) is either fully on the
//     screen or inside a box that scrolls sideways and that a keyboard can reach
//     (tabindex >= 0), that has a name and a role, and that shows a `.scroll-cue`
//     while it overflows. A value cut off by a box that hides overflow, or hidden
//     (display:none, visibility:hidden) while its table shows, fails (`.visually-hidden`
//     text is meant for screen readers and is left alone). A cell of class `no-value`
//     that holds no `.value` ("—", no value for that year) may be left out of a
//     phone's card layout.
//
// Before the site, the gate runs its self-test: small pages, each broken in one known
// way, written to a temporary folder and served by the same server. If the gate does
// not report each breakage (or reports anything on the page done right), it is blind,
// and fails.
//
//   node .ci/layout.mjs [output] [--base-path /zwgk/ghjh/]   self-test, then the site
//   node .ci/layout.mjs --self-test                          the self-test only
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { basePath, childPages, launchChromium, pagesByType, serveSite, siteDir, widestTables } from './lib/site.mjs';

const WIDTHS = [320, 375, 1280];
const HEIGHT = 800;
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
// Named on its own so that it runs even if axe-core moves it out of the tags above.
const RULE = 'scrollable-region-focusable';

const require = createRequire(import.meta.url);
const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

// The 适老化 switch on: every size is in rem, so the whole page grows by a quarter.
const elder = (page) => page.check('#site-elder', { timeout: 5000 });
// Page types checked in a state a reader puts them in, after the page has loaded.
const SETUP = {
  'search results': (page) => page.waitForSelector('li.search-result', { timeout: 20000 }),
  'indicator, sorted': (page) => page.locator('table.indicator-table thead th button.sort').last().click({ timeout: 5000 }),
  'plan, 大字模式': elder,
  // Text at 125 % is where a phone layout overflows first: the home page's cards and
  // every region page's tables are checked with it too.
  'home, 大字模式': elder,
  'region, 大字模式': elder,
};

/**
 * Runs in the page: every layout failure as { kind, where, text, what, detail } (a
 * scroll region's also with `problems`, the ways it falls short). Kept free of
 * outside names, as it is sent to the browser as source text.
 */
function probe() {
  const vw = document.documentElement.clientWidth;
  const out = [];
  const norm = (s) => (s || '').replace(/\s+/g, ' ').trim();
  const sel = (el) => {
    const parts = [];
    for (let e = el; e && e.nodeType === 1 && e !== document.documentElement; e = e.parentElement) {
      let s = e.tagName.toLowerCase();
      if (e.id) {
        parts.unshift(`${s}#${CSS.escape(e.id)}`);
        break;
      }
      s += [...e.classList].slice(0, 2).map((c) => '.' + CSS.escape(c)).join('');
      const same = e.parentElement ? [...e.parentElement.children].filter((x) => x.tagName === e.tagName) : [];
      if (same.length > 1) s += `:nth-of-type(${same.indexOf(e) + 1})`;
      parts.unshift(s);
      if (e.tagName === 'MAIN' || e.tagName === 'BODY') break;
    }
    return parts.join(' > ');
  };
  const shown = (el) => {
    const r = el.getBoundingClientRect();
    return el.checkVisibility({ visibilityProperty: true }) && r.width > 0 && r.height > 0;
  };
  // The box an element's overflow is clipped to: inside its borders.
  const clipBox = (a) => {
    const b = a.getBoundingClientRect();
    const left = b.left + a.clientLeft;
    const top = b.top + a.clientTop;
    return { left, right: left + a.clientWidth, top, bottom: top + a.clientHeight };
  };
  // Layout-internal table boxes and display:contents have no overflow of their own.
  const boxless = (cs) => cs.display === 'contents' || cs.display.startsWith('table-');

  const regionCache = new Map();
  // What keeps a scrolling box from being usable by everyone (empty when nothing does).
  const regionProblems = (a) => {
    if (regionCache.has(a)) return regionCache.get(a);
    const problems = [];
    if (a.tabIndex < 0) problems.push('region-not-focusable');
    const label = norm(a.getAttribute('aria-label'));
    const labelledBy = (a.getAttribute('aria-labelledby') || '')
      .split(/\s+/)
      .filter(Boolean)
      .map((id) => norm(document.getElementById(id)?.textContent))
      .join(' ')
      .trim();
    if (!label && !labelledBy) problems.push('region-unnamed');
    const role = (a.getAttribute('role') || '').trim();
    const implicit = { SECTION: 'region', FIGURE: 'figure' }[a.tagName];
    if (!['region', 'group', 'figure'].includes(role || implicit)) problems.push('region-no-role');
    const cues = [...a.querySelectorAll('.scroll-cue')];
    for (let s = a.previousElementSibling; s; s = s.previousElementSibling) if (s.classList.contains('scroll-cue')) cues.push(s);
    if (!cues.some(cueShown)) problems.push('region-no-cue');
    regionCache.set(a, problems);
    return problems;
  };
  // A cue a reader can see: drawn, not transparent, on the screen and not cut by any
  // box around it (nor hidden with clip, as .visually-hidden text is).
  function cueShown(c) {
    if (!c.checkVisibility({ visibilityProperty: true, opacityProperty: true })) return false;
    const r = c.getBoundingClientRect();
    if (r.width <= 1 || r.height <= 1 || r.left < -1 || r.right > vw + 1) return false;
    for (let e = c; e && e !== document.documentElement; e = e.parentElement) {
      const cs = getComputedStyle(e);
      if ((cs.clip !== 'auto' && cs.clip !== '') || cs.clipPath !== 'none') return false;
      if (e === c || boxless(cs) || (cs.overflowX === 'visible' && cs.overflowY === 'visible')) continue;
      const b = clipBox(e);
      if (r.left < b.left - 1 || r.right > b.right + 1 || r.bottom <= b.top || r.top >= b.bottom) return false;
    }
    return true;
  }

  // Where a value stands: seen as it is, reachable by scrolling boxes (returned, to
  // be checked), or lost (clipped or off the screen).
  const place = (el) => {
    const own = el.getBoundingClientRect();
    let r = { left: own.left, right: own.right };
    let inView = true;
    const needs = [];
    for (let a = el.parentElement; a && a !== document.body && a !== document.documentElement; a = a.parentElement) {
      const cs = getComputedStyle(a);
      if (boxless(cs) || cs.overflowX === 'visible') continue;
      const b = clipBox(a);
      const scrolls = (cs.overflowX === 'auto' || cs.overflowX === 'scroll') && a.scrollWidth > a.clientWidth + 1;
      if (!scrolls) {
        if (r.left < b.left - 1 || r.right > b.right + 1) return { lost: 'clipped', by: a, how: `overflow-x: ${cs.overflowX}` };
        continue;
      }
      const x0 = r.left - b.left + a.scrollLeft;
      const x1 = r.right - b.left + a.scrollLeft;
      if (x0 < -1 || x1 > a.scrollWidth + 1) return { lost: 'clipped', by: a, how: 'outside what its box scrolls to' };
      if (r.left < b.left - 1 || r.right > b.right + 1) {
        inView = false;
        needs.push(a);
      }
      const box = a.getBoundingClientRect();
      r = { left: box.left, right: box.right };
    }
    if (r.left < -1 || r.right > vw + 1) return { lost: 'offscreen' };
    return { inView, needs };
  };

  const check = (el, text, what) => {
    const where = sel(el);
    const p = place(el);
    if (p.lost === 'clipped') {
      out.push({ kind: 'clipped', where, text, what, detail: `cut off by ${sel(p.by)} (${p.how})` });
    } else if (p.lost === 'offscreen') {
      out.push({ kind: 'offscreen', where, text, what, detail: `outside the ${vw} px screen, in no box that scrolls` });
    } else if (!p.inView) {
      for (const a of p.needs) {
        const problems = regionProblems(a);
        if (problems.length) {
          const says = problems.map((k) => SAYS[k]).join(', ');
          out.push({ kind: 'region', problems, where, text, what, detail: `reached only by scrolling ${sel(a)}, which is ${says}` });
        }
      }
    }
  };
  const SAYS = {
    'region-not-focusable': 'not keyboard-focusable (no tabindex >= 0)',
    'region-unnamed': 'unnamed (no aria-label or aria-labelledby with text)',
    'region-no-role': 'without a role (region, group, figure)',
    'region-no-cue': 'without a visible .scroll-cue',
  };

  for (const table of document.querySelectorAll('table')) {
    if (!shown(table)) continue;
    for (const cell of table.querySelectorAll('td, tbody th')) {
      if (cell.closest('table') !== table) continue;
      const text = norm(cell.textContent);
      if (!text) continue;
      // A cell marked as having no value ("—", read as 无) may be left out of a
      // phone's card layout; one that holds a value may not, whatever its class.
      const noValue = cell.classList.contains('no-value') && !cell.querySelector('.value, .number');
      if (!shown(cell)) {
        if (noValue) continue;
        if (!cell.closest('.visually-hidden')) {
          out.push({ kind: 'hidden', where: sel(cell), text, detail: 'value hidden while its table shows' });
        }
        continue;
      }
      // Part of a value hidden (a unit, a note) is a value shown wrongly.
      for (const part of cell.querySelectorAll('*')) {
        if (part.closest('.visually-hidden') || !norm(part.textContent) || part.checkVisibility({ visibilityProperty: true })) continue;
        if (part.parentElement.checkVisibility({ visibilityProperty: true })) {
          out.push({ kind: 'hidden', where: sel(part), text: norm(part.textContent), detail: `part of the value "${text}" hidden` });
        }
      }
      const cs = getComputedStyle(cell);
      if (cs.overflowX !== 'visible' && cell.scrollWidth > cell.clientWidth + 1) {
        out.push({ kind: 'clipped', where: sel(cell), text, detail: `value wider than its cell (overflow-x: ${cs.overflowX})` });
      }
      check(cell, text, 'value');
    }
  }
  const main = document.querySelector('main') || document.body;
  for (const svg of main.querySelectorAll('svg')) {
    if (svg.parentElement.closest('svg') || !shown(svg)) continue;
    check(svg, norm(svg.getAttribute('aria-label') || svg.querySelector('title')?.textContent || ''), 'chart');
    for (const label of svg.querySelectorAll('text')) {
      const text = norm(label.textContent);
      if (text && shown(label)) check(label, text, 'chart label');
    }
  }
  const sideways = document.scrollingElement.scrollWidth - window.innerWidth;
  if (sideways > 0) {
    // What sticks out: the outermost elements past the right edge whose parent is not.
    const past = (e) => e.getBoundingClientRect().right > vw + 1;
    const culprits = [...document.body.querySelectorAll('*')].filter(
      (e) => past(e) && !past(e.parentElement) && e.getBoundingClientRect().width > 0,
    );
    const more = culprits.length > 1 ? ` (${culprits.length} elements stick out; the first is shown)` : '';
    const first = culprits[0];
    out.push({
      kind: 'sideways',
      where: first ? sel(first) : 'html',
      text: first ? norm(first.textContent).slice(0, 40) : '',
      what: first ? `sticks out ${Math.round(first.getBoundingClientRect().right - vw)} px` : '',
      detail: `the page scrolls sideways by ${sideways} px${more}`,
    });
  }
  return out;
}

const newContext = (browser, width) => browser.newContext({ viewport: { width, height: HEIGHT }, locale: 'zh-CN' });

/**
 * One page in a context (whose viewport gives the width): its failures (layout and
 * axe) and the time it took. A page whose setup changes what the site remembers
 * (the 大字模式) gets a context of its own, so the pages after it are not changed.
 */
async function checkPage(browser, { context, width }, url, setup) {
  const started = Date.now();
  const own = setup === elder ? await newContext(browser, width) : null;
  const page = await (own || context).newPage();
  const failures = [];
  const notes = [];
  try {
    const response = await page.goto(url, { waitUntil: 'load' }).catch((e) => e);
    if (response instanceof Error) {
      failures.push({ kind: 'load', where: '', text: '', detail: `does not load: ${response.message.split('\n')[0]}` });
      return { failures, notes, ms: Date.now() - started };
    }
    if (!response || !response.ok()) failures.push({ kind: 'load', where: '', text: '', detail: `answered ${response?.status()}` });
    if (setup) {
      try {
        await setup(page);
      } catch (e) {
        // Not a layout failure (at a phone's width the sort buttons may be in the
        // header the card layout hides): the page is checked as it opened.
        notes.push(`could not prepare the page, checked as it opened: ${e.message.split('\n')[0]}`);
      }
    }
    await page.evaluate(() => document.fonts.ready);
    failures.push(...(await page.evaluate(probe)));
    // page.evaluate goes through the debugging channel, outside the page's CSP.
    await page.evaluate(axeSource);
    const result = await page.evaluate(
      ([tags, rule]) =>
        window.axe.run(document, {
          runOnly: { type: 'tag', values: tags },
          rules: { [rule]: { enabled: true } },
          resultTypes: ['violations'],
        }),
      [TAGS, RULE],
    );
    const ran = ['violations', 'passes', 'incomplete', 'inapplicable'].some((k) => result[k].some((r) => r.id === RULE));
    if (!ran) failures.push({ kind: 'axe-setup', where: '', text: '', detail: `axe-core did not run ${RULE}` });
    for (const v of result.violations) {
      for (const node of v.nodes) {
        failures.push({
          kind: `axe:${v.id}`,
          where: node.target.map((t) => (Array.isArray(t) ? t.join(' >>> ') : t)).join(' | '),
          text: node.html.replace(/\s+/g, ' ').slice(0, 120),
          detail: `${v.help} (${node.impact || v.impact})`,
        });
      }
    }
  } finally {
    await page.close();
    if (own) await own.close();
  }
  return { failures, notes, ms: Date.now() - started };
}

/** Prints failures grouped by kind and what they share, each value on its own line. */
function report(name, width, failures) {
  const groups = new Map();
  for (const f of failures) {
    const key = `${f.kind}\u0000${f.detail}`;
    if (!groups.has(key)) groups.set(key, []);
    groups.get(key).push(f);
  }
  for (const list of groups.values()) {
    const { kind, detail } = list[0];
    console.log(`  FAIL ${name} @${width}px [${kind}] ${detail}: ${list.length}`);
    for (const f of list) if (f.where || f.text) console.log(`       ${f.what ? `${f.what}: ` : ''}${f.where}${f.text ? `  "${f.text}"` : ''}`);
  }
}

// Counts by kind; a scroll region's shortcomings are counted one by one.
const kinds = (f) => f.problems || [f.kind];
const tally = (failures) => {
  const byKind = {};
  for (const f of failures) for (const k of kinds(f)) byKind[k] = (byKind[k] || 0) + 1;
  return Object.entries(byKind)
    .map(([k, n]) => `${k} ${n}`)
    .join(', ');
};

// The self-test's pages: each (but the last) broken in one way the gate must catch.
const SELF_CSS = `
body { margin: 8px; font: 16px sans-serif; }
.wide-table { width: 2000px; border-collapse: collapse; }
.wide-table td, .wide-table th { border: 1px solid #555; padding: 4px; }
.plain { overflow-x: auto; }
.clip { overflow: hidden; width: 250px; }
.fixed { table-layout: fixed; width: 400px; }
.fixed td { width: 100px; }
.too-wide { width: 1600px; height: 10px; background: #ccc; }
.gone { display: none; }
.visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
.scroll { overflow-x: auto; }
.scroll-cue { margin: 0 0 4px; }
`;
const row = (n, f) => `<tr>${Array.from({ length: n }, (_, i) => f(i)).join('')}</tr>`;
const wideTable = `<table class="wide-table"><caption>年度目标</caption><thead>${row(8, (i) => `<th scope="col">第${i + 1}列</th>`)}</thead>
<tbody>${row(8, (i) => `<td>${2020 + i} 年 ${(i + 1) * 1234} 件</td>`)}${row(8, (i) => `<td>存量 ${i}</td>`)}</tbody></table>`;
const selfPage = (title, body) =>
  `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title><link rel="stylesheet" href="self.css"></head><body><main><h1>${title}</h1>${body}</main></body></html>`;
const SELF_PAGES = [
  {
    file: 'plain-overflow.html',
    what: '(i) a wide table in a plain overflow div without tabindex',
    expect: ['region-not-focusable', 'region-unnamed', 'region-no-cue', `axe:${RULE}`],
    html: selfPage('表格滚动框', `<div class="plain">${wideTable}</div>`),
  },
  {
    file: 'clipped.html',
    what: '(ii) a table whose last column overflow:hidden clips',
    expect: ['clipped'],
    html: selfPage(
      '被裁剪的表格',
      `<div class="clip"><table class="fixed"><thead>${row(4, (i) => `<th scope="col">列${i + 1}</th>`)}</thead>` +
        `<tbody>${row(4, (i) => `<td>值${i + 1}</td>`)}</tbody></table></div>`,
    ),
  },
  {
    file: 'wide-page.html',
    what: '(iii) a page wider than the screen',
    expect: ['sideways'],
    html: selfPage('过宽的页面', '<p>说明</p><div class="too-wide"></div>'),
  },
  {
    file: 'hidden-cell.html',
    what: '(iv) a value cell hidden with display:none',
    expect: ['hidden'],
    html: selfPage(
      '隐藏的值',
      `<table><thead><tr><th scope="col">指标</th><th scope="col">2025</th></tr></thead><tbody><tr><th scope="row">专利</th><td class="gone">12</td></tr>
<tr><th scope="row">商标</th><td>30<span class="visually-hidden">件</span></td></tr></tbody></table>`,
    ),
  },
  {
    file: 'wide-chart.html',
    what: '(v) a chart wider than the screen, in no scrolling box',
    expect: ['offscreen'],
    html: selfPage(
      '过宽的图表',
      '<svg width="1600" height="60" role="img" aria-label="示例图表"><rect x="0" y="0" width="1600" height="60" fill="#ccc"/><text x="1500" y="30">2027</text></svg>',
    ),
  },
  {
    file: 'hidden-cue.html',
    what: '(vi) a focusable, named region whose .scroll-cue is display:none',
    expect: ['region-no-cue'],
    html: selfPage(
      '看不见的提示',
      `<p class="scroll-cue gone">左右滑动查看全部列</p><div class="scroll" role="region" tabindex="0" aria-label="年度目标表">${wideTable}</div>`,
    ),
  },
  {
    file: 'good.html',
    what: 'the control: a wide table and chart done right (must pass)',
    expect: [],
    html: selfPage(
      '正确的表格',
      `<p class="scroll-cue" id="cue">左右滑动查看全部列</p><div class="scroll" role="region" tabindex="0" aria-labelledby="cap">
<p id="cap">年度目标表</p>${wideTable}</div>
<div class="scroll" role="region" tabindex="0" aria-label="示例图表"><p class="scroll-cue">左右滑动查看图表</p>
<svg width="1600" height="60" role="img" aria-label="示例图表"><rect x="0" y="0" width="1600" height="60" fill="#ccc"/><text x="1500" y="30">2027</text></svg></div>`,
    ),
  },
];

/** The gate against its own broken pages: true when it sees each breakage, and nothing on the control page. */
async function selfTest(browser) {
  const dir = mkdtempSync(join(tmpdir(), 'planpub-layout-'));
  let ok = true;
  try {
    writeFileSync(join(dir, 'self.css'), SELF_CSS);
    for (const p of SELF_PAGES) writeFileSync(join(dir, p.file), p.html);
    const server = await serveSite(dir, '/');
    const views = await Promise.all(WIDTHS.map(async (width) => ({ width, context: await newContext(browser, width) })));
    try {
      for (const p of SELF_PAGES) {
        const lines = [];
        for (const [i, width] of WIDTHS.entries()) {
          const { failures } = await checkPage(browser, views[i], server.url(p.file));
          const seen = new Set(failures.flatMap(kinds));
          const missed = p.expect.filter((k) => !seen.has(k));
          const wrong = p.expect.length === 0 && failures.length > 0;
          if (missed.length || wrong) {
            ok = false;
            lines.push(`@${width}px MISSED ${missed.join(', ') || `(the control page failed: ${tally(failures)})`}`);
            if (wrong) report(`self-test ${p.file}`, width, failures);
          } else {
            lines.push(`@${width}px ${p.expect.length ? `caught (${tally(failures)})` : 'clean'}`);
          }
        }
        console.log(`layout: self-test ${p.what}:\n    ${lines.join('\n    ')}`);
      }
    } finally {
      for (const v of views) await v.context.close();
      await server.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return ok;
}

/** The pages to check: one of every type, the plans with the widest tables, the 大字模式 on the widest. */
function sitePages(root) {
  const widest = widestTables(root, 'plans', 3);
  const pages = pagesByType(root).map(([type, p]) => [type, type === 'plan, 大字模式' && widest[0] ? widest[0] : p]);
  const plain = (p) => pages.some(([type, q]) => q === p && !SETUP[type]);
  widest.forEach((p, i) => {
    if (!plain(p)) pages.push([`plan (widest tables, #${i + 1})`, p]);
  });
  pages.push(['home, 大字模式', 'index.html']);
  for (const p of childPages(root, 'regions')) pages.push(['region, 大字模式', p]);
  if (process.argv.includes('--all-plans')) {
    for (const p of childPages(root, 'plans')) if (!plain(p)) pages.push(['plan', p]);
  }
  return pages;
}

const argv = process.argv.slice(2);
const started = Date.now();
const browser = await launchChromium();
let status = 0;
try {
  const selfOk = await selfTest(browser);
  console.log(`layout: self-test ${selfOk ? 'passed: the gate sees each breakage' : 'FAILED: the gate is blind to a breakage'}`);
  if (!selfOk) status = 1;
  if (!argv.includes('--self-test')) {
    const root = siteDir(argv);
    if (!existsSync(join(root, 'index.html'))) {
      console.error(`layout: ${root}/index.html does not exist; build the site first`);
      process.exit(2);
    }
    const server = await serveSite(root, basePath(argv));
    const views = await Promise.all(WIDTHS.map(async (width) => ({ width, context: await newContext(browser, width) })));
    const counts = []; // [type, width, failures]
    try {
      for (const [type, path] of sitePages(root)) {
        if (!path) {
          console.log(`layout: no page of type "${type}"; skipped`);
          continue;
        }
        for (const view of views) {
          const { width } = view;
          const { failures, notes, ms } = await checkPage(browser, view, server.url(path), SETUP[type]);
          counts.push([type, width, failures]);
          const verdict = failures.length ? `${failures.length} failure(s): ${tally(failures)}` : 'ok';
          console.log(`layout: ${type.padEnd(26)} @${String(width).padEnd(4)} ${path}  ${verdict}  (${ms} ms)`);
          for (const n of notes) console.log(`  note: ${n}`);
          report(path, width, failures);
        }
      }
    } finally {
      for (const v of views) await v.context.close();
      await server.close();
    }
    const total = counts.reduce((n, [, , f]) => n + f.length, 0);
    const pages = new Set(counts.map(([t]) => t)).size;
    const bad = counts.filter(([, , f]) => f.length);
    if (bad.length) {
      console.log('\nlayout: failures by page type and width:');
      for (const [type, width, f] of bad) console.log(`  ${type.padEnd(26)} @${String(width).padEnd(4)} ${f.length}: ${tally(f)}`);
    }
    console.log(
      `\nlayout: ${pages} page type(s) x ${WIDTHS.join('/')} px: ${total} failure(s) on ${bad.length} of ${counts.length} page view(s)`,
    );
    if (total) status = 1;
  }
} finally {
  await browser.close();
}
console.log(`layout: ${((Date.now() - started) / 1000).toFixed(1)} s`);
process.exit(status);
