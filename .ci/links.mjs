// Gate: links and CSP, checked on output/ as it will be deployed, from the outside.
// An independent second opinion on planpub's own link check (src/check.rs): its own
// HTML tokenizer, URL resolution by the WHATWG URL parser, and only the files on disk.
//
//   node .ci/links.mjs [output] [--base-path /zwgk/ghjh/]
//
// Checks, for every HTML file under the folder:
//   links     every internal href/src/srcset/xlink:href/poster/data resolves to a file
//             (relative URLs against the page; a URL ending in / means index.html;
//             root-relative URLs must start with the site's path), and every #anchor
//             to an id (or <a name>) on the target page; external http(s):, mailto:
//             and tel: links are not followed. On 404.html, which the server sends for
//             missing URLs at any depth, path links must be root-relative.
//   external  nothing is loaded from elsewhere: no http(s):// or //host URL in src,
//             srcset, poster or data, nor in the href of <link rel=stylesheet|preload|
//             modulepreload|icon|…>; no @import or url() to another host in CSS.
//   csp       the site works under `Content-Security-Policy: default-src 'self'`: no
//             inline <script> (JSON data blocks excepted: CSP does not run them), no
//             on*= handler attributes, no style= attributes, no <style> elements, no
//             javascript: URLs, no data: URLs for resources (HTML src or CSS url()).
// and, for every CSS file, that its url() references resolve.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { basePath, siteDir, walk } from './lib/site.mjs';

const argv = process.argv.slice(2);
const root = siteDir(argv);
const base = basePath(argv);
if (!existsSync(root) || !statSync(root).isDirectory()) {
  console.error(`links: ${root} is not a folder; build the site first`);
  process.exit(2);
}

// ---------------------------------------------------------------- HTML tokenizer

const ENTITIES = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };
function decodeEntities(s) {
  return s.replace(/&(#[xX][0-9a-fA-F]+|#[0-9]+|[a-zA-Z][a-zA-Z0-9]*);?/g, (m, e) => {
    if (e[0] === '#') {
      const code = e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
      return Number.isFinite(code) && code <= 0x10ffff ? String.fromCodePoint(code) : m;
    }
    return e in ENTITIES ? ENTITIES[e] : m;
  });
}

const RAW_TEXT = new Set(['script', 'style', 'textarea', 'title', 'xmp', 'iframe', 'noembed', 'noframes']);

/** Start tags of `html` as { name, attrs: [[name, value]], line, text, content? }. */
function startTags(html) {
  const tags = [];
  let i = 0;
  let line = 1;
  const advance = (to) => {
    for (let k = i; k < to && k < html.length; k++) if (html.charCodeAt(k) === 10) line++;
    i = to;
  };
  while (i < html.length) {
    const lt = html.indexOf('<', i);
    if (lt < 0) break;
    advance(lt);
    if (html.startsWith('<!--', i)) {
      const end = html.indexOf('-->', i + 4);
      advance(end < 0 ? html.length : end + 3);
      continue;
    }
    if (html[i + 1] === '!' || html[i + 1] === '?' || html[i + 1] === '/') {
      const end = html.indexOf('>', i);
      advance(end < 0 ? html.length : end + 1);
      continue;
    }
    if (!/[A-Za-z]/.test(html[i + 1] || '')) {
      advance(i + 1);
      continue;
    }
    const start = i;
    const tagLine = line;
    let j = i + 1;
    while (j < html.length && !/[\s/>]/.test(html[j])) j++;
    const name = html.slice(i + 1, j).toLowerCase();
    const attrs = [];
    for (;;) {
      while (j < html.length && /[\s/]/.test(html[j])) j++;
      if (j >= html.length || html[j] === '>') break;
      let k = j;
      while (k < html.length && !/[\s/>=]/.test(html[k])) k++;
      if (k === j) k++; // a lone '=' is taken as a name, as browsers do
      const attr = html.slice(j, k).toLowerCase();
      j = k;
      while (j < html.length && /\s/.test(html[j])) j++;
      let value = '';
      if (html[j] === '=') {
        j++;
        while (j < html.length && /\s/.test(html[j])) j++;
        const q = html[j];
        if (q === '"' || q === "'") {
          const end = html.indexOf(q, j + 1);
          const stop = end < 0 ? html.length : end;
          value = html.slice(j + 1, stop);
          j = stop + 1;
        } else {
          let e = j;
          while (e < html.length && !/[\s>]/.test(html[e])) e++;
          value = html.slice(j, e);
          j = e;
        }
      }
      attrs.push([attr, decodeEntities(value)]);
    }
    const tag = { name, attrs, line: tagLine, text: html.slice(start, Math.min(j + 1, html.length)) };
    advance(Math.min(j + 1, html.length));
    if (RAW_TEXT.has(name)) {
      const close = html.slice(i).search(new RegExp(`</${name}[\\s/>]`, 'i'));
      const end = close < 0 ? html.length : i + close;
      tag.content = html.slice(i, end);
      advance(end);
    }
    tags.push(tag);
  }
  return tags;
}

