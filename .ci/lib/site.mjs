// Shared by the browser gates (.ci/a11y.mjs, .ci/screenshots.mjs, .ci/layout.mjs,
// .ci/print.mjs): a tiny static server for the built site, the choice of one page
// per page type (and of the pages with the widest tables), and Debian's Chromium
// started through playwright-core. Uses Node's standard library only.
import { createServer } from 'node:http';
import { existsSync, readFileSync, readdirSync, statSync, createReadStream } from 'node:fs';
import { join, resolve, sep, extname, relative } from 'node:path';

// Debian's chromium package; playwright-core never downloads a browser of its own.
export const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

// The policy the site must work under: everything from the site itself, nothing
// inline, no WebAssembly or eval (docs/deploy.md). Sent with every response, so the
// browser refuses what the policy forbids.
export const CSP = "default-src 'self'";

/** Launches headless Chromium from CHROMIUM with the fixed arguments above. */
export async function launchChromium() {
  const { chromium } = await import('playwright-core');
  if (!existsSync(CHROMIUM)) {
    throw new Error(`${CHROMIUM} not found: install Debian's chromium package (or set CHROMIUM)`);
  }
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true });
}

/**
 * The path part of the site's address (`/zwgk/ghjh/`), which the server mounts the
 * folder at so that root-relative links (on 404.html) work as on the real server.
 * From `--base-path P` if given, else from `base_url` in ./site.yaml, else `/`.
 */
export function basePath(argv) {
  const i = argv.indexOf('--base-path');
  let path = i >= 0 ? argv[i + 1] : null;
  if (!path && existsSync('site.yaml')) {
    const m = readFileSync('site.yaml', 'utf8').match(/^base_url:\s*["']?([^"'\s#]+)/m);
    if (m) {
      try {
        path = new URL(m[1]).pathname;
      } catch {
        path = null;
      }
    }
  }
  path = path || '/';
  if (!path.startsWith('/')) path = '/' + path;
  if (!path.endsWith('/')) path += '/';
  return path;
}

/** The first argument that is not an option (or an option's value): the site folder. */
export function siteDir(argv, fallback = 'output') {
  const rest = [];
  for (let i = 0; i < argv.length; i++) {
    if (argv[i].startsWith('--')) {
      if (['--base-path', '--out'].includes(argv[i])) i++;
      continue;
    }
    rest.push(argv[i]);
  }
  return resolve(rest[0] || fallback);
}

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.csv': 'text/csv; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.sha256': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.pdf': 'application/pdf',
  '.wasm': 'application/wasm',
};

/**
 * Serves `root` at `base` on 127.0.0.1 (a free port) as a plain static web server
 * does: a path ending in `/` means its index.html, anything missing is 404.html
 * with status 404. Returns { origin, url(pathInSite), close() }.
 */
export async function serveSite(root, base = '/') {
  const server = createServer((req, res) => {
    const send = (status, file, headers = {}) => {
      res.writeHead(status, {
        'Content-Type': TYPES[extname(file).toLowerCase()] || 'application/octet-stream',
        'Content-Security-Policy': CSP,
        'X-Content-Type-Options': 'nosniff',
        ...headers,
      });
      if (req.method === 'HEAD') return res.end();
      createReadStream(file).pipe(res);
    };
    const notFound = () => {
      const page = join(root, '404.html');
      if (existsSync(page)) return send(404, page);
      res.writeHead(404, { 'Content-Type': 'text/plain' });
      res.end('not found');
    };
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { Allow: 'GET, HEAD' });
      return res.end();
    }
    let path;
    try {
      path = decodeURIComponent(new URL(req.url, 'http://127.0.0.1').pathname);
    } catch {
      return notFound();
    }
    if (path + '/' === base) {
      res.writeHead(301, { Location: base });
      return res.end();
    }
    // Browsers ask for /favicon.ico on their own; the site does not link one.
    if (path === '/favicon.ico' && !existsSync(join(root, 'favicon.ico'))) {
      res.writeHead(204);
      return res.end();
    }
    if (!path.startsWith(base)) return notFound();
    let file = resolve(root, '.' + sep + path.slice(base.length));
    if (file !== root && !file.startsWith(root + sep)) return notFound();
    if (path.endsWith('/')) file = join(file, 'index.html');
    let st;
    try {
      st = statSync(file);
    } catch {
      return notFound();
    }
    if (st.isDirectory()) {
      res.writeHead(301, { Location: path + '/' });
      return res.end();
    }
    send(200, file);
  });
  await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
  const origin = `http://127.0.0.1:${server.address().port}`;
  return {
    origin,
    url: (p) => origin + base + p,
    close: () => new Promise((ok) => server.close(ok)),
  };
}

function listDirs(dir) {
  try {
    return readdirSync(dir, { withFileTypes: true })
      .filter((e) => e.isDirectory())
      .map((e) => e.name)
      .sort();
  } catch {
    return [];
  }
}

const has = (root, p) => existsSync(join(root, p));

