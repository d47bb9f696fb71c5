// Checks the built site's search in a real browser: serves the output folder on
// 127.0.0.1 under a sub-path with a Content-Security-Policy, opens
// search/index.html?q=… in headless Chromium, and checks what Pagefind's search box
// shows against the built pages themselves:
//   - each query finds the pages named below (read off the content);
//   - each query finds every page whose indexed text contains it (full recall: the
//     index is segmented in Rust, the query in the browser, and they must agree);
//   - section links lead to headings that exist; a word found nowhere finds nothing;
//   - with JavaScript off, the page offers the lists to browse instead.
//
// Usage: node .ci/search.mjs output      (after `cargo run --release -- build`)
// Needs: npm install --prefix .ci (playwright-core) and Debian's chromium at
// /usr/bin/chromium (CHROMIUM=… for another). CSP=… tries another policy.
// Exits non-zero with a message naming what went wrong.

import { createServer } from "node:http";
import { readFile, readdir, stat } from "node:fs/promises";
import { join, normalize, extname, sep, resolve } from "node:path";
import { chromium } from "playwright-core";

const CHROMIUM = process.env.CHROMIUM || "/usr/bin/chromium";
const ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];
// Served under a sub-path, as on the government server, so that a link that only
// works at the root of a host fails here.
const PREFIX = "/zwgk/ghjh/";
// Pagefind runs WebAssembly, which a browser compiles under a CSP only with
// 'wasm-unsafe-eval'; otherwise this is the strict policy the site is built for.
const CSP = process.env.CSP || "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'";

// Real queries and pages each must find, by output path. Each page contains the query
// in its text or title.
const QUERIES = [
  {
    q: "质押融资",
    expect: [
      "plans/dazu-ip-action-plan-2025-2027/index.html",
      "plans/yuzhong-ip-strong-district/index.html",
      "plans/yuzhong-ip-work-points-2025/index.html",
      "plans/jiangjin-ip-pilot-city-2024-2026/index.html",
      "indicators/ip-pledge-financing-annual/index.html",
      "indicators/ip-pledge-financing-cumulative/index.html",
    ],
  },
  {
    q: "地理标志",
    expect: [
      "plans/wanzhou-ip-plan-2021-2025/index.html",
      "plans/chongqing-ip-strong-city-outline/index.html",
      "indicators/geographical-indications/index.html",
    ],
  },
  {
    q: "专利密集型产业",
    expect: [
      "plans/chongqing-ip-strong-city-outline/index.html",
      "plans/dazu-ip-action-plan-2025-2027/index.html",
      "indicators/patent-intensive-industries-gdp-share/index.html",
    ],
  },
];
// A word no page contains. (Not a longer phrase: the browser splits a phrase into
// words and Pagefind matches each as a prefix, so 火星探测器 finds 元器件 through 器.)
const ABSENT = "火星";
// Pages the index leaves out.
const UNINDEXED = new Set(["404.html", "search/index.html"]);

const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".json": "application/json",
  ".svg": "image/svg+xml",
};

function fail(message) {
  console.error(`search check failed: ${message}`);
  process.exit(1);
}

// Bytes sent by the server, to report what a search costs a reader.
let sent = 0;

/** Serves `root` under PREFIX on 127.0.0.1, on any free port. */
async function serve(root) {
  const server = createServer(async (req, res) => {
    try {
      const url = new URL(req.url, "http://127.0.0.1");
      if (!url.pathname.startsWith(PREFIX)) {
        res.writeHead(404).end();
        return;
      }
      let rel = decodeURIComponent(url.pathname.slice(PREFIX.length));
      if (rel === "" || rel.endsWith("/")) rel += "index.html";
      const file = normalize(join(root, rel));
      if (!file.startsWith(root + sep)) {
        res.writeHead(400).end();
        return;
      }
      const body = await readFile(file);
      res.writeHead(200, {
        "Content-Type": TYPES[extname(file)] || "application/octet-stream",
        "Content-Security-Policy": CSP,
      });
      sent += body.length;
      res.end(body);
    } catch {
      res.writeHead(404).end();
    }
  });
  await new Promise((ok) => server.listen(0, "127.0.0.1", ok));
  return server;
}

/** Every HTML file under `root`, as output paths. */
async function htmlFiles(root, rel = "") {
  const out = [];
  for (const e of await readdir(join(root, rel), { withFileTypes: true })) {
    const path = rel ? `${rel}/${e.name}` : e.name;
    if (e.isDirectory()) out.push(...(await htmlFiles(root, path)));
    else if (path.endsWith(".html")) out.push(path);
  }
  return out;
}