const attr = (tag, name) => {
  const a = tag.attrs.find(([n]) => n === name);
  return a ? a[1] : null;
};

// ---------------------------------------------------------------- the site

const files = walk(root);
const fileSet = new Set(files);
const dirSet = new Set();
for (const f of files) {
  const parts = f.split('/');
  for (let k = 1; k < parts.length; k++) dirSet.add(parts.slice(0, k).join('/'));
}
const htmlFiles = files.filter((f) => /\.html?$/i.test(f));
const cssFiles = files.filter((f) => /\.css$/i.test(f));
const svgFiles = files.filter((f) => /\.svg$/i.test(f));

const parsed = new Map(); // path -> tags
const ids = new Map(); // path -> Set of ids
for (const f of [...htmlFiles, ...svgFiles]) {
  const tags = startTags(readFileSync(join(root, f), 'utf8'));
  parsed.set(f, tags);
  const set = new Set();
  for (const t of tags) {
    const id = attr(t, 'id');
    if (id !== null) set.add(id);
    const name = attr(t, 'name');
    if (t.name === 'a' && name !== null) set.add(name);
  }
  ids.set(f, set);
}

const problems = []; // { kind, page, line, element, detail }
const report = (kind, page, tag, detail) =>
  problems.push({ kind, page, line: tag?.line, element: tag ? shorten(tag.text) : '', detail });
const shorten = (s) => {
  s = s.replace(/\s+/g, ' ');
  return s.length > 160 ? s.slice(0, 157) + '...' : s;
};

const SCHEME = /^([a-zA-Z][a-zA-Z0-9+.-]*):/;
const isRemote = (u) => /^(https?:)?\/\//i.test(u.trim());
// Sentinel folders above the site, so that `..` past the top is seen, not clamped.
const ABOVE = '/__above_1/__above_2/__above_3/__above_4/__above_5/__above_6/__above_7/__above_8';
const ORIGIN = 'http://site.invalid';

/**
 * Where `url`, written in the file `from`, leads inside the site: { path, fragment }
 * or { error }. Root-relative URLs must start with the site's base path.
 */
function resolveInSite(from, url) {
  let href = url.trim();
  let absolute;
  try {
    const pageUrl = ORIGIN + ABOVE + base + from.split('/').map(encodeURIComponent).join('/');
    if (href.startsWith('/')) {
      if (!href.startsWith(base) && href + '/' !== base) return { error: `is outside the site's path ${base}` };
      href = ABOVE + href;
    }
    absolute = new URL(href, pageUrl);
  } catch {
    return { error: 'is not a valid URL' };
  }
  const prefix = ABOVE + base;
  let pathname = absolute.pathname;
  if (pathname + '/' === prefix) pathname += '/';
  if (!pathname.startsWith(prefix)) return { error: 'leads outside the site folder' };
  let path;
  let fragment = '';
  try {
    path = decodeURIComponent(pathname.slice(prefix.length));
    fragment = absolute.hash ? decodeURIComponent(absolute.hash.slice(1)) : '';
  } catch {
    return { error: 'has malformed percent-encoding' };
  }
  if (path === '' || path.endsWith('/')) path += 'index.html';
  return { path, fragment, hasFragment: absolute.hash !== '' || url.includes('#') };
}

