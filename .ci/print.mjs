// Gate: every plan printed on A4, read back from the PDF. Chromium (through
// playwright-core, the site served by .ci/lib/site.mjs under its CSP) prints each
// plan page with the print stylesheet to an A4 PDF; poppler's pdftotext reads the
// text back, one PDF page at a time, and for every table the page's DOM showed:
//
//   (i)   headers: on every PDF page where any of the table's body rows is printed,
//         every header text of its <thead> is printed too (the repeated header row
//         carries its text, not just its borders);
//   (ii)  values: every value cell's text (td, th in tbody) is somewhere in the PDF,
//         whitespace removed so that a wrapped cell still matches; text that lands
//         outside the paper is dropped by pdftotext, so a table cut off at the right
//         edge loses its values here;
//   (iii) the 类型 column (存量, 增量, 预期性, …), and any value cell that is one word of
//         two to four CJK characters (未注明): no such value stands one character a
//         line (see splitValues for how that is read from the layout).
//
// Rows and headers are found with `pdftotext -raw` (the order Chromium paints in: a
// cell's lines stay together) as well as `-layout` (which sets the columns of a row
// side by side, so a wrapped cell is interleaved with its neighbours); a text counts
// as present if either has it. The 类型 check reads `-layout`, where positions count.
// The first plan's PDF and a 60 dpi PNG of each of its pages are kept in
// .ci/artifacts/print/ for a person to look at, with the PDF of every plan that fails.
//
// A self-test runs first: pages printed wrong in each of the three ways above must be
// caught, and a table printed right must pass; otherwise the gate is blind and fails.
//
//   node .ci/print.mjs [output] [--out .ci/artifacts/print] [--base-path /zwgk/ghjh/]
//   node .ci/print.mjs --self-test
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { basePath, childPages, launchChromium, serveSite, siteDir } from './lib/site.mjs';

const argv = process.argv.slice(2);
const outAt = argv.indexOf('--out');
const artifacts = resolve(outAt >= 0 ? argv[outAt + 1] : '.ci/artifacts/print');

for (const tool of ['pdftotext', 'pdftoppm']) {
  try {
    execFileSync(tool, ['-v'], { stdio: 'ignore' });
  } catch {
    console.error(`print: ${tool} not found; install Debian's poppler-utils package`);
    process.exit(2);
  }
}

/**
 * Runs in the page (print media): every table that prints, as its header texts, its
 * body rows' cell texts, and the values of its 类型 column. Text is what prints:
 * .visually-hidden text and hidden elements are left out.
 */