/** `html` without each element marked data-pagefind-ignore, nested tags of the same
 * name counted so the element's own closing tag ends it. */
function withoutIgnored(html) {
  const open = /<([a-z][a-z0-9]*)\b[^>]*\sdata-pagefind-ignore(?=[\s>=])[^>]*>/i;
  let rest = html;
  let out = "";
  for (let m = rest.match(open); m; m = rest.match(open)) {
    const name = m[1].toLowerCase();
    out += rest.slice(0, m.index);
    const tags = new RegExp(`<(/?)${name}\\b[^>]*>`, "gi");
    tags.lastIndex = m.index + m[0].length;
    let depth = 1;
    let end = rest.length;
    for (let t = tags.exec(rest); t; t = tags.exec(rest)) {
      depth += t[1] ? -1 : 1;
      if (depth === 0) {
        end = tags.lastIndex;
        break;
      }
    }
    rest = rest.slice(end);
  }
  return out + rest;
}

/** The text Pagefind indexes: a <main data-pagefind-body> without its <nav> and <svg>
 * parts and without what is marked data-pagefind-ignore, tags dropped; nothing for a
 * page whose <main> is not marked. */
function indexedText(html) {
  const main = html.match(/<main([^>]*)>([\s\S]*)<\/main>/);
  if (!main || !/\sdata-pagefind-body[\s>=]|\sdata-pagefind-body$/.test(main[1])) return "";
  return withoutIgnored(main[2])
    .replace(/<nav[\s\S]*?<\/nav>/g, "")
    .replace(/<svg[\s\S]*?<\/svg>/g, "")
    .replace(/<[^>]+>/g, "")
    .replace(/&[a-z0-9#]+;/gi, " ");
}

/** Every result the search box shows, after "load more" has shown them all. */
async function results(page) {
  // The message reads 找到 N 个…的相关结果, or 未找到… when nothing matched.
  await page.waitForFunction(
    () => /\d|未找到/.test(document.querySelector(".pagefind-ui__message")?.textContent ?? ""),
    null,
    { timeout: 30000 },
  );
  for (let i = 0; i < 200; i++) {
    const more = page.locator(".pagefind-ui__button");
    if ((await more.count()) === 0) break;
    const shown = await page.locator(".pagefind-ui__result").count();
    await more.first().click();
    await page.waitForFunction(
      (n) => document.querySelectorAll(".pagefind-ui__result").length > n,
      shown,
      { timeout: 30000 },
    );
  }
  // Results fill in their titles and links as their data arrives.
  await page.waitForFunction(
    () =>
      [...document.querySelectorAll(".pagefind-ui__result")].every((r) =>
        r.querySelector(".pagefind-ui__result-link"),
      ),
    null,
    { timeout: 30000 },
  );
  return page.evaluate(() => ({
    message: document.querySelector(".pagefind-ui__message")?.textContent.trim() ?? "",
    items: [...document.querySelectorAll(".pagefind-ui__result")].map((r) => ({
      title: r.querySelector(".pagefind-ui__result-title")?.textContent.trim() ?? "",
      href: r.querySelector(".pagefind-ui__result-link")?.href ?? "",
      sub: [...r.querySelectorAll(".pagefind-ui__result-nested .pagefind-ui__result-link")].map(
        (a) => a.href,
      ),
    })),
  }));
}

/** The output path (`plans/x/index.html`) a result's URL leads to. */
function pathOf(href) {
  const u = new URL(href);
  if (!u.pathname.startsWith(PREFIX)) return `(outside the site) ${href}`;
  let rel = decodeURIComponent(u.pathname.slice(PREFIX.length));
  if (rel === "" || rel.endsWith("/")) rel += "index.html";
  return rel;
}

async function main() {
  const dir = process.argv[2];
  if (!dir) fail("usage: node .ci/search.mjs OUTPUT_FOLDER");
  const root = resolve(dir);
  for (const needed of ["search/index.html", "pagefind/pagefind.js", "pagefind/pagefind-ui.js"]) {
    if (!(await stat(join(root, needed)).catch(() => null))) {
      fail(`${join(dir, needed)} is missing; build the site first (cargo run --release -- build)`);
    }
  }
  const texts = new Map();
  for (const path of await htmlFiles(root)) {
    if (!UNINDEXED.has(path)) texts.set(path, indexedText(await readFile(join(root, path), "utf8")));
  }

  const server = await serve(root);
  const base = `http://127.0.0.1:${server.address().port}${PREFIX}`;
  let browser;
  try {
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS, headless: true });
  } catch (e) {
    server.close();
    fail(`cannot start ${CHROMIUM} (apt-get install -y chromium fonts-noto-cjk): ${e.message}`);
  }
  const problems = [];
  const messages = [];
  try {
    const context = await browser.newContext({ locale: "zh-CN" });
    const page = await context.newPage();
    page.on("pageerror", (e) => messages.push(`script error: ${e.message}`));
    page.on("console", (m) => {
      if (m.type() === "error" && !m.text().startsWith("Failed to load resource")) {
        messages.push(m.text().slice(0, 300));
      }
    });
    page.on("response", (r) => {
      if (r.status() >= 400 && new URL(r.url()).pathname.startsWith(PREFIX)) {
        problems.push(`${r.url()} answered ${r.status()}`);
      }
    });
    const search = async (q) => {
      await page.goto(`${base}search/index.html?q=${encodeURIComponent(q)}`);
      try {
        return await results(page);
      } catch (e) {
        throw new Error(
          `no results shown for ${q} (${e.message.split("\n")[0]})\n  browser said:\n    ${messages.join("\n    ")}`,
        );
      }
    };

    for (const { q, expect } of QUERIES) {
      // The server sends no caching headers, so each page load fetches everything:
      // this counts the page, Pagefind and the index chunks and fragments of every
      // result shown.
      const started = Date.now();
      sent = 0;
      const { message, items } = await search(q);
      const ms = Date.now() - started;
      const kib = Math.round(sent / 1024);
      const found = items.map((r) => pathOf(r.href));
      const containing = [...texts.keys()].filter((p) => texts.get(p).includes(q));
      const missing = expect.filter((p) => !found.includes(p));
      const missed = containing.filter((p) => !found.includes(p));
      const extra = found.filter((p) => !containing.includes(p));
      const toHeading = items.flatMap((r) => r.sub).filter((h) => new URL(h).hash.length > 1);
      console.log(
        `${q}: ${items.length} results in ${ms} ms, ${kib} KiB sent ("${message}"); ${containing.length} pages contain it, ` +
          `${missed.length} of them missed; ${extra.length} results have the words apart; ` +
          `${toHeading.length} section links`,
      );
      for (const [i, r] of items.entries()) {
        if (expect.includes(found[i])) console.log(`  #${i + 1} ${found[i]}  ${r.title}`);
      }
      if (missing.length) problems.push(`${q}: not found: ${missing.join(", ")}`);
      if (missed.length) problems.push(`${q}: these pages contain it but were not found: ${missed.join(", ")}`);
      if (items.length && toHeading.length === 0) {
        problems.push(`${q}: no result links to a section of its page (#anchor)`);
      }
    }

    // A section link leads to a heading that exists on its page.
    const { items } = await search(QUERIES[0].q);
    const anchored = items.flatMap((r) => r.sub).find((h) => new URL(h).hash.length > 1);
    if (anchored) {
      await page.goto(anchored);
      const id = decodeURIComponent(new URL(anchored).hash.slice(1));
      if (!(await page.evaluate((id) => document.getElementById(id) !== null, id))) {
        problems.push(`the section link ${anchored} leads to no heading`);
      } else {
        console.log(`section link ${pathOf(anchored)}#${id} leads to its heading`);
      }
    }

    const absent = await search(ABSENT);
    console.log(`${ABSENT}: ${absent.items.length} results ("${absent.message}")`);
    if (absent.items.length) problems.push(`${ABSENT} is on no page but found ${absent.items.length}`);

    // Without JavaScript the page says how to browse instead.
    const noJs = await browser.newContext({ javaScriptEnabled: false });
    const plain = await noJs.newPage();
    await plain.goto(`${base}search/index.html`);
    const visible = await plain.locator("#search-browse").isVisible();
    const links = await plain.locator("#search-browse a").count();
    if (!visible || links < 3) {
      problems.push("without JavaScript the search page does not offer the lists to browse");
    }
    await noJs.close();

    problems.push(...messages.filter((m) => /Content Security Policy/i.test(m)));
    if (messages.length) console.log(`browser messages:\n  ${messages.join("\n  ")}`);
  } finally {
    await browser.close();
    server.close();
  }
  if (problems.length) fail(`\n  ${problems.join("\n  ")}`);
  console.log("search check passed");
}

main().catch((e) => fail(e.stack || String(e)));
