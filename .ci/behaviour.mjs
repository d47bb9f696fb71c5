// Gate: what the theme's scripts promise, checked in Debian's headless Chromium under
// the site's Content-Security-Policy.
//   - Sorting (sort.js): on the indicator page with the most rows, a year column's
//     header is a button; one click sorts the rows by the number shown, ascending,
//     with the empty cells last, and sets aria-sort; a second click sorts descending.
//     Without JavaScript the header is plain text and the rows keep the built order.
//   - 大字模式 (适老化): without JavaScript, checking the switch enlarges the text; with
//     JavaScript, the choice is still on after going to another page.
//
//   node .ci/behaviour.mjs [output] [--base-path /zwgk/ghjh/]
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { basePath, launchChromium, serveSite, siteDir } from './lib/site.mjs';

const argv = process.argv.slice(2);
const root = siteDir(argv);
const base = basePath(argv);
if (!existsSync(join(root, 'index.html'))) {
  console.error(`behaviour: ${root}/index.html does not exist; build the site first`);
  process.exit(2);
}

const problems = [];
const check = (ok, what) => {
  if (!ok) problems.push(what);
  console.log(`behaviour: ${ok ? 'ok  ' : 'FAIL'} ${what}`);
};

// The indicator page that shows the most numbers.
let indicator = null;
let most = 0;
for (const id of readdirSync(join(root, 'indicators'), { withFileTypes: true })) {
  if (!id.isDirectory()) continue;
  const path = `indicators/${id.name}/index.html`;
  const html = readFileSync(join(root, path), 'utf8');
  const rows = (html.match(/class="number"/g) || []).length;
  if (rows > most) [indicator, most] = [path, rows];
}

const server = await serveSite(root, base);
const browser = await launchChromium();

// What the first comparison table shows, column by column.
const table = (page) =>
  page.$eval('table.indicator-table', (t) => ({
    sortable: t.classList.contains('sortable'),
    buttons: t.tHead.querySelectorAll('button.sort').length,
    ariaSort: [...t.tHead.rows[0].cells].map((c) => c.getAttribute('aria-sort')),
    rows: [...t.tBodies[0].rows].map((r) =>
      [...r.cells].map((c) => {
        const n = c.querySelector('.number');
        return n ? parseFloat(n.textContent) : c.textContent.replace(/\s+/g, ' ').trim();
      }),
    ),
  }));

{
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'zh-CN' });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(server.url(indicator));
  const before = await table(page);
  // The column with the most different numbers.
  const columns = before.rows[0].length;
  let column = columns - 1;
  let best = -1;
  for (let c = 0; c < columns; c++) {
    const count = new Set(before.rows.map((r) => r[c]).filter((v) => typeof v === 'number')).size;
    if (count > best) [column, best] = [c, count];
  }
  check(before.sortable && before.buttons === columns, `${indicator}: every header of its table is a sort button`);
  const header = page.locator('table.indicator-table thead th').nth(column);
  await header.locator('button').click();
  const up = await table(page);
  const values = (t) => t.rows.map((r) => r[column]);
  const numbers = (t) => values(t).filter((v) => typeof v === 'number');
  const emptiesLast = (t) => {
    const v = values(t);
    const first = v.findIndex((x) => typeof x !== 'number');
    return first < 0 || v.slice(first).every((x) => typeof x !== 'number');
  };
  const ascending = (a) => a.every((x, i) => i === 0 || a[i - 1] <= x);
  check(
    ascending(numbers(up)) && emptiesLast(up) && up.ariaSort[column] === 'ascending',
    `one click sorts column ${column + 1} ascending (${numbers(up).join(', ')}), empty cells last, aria-sort set`,
  );
  await header.locator('button').click();
  const down = await table(page);
  check(
    ascending(numbers(down).reverse()) && emptiesLast(down) && down.ariaSort[column] === 'descending',
    `a second click sorts it descending (${numbers(down).join(', ')})`,
  );
  check(
    JSON.stringify([...down.rows].map(String).sort()) === JSON.stringify([...before.rows].map(String).sort()),
    'sorting keeps every row',
  );
  check(errors.length === 0, `no script errors${errors.length ? ': ' + errors.join('; ') : ''}`);

  // The 大字模式 is remembered on the next page.
  await page.goto(server.url('index.html'));
  await page.check('#site-elder');
  await page.goto(server.url('plans/index.html'));
  check(await page.isChecked('#site-elder'), '大字模式, switched on, is still on on the next page (with JavaScript)');
  await context.close();
}

{
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'zh-CN', javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(server.url(indicator));
  const plain = await table(page);
  check(!plain.sortable && plain.buttons === 0, 'without JavaScript the table headers are plain text');
  await page.goto(server.url('plans/index.html'));
  const size = () => page.evaluate(() => parseFloat(getComputedStyle(document.querySelector('main p, main li, main td')).fontSize));
  const normal = await size();
  await page.check('#site-elder');
  const large = await size();
  check(large >= normal * 1.2, `without JavaScript, 大字模式 enlarges the text (${normal} px → ${large} px)`);
  await context.close();
}

await browser.close();
await server.close();
console.log(`behaviour: ${problems.length} problem(s)`);
process.exit(problems.length ? 1 : 0);