function checkTarget(kind, page, tag, url, { relativeForbidden = false } = {}) {
  const u = url.trim();
  if (u === '') return report(kind, page, tag, 'empty URL');
  const scheme = u.match(SCHEME);
  if (scheme || u.startsWith('//')) return; // external, or a scheme the csp checks look at
  if (relativeForbidden && !u.startsWith('/') && !u.startsWith('#')) {
    return report(
      kind,
      page,
      tag,
      `relative URL "${u}" on 404.html: the server sends this page for missing URLs at any depth, so it breaks there; use a root-relative URL (${base}…)`,
    );
  }
  const r = resolveInSite(page, u);
  if (r.error) return report(kind, page, tag, `"${u}" ${r.error}`);
  if (!fileSet.has(r.path)) {
    if (dirSet.has(r.path)) return report(kind, page, tag, `"${u}" is a folder: link to "${r.path}/" or "${r.path}/index.html"`);
    return report(kind, page, tag, `"${u}" → ${r.path} does not exist`);
  }
  if (r.fragment && ids.has(r.path) && !ids.get(r.path).has(r.fragment)) {
    report(kind, page, tag, `"${u}" → no id "${r.fragment}" on ${r.path}`);
  }
}

const URL_ATTRS = ['href', 'src', 'xlink:href', 'poster', 'data', 'action', 'cite', 'formaction'];
const RESOURCE_ATTRS = ['src', 'poster', 'data', 'srcset'];
// attributes that are URLs only on some elements
const ONLY_ON = { data: ['object'], poster: ['video'], action: ['form'], formaction: ['button', 'input'] };
const urlAttr = (tag, name) => (!ONLY_ON[name] || ONLY_ON[name].includes(tag.name) ? attr(tag, name) : null);
const RESOURCE_RELS = new Set([
  'stylesheet', 'preload', 'modulepreload', 'prefetch', 'prerender', 'icon', 'shortcut',
  'apple-touch-icon', 'apple-touch-icon-precomposed', 'mask-icon', 'manifest',
]);
const DATA_SCRIPT = /^(application\/(ld\+)?json|text\/plain)$/i;

function srcsetUrls(v) {
  return v
    .split(',')
    .map((c) => c.trim().split(/\s+/)[0])
    .filter(Boolean);
}

let linkCount = 0;
for (const page of htmlFiles) {
  const is404 = page === '404.html';
  for (const tag of parsed.get(page)) {
    // links
    for (const name of URL_ATTRS) {
      const v = urlAttr(tag, name);
      if (v === null) continue;
      if (name === 'action' || name === 'formaction' || name === 'cite') {
        if (v.trim() === '') continue;
      }
      linkCount++;
      checkTarget('links', page, tag, v, { relativeForbidden: is404 });
    }
    const srcset = attr(tag, 'srcset');
    if (srcset !== null) for (const u of srcsetUrls(srcset)) { linkCount++; checkTarget('links', page, tag, u, { relativeForbidden: is404 }); }
    if (tag.name === 'base') report('links', page, tag, '<base> changes how every relative link resolves; planpub pages must not use it');

    // external resources
    for (const name of RESOURCE_ATTRS) {
      const v = urlAttr(tag, name);
      if (v === null) continue;
      const urls = name === 'srcset' ? srcsetUrls(v) : [v];
      for (const u of urls) {
        if (isRemote(u)) report('external', page, tag, `${name}="${u}" loads a resource from another host`);
        if (/^\s*data:/i.test(u)) report('csp', page, tag, `${name} is a data: URL, which default-src 'self' blocks`);
      }
    }
    if (tag.name === 'link') {
      const rels = (attr(tag, 'rel') || '').toLowerCase().split(/\s+/).filter(Boolean);
      const href = attr(tag, 'href') || '';
      if (rels.some((r) => RESOURCE_RELS.has(r))) {
        if (isRemote(href)) report('external', page, tag, `<link rel="${rels.join(' ')}"> loads ${href} from another host`);
        if (/^\s*data:/i.test(href)) report('csp', page, tag, `<link rel="${rels.join(' ')}"> is a data: URL, which default-src 'self' blocks`);
      }
    }

    // CSP: nothing inline
    if (tag.name === 'script' && attr(tag, 'src') === null) {
      const type = (attr(tag, 'type') || '').trim();
      if (!DATA_SCRIPT.test(type)) report('csp', page, tag, 'inline <script> without src, which default-src \'self\' blocks');
    }
    if (tag.name === 'style') {
      report('csp', page, tag, '<style> element: inline CSS, which default-src \'self\' blocks');
      checkCss('external', page, tag.content || '', tag);
    }
    for (const [name, value] of tag.attrs) {
      if (/^on[a-z]+$/.test(name)) report('csp', page, tag, `${name}= event handler attribute, which default-src 'self' blocks`);
      if (name === 'style') report('csp', page, tag, `style="${shorten(value)}" attribute, which default-src 'self' blocks`);
    }
    for (const name of ['href', 'src', 'action', 'formaction', 'xlink:href']) {
      const v = attr(tag, name);
      if (v !== null && /^\s*javascript:/i.test(v)) report('csp', page, tag, `${name} is a javascript: URL, which default-src 'self' blocks`);
    }
  }
}

