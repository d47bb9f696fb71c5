// What a reader's browser fetches for a search: opens the built site's own search page
// in headless Chromium (served under a sub-path, as on the government server), types
// each query, and adds up the bytes of search.js and of every file of search-index/
// it fetched for the first page of results (10 results, their excerpts included).
// Each query starts in a fresh browser context, so nothing comes from a cache.
//
//   node benches/search-bytes.mjs OUTPUT [QUERY …]
//
// Needs the tools of .ci/ (`npm ci --prefix .ci`) and Chromium at /usr/bin/chromium.
// docs/performance.md records its figures for the benchmark corpora.
import { gzipSync } from 'node:zlib';
import { launchChromium, serveSite } from '../.ci/lib/site.mjs';

const [root, ...given] = process.argv.slice(2);
if (!root) {
  console.error('usage: node benches/search-bytes.mjs OUTPUT [QUERY …]');
  process.exit(2);
}
const queries = given.length ? given : ['知识', '专利', '万州', '质押', '地理', '"知识产权"', '数据知识产权'];
const server = await serveSite(root, '/zwgk/ghjh/');
const browser = await launchChromium();
console.log('| query | results | files | KiB | KiB gzip | ms |');
console.log('|---|---:|---:|---:|---:|---:|');
for (const q of queries) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const got = [];
  page.on('response', async (r) => {
    const url = r.url();
    if (url.includes('/search-index/') || url.endsWith('/search.js')) {
      got.push(r.body().then((b) => b).catch(() => Buffer.alloc(0)));
    }
  });
  await page.goto(server.url('search/index.html'), { waitUntil: 'load' });
  const started = Date.now();
  await page.fill('#search-q', q);
  await page.press('#search-q', 'Enter');
  await page.waitForFunction(() => {
    const s = document.getElementById('search-status').textContent;
    return s && !s.startsWith('正在');
  }, null, { timeout: 120000 });
  await page.waitForLoadState('networkidle');
  const ms = Date.now() - started;
  const status = await page.$eval('#search-status', (e) => e.textContent);
  const bodies = await Promise.all(got);
  const raw = bodies.reduce((s, b) => s + b.length, 0);
  const gz = bodies.reduce((s, b) => s + gzipSync(b).length, 0);
  const results = (status.match(/找到 (\d+)/) || [0, 0])[1];
  console.log(`| ${q} | ${results} | ${bodies.length} | ${(raw / 1024).toFixed(1)} | ${(gz / 1024).toFixed(1)} | ${ms} |`);
  await context.close();
}
await browser.close();
await server.close();