function tablesOf() {
  const norm = (s) => s.replace(/\s+/g, ' ').trim();
  const printed = (node) => {
    if (node.nodeType === Node.TEXT_NODE) return node.textContent;
    if (node.nodeType !== Node.ELEMENT_NODE) return '';
    if (node.classList.contains('visually-hidden') || !node.checkVisibility({ visibilityProperty: true })) return '';
    return [...node.childNodes].map(printed).join('');
  };
  const sel = (el) => {
    const i = [...document.querySelectorAll('table')].indexOf(el) + 1;
    const caption = el.querySelector('caption');
    return `table #${i}${el.id ? ` (#${el.id})` : ''}${caption ? ` "${norm(caption.textContent).slice(0, 40)}"` : ''}`;
  };
  const out = [];
  for (const table of document.querySelectorAll('main table')) {
    if (!table.checkVisibility() || table.getBoundingClientRect().height === 0) continue;
    const own = (cells) => [...cells].filter((c) => c.closest('table') === table);
    const heads = own(table.querySelectorAll('thead th'));
    const headers = heads.map((th) => norm(printed(th))).filter(Boolean);
    const typeAt = heads.findIndex((th) => /^类型$/.test(norm(printed(th))));
    const rows = [];
    const types = [];
    const shorts = []; // [value, its column's header]: cells that are one short CJK word
    for (const tr of own(table.querySelectorAll('tbody tr, tfoot tr'))) {
      const cells = [...tr.cells].map((c) => norm(printed(c)));
      if (cells.some(Boolean)) rows.push(cells);
      // Each cell's column by the header it stands under (column spans counted).
      let col = 0;
      [...tr.cells].forEach((c, i) => {
        if (col === typeAt && tr.closest('tbody') && cells[i]) types.push(cells[i]);
        if (/^[\u3400-\u9fff]{2,4}$/u.test(cells[i])) shorts.push([cells[i], heads[col] ? norm(printed(heads[col])) : `column ${col + 1}`]);
        col += c.colSpan;
      });
    }
    out.push({ name: sel(table), headers, rows, types, shorts });
  }
  return out;
}

const squeeze = (s) => s.normalize('NFKC').replace(/\s+/g, '');
const CJK = /^[\u3400-\u9fff\uf900-\ufaff]$/u;

/** pdftotext's text of a PDF, one string per PDF page. */
function pdfPages(pdf, mode) {
  const text = execFileSync('pdftotext', [mode, '-enc', 'UTF-8', pdf, '-'], { encoding: 'utf8', maxBuffer: 64 << 20 });
  const pages = text.split('\f');
  if (pages.length > 1 && pages[pages.length - 1].trim() === '') pages.pop();
  return pages;
}

/**
 * Short values (the 类型 column's 存量, a 未注明) split one character a line, read
 * from `-layout` text: a line that has a character of a value standing alone (a
 * whitespace-separated token of one CJK character) and the next line the value's
 * next character standing alone, within three columns of it. That is what a column
 * too narrow for its two-character words prints; a value broken once inside a longer
 * word (预期 / 性) is not caught, and is readable. Returns [{ value, page, line }].
 */
function splitValues(layoutPages, values) {
  const found = [];
  const words = [...new Set(values)].filter((v) => [...v].length >= 2 && [...v].every((c) => CJK.test(c)));
  layoutPages.forEach((text, p) => {
    const lines = text.split('\n').map((line) => {
      const alone = [];
      for (const m of line.matchAll(/\S+/g)) if ([...m[0]].length === 1 && CJK.test(m[0])) alone.push({ ch: m[0], col: m.index });
      return alone;
    });
    for (let i = 0; i + 1 < lines.length; i++) {
      for (const v of words) {
        const chars = [...v];
        for (let k = 0; k + 1 < chars.length; k++) {
          const below = (a) => lines[i + 1].some((b) => b.ch === chars[k + 1] && Math.abs(a.col - b.col) <= 3);
          const hit = lines[i].some((a) => a.ch === chars[k] && below(a));
          // One report for one printed value, not one per pair of its characters.
          const again = found.some((f) => f.value === v && f.page === p + 1 && Math.abs(f.line - (i + 1)) <= chars.length);
          if (hit && !again) {
            found.push({ value: v, page: p + 1, line: i + 1 });
          }
        }
      }
    }
  });
  return found;
}

/** Prints one page to `pdf` and checks it; returns the problems found, as strings. */
async function checkPlan(context, url, pdf) {
  const page = await context.newPage();
  try {
    await page.emulateMedia({ media: 'print' });
    const response = await page.goto(url, { waitUntil: 'load' }).catch((e) => e);
    if (response instanceof Error) return [`does not load: ${response.message.split('\n')[0]}`];
    if (!response || !response.ok()) return [`answered ${response?.status()}`];
    await page.evaluate(() => document.fonts.ready);
    const tables = await page.evaluate(tablesOf);
    await page.pdf({ path: pdf, format: 'A4', preferCSSPageSize: true, printBackground: true });
    return checkPdf(pdf, tables);
  } finally {
    await page.close();
  }
}

/** The three checks over a printed PDF and the tables its page showed. */
function checkPdf(pdf, tables) {
  const layout = pdfPages(pdf, '-layout');
  const raw = pdfPages(pdf, '-raw');
  const pages = layout.map((text, i) => [squeeze(text), squeeze(raw[i] || '')]);
  const onPage = (i, s) => pages[i][0].includes(s) || pages[i][1].includes(s);
  const whole = [pages.map((p) => p[0]).join(''), pages.map((p) => p[1]).join('')];
  const problems = [];
  for (const t of tables) {
    // (i) A row is placed on a page by its whole text; rows too short to be told
    // apart from other text on the page (under four characters) place nothing.
    const heads = t.headers.map(squeeze).filter(Boolean);
    const rowPages = new Map(); // page index -> rows seen there
    for (const cells of t.rows) {
      const key = squeeze(cells.join(''));
      if ([...key].length < 4) continue;
      pages.forEach((_, i) => {
        if (onPage(i, key)) rowPages.set(i, (rowPages.get(i) || 0) + 1);
      });
    }
    for (const [i, n] of [...rowPages].sort((a, b) => a[0] - b[0])) {
      const missing = t.headers.filter((h, k) => !onPage(i, heads[k]));
      const quoted = missing.map((h) => `"${h}"`).join(', ');
      if (missing.length) problems.push(`(i) ${t.name}: PDF page ${i + 1} prints ${n} of its rows without the header text ${quoted}`);
    }
    // (ii) Every value, anywhere in the PDF.
    const lost = [];
    for (const cells of t.rows) {
      for (const c of cells) {
        const s = squeeze(c);
        if (s && !whole[0].includes(s) && !whole[1].includes(s)) lost.push(c);
      }
    }
    for (const c of lost) problems.push(`(ii) ${t.name}: value "${c}" is not in the PDF (cut off or not printed)`);
  }
  // (iii) The 类型 column's words kept whole, and so every value that is one short
  // word (未注明, 已完成): a column too narrow for it breaks the same way.
  const types = new Set(tables.flatMap((t) => t.types));
  const columns = new Map(); // short value -> the headers of the columns it stands in
  for (const [v, head] of tables.flatMap((t) => t.shorts)) {
    if (!columns.has(v)) columns.set(v, new Set());
    columns.get(v).add(head);
  }
  for (const v of types) if (!columns.has(v)) columns.set(v, new Set(['类型']));
  const splits = new Map(); // value -> ["page:line", …], one problem a value
  for (const s of splitValues(layout, [...columns.keys()])) splits.set(s.value, [...(splits.get(s.value) || []), `${s.page}:${s.line}`]);
  for (const [v, at] of splits) {
    const what = types.has(v) ? '类型 value' : `value (column ${[...columns.get(v)].join(', ')})`;
    problems.push(`(iii) ${what} "${v}" printed one character a line ${at.length} time(s), at PDF page:line ${at.join(' ')}`);
  }
  return problems;
}

/** Keeps a PDF and 60 dpi PNGs of its pages under `dir` as `name.pdf`, `name-N.png`. */
function keep(pdf, dir, name) {
  execFileSync('cp', [pdf, join(dir, `${name}.pdf`)]);
  execFileSync('pdftoppm', ['-r', '60', '-png', pdf, join(dir, name)]);
}

// The self-test's pages, printed wrong in one way each (and one printed right).
const SELF_CSS = `
body { font: 11pt sans-serif; margin: 0; }
@page { size: A4; margin: 15mm 12mm; }
table { border-collapse: collapse; }
td, th { border: 1px solid #444; padding: 2px 4px; }
.flat thead { display: table-row-group; }
.huge { white-space: nowrap; }
.huge td { padding: 0 40px; }
.squeezed td.kind { width: 1px; word-break: break-all; }
.squeezed td.text { width: 100%; }
`;
const rowsOf = (n, f) => Array.from({ length: n }, (_, i) => f(i)).join('');
const long = rowsOf(70, (i) => `<tr><th scope="row">指标${i + 1}</th><td>${1000 + i} 件</td><td>${2000 + i} 件</td></tr>`);
const selfPage = (title, body) =>
  `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>${title}</title><link rel="stylesheet" href="self.css"></head><body><main><h1>${title}</h1>${body}</main></body></html>`;
const SELF_PAGES = [
  {
    file: 'flat-header.html',
    what: '(i) a long table whose header row is not repeated on the next page',
    expect: '(i)',
    html: selfPage('表头不重复', `<table class="flat"><thead><tr><th>指标名称</th><th>基期值</th><th>目标值</th></tr></thead><tbody>${long}</tbody></table>`),
  },
  {
    file: 'cut-off.html',
    what: '(ii) a table wider than the paper, cut off at the right edge',
    expect: '(ii)',
    html: selfPage(
      '表格被截断',
      `<table class="huge"><thead><tr>${rowsOf(12, (i) => `<th>第${i + 1}列</th>`)}</tr></thead><tbody><tr>${rowsOf(12, (i) => `<td>值${i + 1}号数据</td>`)}</tr></tbody></table>`,
    ),
  },
  {
    file: 'split-type.html',
    what: '(iii) a 类型 column so narrow that 存量 prints one character a line',
    expect: '(iii)',
    html: selfPage(
      '类型被拆开',
      `<table class="squeezed"><thead><tr><th>指标</th><th>类型</th></tr></thead><tbody>${rowsOf(
        3,
        (i) => `<tr><td class="text">知识产权质押融资登记金额第${i + 1}项指标的说明文字很长很长</td><td class="kind">${i % 2 ? '增量' : '存量'}</td></tr>`,
      )}</tbody></table>`,
    ),
  },
  {
    file: 'good.html',
    what: 'the control: a long table printed right (must pass)',
    expect: null,
    html: selfPage('正确的表格', `<table><thead><tr><th>指标名称</th><th>类型</th><th>目标值</th></tr></thead><tbody>${long.replace(/<td>(\d+) 件<\/td><td>/g, '<td>存量</td><td>')}</tbody></table>`),
  },
];

/** The gate against its own badly printed pages: true when it catches each, and passes the control. */
async function selfTest(browser) {
  const dir = mkdtempSync(join(tmpdir(), 'planpub-print-'));
  let ok = true;
  try {
    writeFileSync(join(dir, 'self.css'), SELF_CSS);
    for (const p of SELF_PAGES) writeFileSync(join(dir, p.file), p.html);
    const server = await serveSite(dir, '/');
    const context = await browser.newContext({ locale: 'zh-CN' });
    try {
      for (const p of SELF_PAGES) {
        const problems = await checkPlan(context, server.url(p.file), join(dir, `${p.file}.pdf`));
        const caught = p.expect ? problems.some((s) => s.startsWith(p.expect)) : problems.length === 0;
        if (!caught) ok = false;
        const verdict = p.expect ? (caught ? `caught (${problems.length} problem(s))` : 'MISSED') : caught ? 'clean' : 'FAILED';
        console.log(`print: self-test ${p.what}: ${verdict}`);
        for (const s of problems.slice(0, 3)) console.log(`    ${s}`);
        if (problems.length > 3) console.log(`    … and ${problems.length - 3} more`);
      }
    } finally {
      await context.close();
      await server.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return ok;
}

const started = Date.now();
const browser = await launchChromium();
let status = 0;
try {
  const selfOk = await selfTest(browser);
  console.log(`print: self-test ${selfOk ? 'passed: the gate sees each misprint' : 'FAILED: the gate is blind to a misprint'}`);
  if (!selfOk) status = 1;
  if (!argv.includes('--self-test')) {
    const root = siteDir(argv);
    const plans = childPages(root, 'plans');
    if (plans.length === 0) {
      console.error(`print: no plan pages under ${root}/plans; build the site first`);
      process.exit(2);
    }
    // Last run's PDFs and pictures would be taken for this run's.
    if (existsSync(artifacts)) for (const f of readdirSync(artifacts)) if (/\.(pdf|png)$/.test(f)) unlinkSync(join(artifacts, f));
    const server = await serveSite(root, basePath(argv));
    const context = await browser.newContext({ locale: 'zh-CN' });
    const work = mkdtempSync(join(tmpdir(), 'planpub-print-'));
    let total = 0;
    try {
      for (const [i, path] of plans.entries()) {
        const t = Date.now();
        const name = path.split('/')[1];
        const pdf = join(work, `${name}.pdf`);
        const problems = await checkPlan(context, server.url(path), pdf);
        const sheets = existsSync(pdf) ? pdfPages(pdf, '-raw').length : 0;
        const verdict = problems.length ? `${problems.length} problem(s)` : 'ok';
        console.log(`print: ${path}  ${sheets} A4 page(s), ${verdict}  (${Date.now() - t} ms)`);
        for (const s of problems) console.log(`  FAIL ${path} ${s}`);
        total += problems.length;
        if (!existsSync(pdf)) continue;
        mkdirSync(artifacts, { recursive: true });
        if (i === 0) keep(pdf, artifacts, name);
        else if (problems.length) execFileSync('cp', [pdf, join(artifacts, `${name}.pdf`)]);
      }
    } finally {
      rmSync(work, { recursive: true, force: true });
      await context.close();
      await server.close();
    }
    console.log(`print: ${plans.length} plan(s) printed on A4: ${total} problem(s); the first plan's PDF and pages in ${artifacts}`);
    if (total) status = 1;
  }
} finally {
  await browser.close();
}
console.log(`print: ${((Date.now() - started) / 1000).toFixed(1)} s`);
process.exit(status);