// CSS: no @import from elsewhere, no url() to another host or data:, every url() resolves.
function checkCss(kind, file, css, tag) {
  const text = css.replace(/\/\*[\s\S]*?\*\//g, (c) => c.replace(/[^\n]/g, ' '));
  const lineOf = (index) => text.slice(0, index).split('\n').length;
  const where = (index) => tag || { line: lineOf(index), text: text.slice(index, text.indexOf('\n', index) < 0 ? undefined : text.indexOf('\n', index)).trim() };
  const imports = []; // [start, end) of each @import statement, whose url() is reported once
  for (const m of text.matchAll(/@import\s+(?:url\(\s*)?(["']?)([^"')\s;]+)\1/gi)) {
    const u = m[2];
    imports.push([m.index, m.index + m[0].length + 2]);
    if (isRemote(u)) report('external', file, where(m.index), `@import of ${u} from another host`);
    else {
      report('external', file, where(m.index), `@import of ${u}: chained stylesheets load late; link it from the page instead`);
      if (!tag) { linkCount++; checkTarget('links', file, where(m.index), u); }
    }
  }
  for (const m of text.matchAll(/url\(\s*(["']?)([^"')]*)\1\s*\)/gi)) {
    if (imports.some(([a, b]) => m.index >= a && m.index < b)) continue;
    const u = m[2].trim();
    if (isRemote(u)) report('external', file, where(m.index), `url(${u}) loads a resource from another host`);
    else if (/^data:/i.test(u)) report('csp', file, where(m.index), `url(data:…) is blocked by default-src 'self'`);
    else if (u.startsWith('#')) continue; // an SVG reference inside the document
    else if (!tag) { linkCount++; checkTarget('links', file, where(m.index), u); }
  }
}
for (const f of cssFiles) checkCss('external', f, readFileSync(join(root, f), 'utf8'));

// ---------------------------------------------------------------- report

const KINDS = { links: 'broken internal links and anchors', external: 'external resources', csp: "inline code or style (CSP default-src 'self')" };
for (const kind of Object.keys(KINDS)) {
  const list = problems.filter((p) => p.kind === kind);
  if (!list.length) continue;
  console.log(`\n${kind.toUpperCase()}: ${KINDS[kind]} (${list.length})`);
  for (const p of list) {
    console.log(`  ${p.page}${p.line ? ':' + p.line : ''}: ${p.detail}`);
    if (p.element) console.log(`      ${p.element}`);
  }
}
console.log(
  `\nlinks: ${htmlFiles.length} HTML and ${cssFiles.length} CSS file(s) in ${root} (site path ${base}), ` +
    `${linkCount} internal or external URL(s) looked at, ${problems.length} problem(s)`,
);
process.exit(problems.length ? 1 : 0);