/** `<dir>/<child>/index.html` for the first child folder that has one (and passes `ok`). */
function firstChild(root, dir, ok = () => true) {
  for (const child of listDirs(join(root, dir))) {
    const p = `${dir}/${child}/index.html`;
    if (has(root, p) && ok(p)) return p;
  }
  return null;
}

/** The `<dir>/<child>/index.html` whose inline SVG markup is the largest (the richest chart). */
function richestChart(root, dir) {
  let best = null;
  let bestSize = 0;
  for (const child of listDirs(join(root, dir))) {
    const p = `${dir}/${child}/index.html`;
    if (!has(root, p)) continue;
    const html = readFileSync(join(root, p), 'utf8');
    let size = 0;
    for (const m of html.matchAll(/<svg[\s>][\s\S]*?<\/svg>/gi)) size += m[0].length;
    if (size > bestSize) [best, bestSize] = [p, size];
  }
  return best;
}

/** `<dir>/<a>/<b>/index.html` for the first pair of nested folders that has one. */
function firstGrandchild(root, dir) {
  for (const a of listDirs(join(root, dir))) {
    const p = firstChild(root, `${dir}/${a}`);
    if (p) return p;
  }
  return null;
}

/**
 * One page of every page type of a planpub site, as [type, path in site]. A type
 * whose page is missing is listed with path null, so the caller can say so.
 */
export function pagesByType(root) {
  const pages = [
    ['home', 'index.html'],
    ['plans', 'plans/index.html'],
    ['plan', firstChild(root, 'plans')],
    ['regions', 'regions/index.html'],
    ['region', firstChild(root, 'regions')],
    ['indicators', 'indicators/index.html'],
    ['indicator (with chart)', richestChart(root, 'indicators')],
    ['compare', 'compare/index.html'],
    ['pair', firstGrandchild(root, 'compare')],
    ['units', 'units/index.html'],
    ['progress', 'progress/index.html'],
    ['unit', firstGrandchild(root, 'units')],
    ['404', '404.html'],
    ['accessibility statement', 'accessibility/index.html'],
  ].map(([type, p]) => [type, p && has(root, p) ? p : null]);
  if (has(root, 'search/index.html')) {
    pages.push(['search', 'search/index.html']);
    pages.push(['search results', 'search/index.html?q=' + encodeURIComponent('质押融资')]);
  }
  const indicator = pages.find(([type]) => type === 'indicator (with chart)')[1];
  if (indicator) pages.push(['indicator, sorted', indicator]);
  const plan = pages.find(([type]) => type === 'plan')[1];
  if (plan) pages.push(['plan, 大字模式', plan]);
  return pages;
}

/** Every file under `root`, as paths relative to it with `/` separators. */
export function walk(root) {
  const out = [];
  const go = (dir) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const full = join(dir, e.name);
      if (e.isDirectory()) go(full);
      else if (e.isFile()) out.push(relative(root, full).split(sep).join('/'));
    }
  };
  go(root);
  return out.sort();
}

/** How wide a line of text is, counting a CJK (full-width) character as two. */
function textWidth(text) {
  let w = 0;
  for (const ch of text) w += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(ch) ? 2 : 1;
  return w;
}

/**
 * How wide the tables of an HTML file are, estimated from its markup: the most cells
 * in one row (`columns`), and the widest row (`width`: the text width of every cell
 * plus two for each cell's padding). Used to pick the pages whose tables are the
 * hardest to fit on a phone.
 */
export function tableWidth(html) {
  let columns = 0;
  let width = 0;
  for (const row of html.matchAll(/<tr[\s>][\s\S]*?<\/tr>/gi)) {
    let cells = 0;
    let w = 0;
    for (const cell of row[0].matchAll(/<t[dh][\s>]([\s\S]*?)<\/t[dh]>/gi)) {
      const text = cell[1].replace(/<[^>]*>/g, '').replace(/&[a-z#0-9]+;/gi, 'x').replace(/\s+/g, ' ').trim();
      cells++;
      w += textWidth(text) + 2;
    }
    columns = Math.max(columns, cells);
    width = Math.max(width, w);
  }
  return { columns, width };
}

/**
 * The `<dir>/<child>/index.html` pages of a folder with tables, those with the most
 * columns first and, among as many columns, the widest row first (`tableWidth`); at
 * most `n` of them. Ties keep the folders' alphabetical order.
 */
export function widestTables(root, dir, n = 2) {
  const found = [];
  for (const p of childPages(root, dir)) found.push([p, tableWidth(readFileSync(join(root, p), 'utf8'))]);
  return found
    .filter(([, t]) => t.columns > 0)
    .sort(([, a], [, b]) => b.columns - a.columns || b.width - a.width)
    .slice(0, n)
    .map(([p]) => p);
}

/** Every `<dir>/<child>/index.html` page of a folder, in alphabetical order. */
export function childPages(root, dir) {
  return listDirs(join(root, dir))
    .map((child) => `${dir}/${child}/index.html`)
    .filter((p) => has(root, p));
}
