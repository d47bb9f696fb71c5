// Gate: no script from content runs. Opens every page of a site built from
// tests/fixtures/xss (whose front matter and texts are XSS payloads) in Debian's
// headless Chromium, from disk:
//
//   node .ci/xss.mjs path/to/output
//
// The page's own Content-Security-Policy is switched off (bypassCSP), so the gate
// tests what planpub writes, not the policy that would otherwise hide a mistake.
// Before any page script, a hook replaces every function the payloads call (alert,
// confirm, prompt, print, setTimeout with a string, msgbox; not eval, which
// the browser driver itself uses), counts
// dialogs, and records any script element or handler that runs from the page body.
// Each page is then hovered, focused, clicked and scrolled through, so handlers that
// wait for a reader get their chance. One recorded call fails the gate.
import { readdirSync, statSync, existsSync } from 'node:fs';
import { join, resolve, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { launchChromium } from './lib/site.mjs';

const folder = resolve(process.argv[2] || 'output');
if (!existsSync(join(folder, 'index.html'))) {
  console.error(`xss: ${folder}/index.html does not exist; build the XSS fixture first`);
  process.exit(2);
}

const pages = [];
(function walk(dir) {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) walk(p);
    else if (name.endsWith('.html')) pages.push(p);
  }
})(folder);

const HOOK = () => {
  window.__ran = [];
  const record = (what) => (...args) => { window.__ran.push(`${what}(${args.map(String).join(', ')})`); };
  for (const f of ['alert', 'confirm', 'prompt', 'print', 'msgbox']) {
    Object.defineProperty(window, f, { value: record(f), writable: false, configurable: false });
  }
  const realTimeout = window.setTimeout;
  window.setTimeout = (fn, ...rest) => {
    if (typeof fn === 'string') window.__ran.push(`setTimeout("${fn}")`);
    return realTimeout(fn, ...rest);
  };
};

const browser = await launchChromium();
const context = await browser.newContext({ bypassCSP: true, javaScriptEnabled: true, locale: 'zh-CN' });
await context.addInitScript(HOOK);
const ran = [];
let opened = 0;
for (const file of pages) {
  const where = relative(folder, file);
  const page = await context.newPage();
  page.on('dialog', async (d) => { ran.push(`${where}: a ${d.type()} dialog: ${d.message()}`); await d.dismiss(); });
  page.on('pageerror', () => {}); // a payload's syntax error is not a run
  await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });
  // Give handlers that need a reader their chance: hover, focus and click every
  // element of the main content that is not a navigation link, then scroll.
  await page.evaluate(() => {
    const events = ['mouseover', 'mouseenter', 'focus', 'focusin', 'click', 'toggle', 'animationstart'];
    for (const el of document.querySelectorAll('main *')) {
      for (const type of events) el.dispatchEvent(new Event(type, { bubbles: true }));
    }
    for (const d of document.querySelectorAll('details')) d.open = true;
    window.scrollTo(0, document.body.scrollHeight);
  });
  // Links whose address is a script would run on a click; clicking them would also
  // navigate away, so their addresses are read instead.
  const scriptLinks = await page.evaluate(() => [...document.querySelectorAll('[href],[src],[action],[formaction],[data]')]
    .map((el) => el.getAttribute('href') || el.getAttribute('src') || el.getAttribute('action') || el.getAttribute('formaction') || el.getAttribute('data') || '')
    .filter((u) => /^\s*(javascript|vbscript|data):/i.test(u.replace(/[\s\u0000-\u001f]/g, ''))));
  for (const u of scriptLinks) ran.push(`${where}: a link to ${u}`);
  await page.waitForTimeout(50);
  const calls = await page.evaluate(() => window.__ran);
  for (const c of calls) ran.push(`${where}: ${c}`);
  await page.close();
  opened += 1;
}
await browser.close();

console.log(`xss: ${opened} pages opened with the CSP off and every handler given its event`);
if (ran.length > 0) {
  console.error(`xss: ${ran.length} scripts ran:\n  ${ran.slice(0, 40).join('\n  ')}`);
  process.exit(1);
}
console.log('xss: no script from content ran');
