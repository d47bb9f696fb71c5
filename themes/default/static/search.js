// The search page: reads planpub's search index (search-index/, described in
// docs/search.md) and shows the results of the query the address names
// (search/index.html?q=质押融资&kind=plan&region=dazu). It tokenises and ranks exactly
// as planpub's own searcher (src/search/tokens.rs and searcher.rs); the query list in
// tests/search-queries.json is run through both. Loaded with <script src>, so the page
// needs no inline script; it fetches only files of the site, so it works under any
// sub-path and the site's Content-Security-Policy.
(function () {
  "use strict";
  var script = document.currentScript;
  var form = document.getElementById("search");
  var input = document.getElementById("search-q");
  var statusLine = document.getElementById("search-status");
  var list = document.getElementById("search-results");
  var more = document.getElementById("search-more");
  var browse = document.getElementById("search-browse");
  if (!script || !form || !input || !list || location.protocol === "file:" || !window.fetch) {
    return;
  }
  var base = new URL(script.getAttribute("data-index") || "../search-index/", location.href);
  var siteRoot = new URL("../", base);
  var PAGE_SIZE = 10;
  var TITLE = 1, HEADING = 2, REGION = 4;

  // ---- files -------------------------------------------------------------
  var cache = new Map();
  function fetchFile(path, json) {
    var key = path + (json ? "#j" : "#b");
    if (!cache.has(key)) {
      cache.set(key, fetch(new URL(path, base)).then(function (r) {
        if (!r.ok) { throw new Error(path + ": " + r.status); }
        return json ? r.json() : r.arrayBuffer().then(function (b) { return new Uint8Array(b); });
      }));
    }
    return cache.get(key);
  }

  function Reader(bytes) { this.b = bytes; this.at = 0; }
  Reader.prototype.done = function () { return this.at >= this.b.length; };
  Reader.prototype.number = function () {
    var value = 0, scale = 1;
    for (;;) {
      if (this.at >= this.b.length) { throw new Error("index file ends early"); }
      var byte = this.b[this.at++];
      value += (byte & 0x7f) * scale;
      if (!(byte & 0x80)) { return value; }
      scale *= 128;
    }
  };
  Reader.prototype.byte = function () {
    if (this.at >= this.b.length) { throw new Error("index file ends early"); }
    return this.b[this.at++];
  };
  Reader.prototype.bytes = function (n) {
    var out = this.b.subarray(this.at, this.at + n);
    this.at += n;
    return out;
  };
  var utf8 = new TextDecoder();
  var encoder = new TextEncoder();

  function readPostings(bytes) {
    var r = new Reader(bytes), out = [], page = 0;
    while (!r.done()) {
      page += r.number();
      out.push({ page: page, flags: r.byte(), count: r.number(), first: r.number() });
    }
    return out;
  }

  function readPositions(bytes, counts) {
    var r = new Reader(bytes), out = [];
    for (var i = 0; i < counts.length; i++) {
      var at = 0, l = [];
      for (var j = 0; j < counts[i]; j++) { at += r.number(); l.push(at); }
      out.push(l);
    }
    return out;
  }

  // ---- tokens (src/search/tokens.rs) ------------------------------------
  function isHan(cp) {
    return cp === 0x3007 || (cp >= 0x3400 && cp <= 0x4dbf) || (cp >= 0x4e00 && cp <= 0x9fff) ||
      (cp >= 0xf900 && cp <= 0xfaff) || (cp >= 0x20000 && cp <= 0x3ffff);
  }
  function fold(ch) {
    var cp = ch.codePointAt(0);
    if ((cp >= 0xff10 && cp <= 0xff19) || (cp >= 0xff21 && cp <= 0xff3a) || (cp >= 0xff41 && cp <= 0xff5a)) {
      ch = String.fromCodePoint(cp - 0xfee0);
    }
    return /[A-Z]/.test(ch) ? ch.toLowerCase() : ch;
  }
  var WORD = /^[\p{Alphabetic}\p{Nd}\p{Nl}\p{No}]$/u;
  function isWord(ch) { return WORD.test(ch) && !isHan(ch.codePointAt(0)); }
  function isDigit(ch) { return ch !== undefined && ch >= "0" && ch <= "9"; }

  function units(text) {
    var chars = Array.from(text, fold), out = [], i = 0;
    while (i < chars.length) {
      var c = chars[i];
      if (isHan(c.codePointAt(0))) {
        var next = chars[i + 1];
        out.push({ text: c, han: true, joined: next !== undefined && isHan(next.codePointAt(0)) });
        i++;
      } else if (isWord(c)) {
        var start = i;
        while (i < chars.length && (isWord(chars[i]) ||
          (chars[i] === "." && isDigit(chars[i - 1]) && isDigit(chars[i + 1])))) { i++; }
        out.push({ text: chars.slice(start, i).join(""), han: false, joined: false });
      } else {
        i++;
      }
    }
    return out;
  }

  function queryTokens(word) {
    var u = units(word), out = [], i = 0;
    function add(t, o) {
      if (!out.some(function (x) { return x[0] === t && x[1] === o; })) { out.push([t, o]); }
    }
    while (i < u.length) {
      if (!u[i].han) { out.push([u[i].text, i]); i++; continue; }
      var start = i;
      while (i + 1 < u.length && u[i].joined) { i++; }
      var end = i + 1;
      if (end - start === 1) {
        out.push([u[start].text, start]);
      } else {
        var at = start;
        for (;;) {
          add(u[at].text + u[at + 1].text, at);
          if (at + 2 >= end) { break; }
          at = Math.min(at + 2, end - 2);
        }
      }
      i = end;
    }
    return out;
  }

  function shardOf(token, shards) {
    var bytes = encoder.encode(token), h = 0x811c9dc5;
    for (var i = 0; i < bytes.length; i++) {
      h ^= bytes[i];
      h = Math.imul(h, 0x01000193) >>> 0;
    }
    return h & (shards - 1);
  }

  function hasPositions(token) {
    if (token.charAt(0) === "=") { return false; }
    var cps = Array.from(token);
    return !(cps.length === 1 && isHan(cps[0].codePointAt(0)));
  }

  var QUOTES = { "\"": "\"", "“": "”", "「": "」", "『": "』" };
  function parse(query) {
    var words = [], current = "", closing = null;
    function flush(quoted) {
      var tokens = queryTokens(current);
      if (tokens.length) { words.push({ text: current.trim(), tokens: tokens, quoted: quoted }); }
      current = "";
    }
    Array.from(query).forEach(function (c) {
      if (closing !== null) {
        if (c === closing) { flush(true); closing = null; } else { current += c; }
      } else if (QUOTES[c] || /\s/.test(c)) {
        flush(false);
        closing = QUOTES[c] || null;
      } else {
        current += c;
      }
    });
    flush(closing !== null);
    return words;
  }

  // ---- the searcher (src/search/searcher.rs) ----------------------------
  var meta = null;
  function loadMeta() {
    if (!meta) { meta = fetchFile("meta.json", true); }
    return meta;
  }

  function postings(token, m) {
    var shard = shardOf(token, m.shards);
    return fetchFile("t/" + shard + ".bin").then(function (bytes) {
      var r = new Reader(bytes), count = r.number();
      for (var i = 0; i < count; i++) {
        var t = utf8.decode(r.bytes(r.number()));
        r.number();
        var own = r.byte();
        if (own === 0) {
          var list = r.bytes(r.number());
          if (t === token) { return { list: readPostings(list), shard: shard, index: i, own: null }; }
        } else {
          var n = r.number(), blocks = [], count2 = r.number(), first = 0;
          for (var k = 0; k < count2; k++) { first += r.number(); blocks.push(first); }
          if (t === token) {
            return fetchFile("t/" + shard + "-" + n + ".bin").then(function (b) {
              return { list: readPostings(b), shard: shard, index: null, own: n, blocks: blocks };
            });
          }
        }
      }
      return null;
    });
  }

  function find(list, page) {
    var lo = 0, hi = list.length - 1;
    while (lo <= hi) {
      var mid = (lo + hi) >> 1, p = list[mid].page;
      if (p === page) { return list[mid]; }
      if (p < page) { lo = mid + 1; } else { hi = mid - 1; }
    }
    return null;
  }

  function positionsFor(entry, pages) {
    var wanted = new Set(pages), out = new Map();
    if (entry.own === null) {
      return fetchFile("p/" + entry.shard + ".bin").then(function (bytes) {
        var r = new Reader(bytes), count = r.number(), mine = null;
        for (var i = 0; i < count; i++) {
          var b = r.bytes(r.number());
          if (i === entry.index) { mine = b; }
        }
        var split = readPositions(mine || new Uint8Array(0), entry.list.map(function (p) { return p.count; }));
        entry.list.forEach(function (p, i) { if (wanted.has(p.page)) { out.set(p.page, split[i]); } });
        return out;
      });
    }
    // The block a page's positions are in: the last that starts at or before it.
    var blockOf = function (page) {
      var b = 0;
      while (b + 1 < entry.blocks.length && entry.blocks[b + 1] <= page) { b++; }
      return b;
    };
    var blocks = Array.from(new Set(pages.map(blockOf)));
    return Promise.all(blocks.map(function (block) {
      var inBlock = entry.list.filter(function (p) { return blockOf(p.page) === block; });
      var counts = inBlock.map(function (p) { return p.count; });
      if (counts.every(function (c) { return c === 0; })) { return null; }
      return fetchFile("p/" + entry.shard + "-" + entry.own + "-" + block + ".bin").then(function (bytes) {
        var split = readPositions(bytes, counts);
        inBlock.forEach(function (p, i) { if (wanted.has(p.page)) { out.set(p.page, split[i]); } });
      });
    })).then(function () { return out; });
  }

  function saturate(n) { return n / (n + 1.2); }
  function idf(n, df) { return Math.log(1 + (n - df + 0.5) / (df + 0.5)); }
  function joined(text) { return units(text).map(function (u) { return u.text; }).join(""); }

  function regionRanges(filter) {
    if (!filter.regions.length) { return Promise.resolve([]); }
    return fetchFile("regions.json", true).then(function (regions) {
      var out = regions.filter(function (r) { return filter.regions.indexOf(r[0]) >= 0; })
        .map(function (r) { return [r[2], r[3]]; });
      return out.length ? out : [[0, 0]];
    });
  }

  // Returns {hits: [{page, score, kind, first}], kinds: {kind: count}}.
  function search(query, filter) {
    var words = parse(query);
    return loadMeta().then(function (m) {
      if (!words.length) { return { hits: [], kinds: {}, words: words }; }
      return Promise.all([
        regionRanges(filter),
        Promise.all(words.map(function (w) {
          return Promise.all([
            postings("=" + joined(w.text), m),
            Promise.all(w.tokens.map(function (t) { return postings(t[0], m); }))
          ]);
        }))
      ]).then(function (got) {
        var ranges = got[0], perWord = got[1];
        if (perWord.some(function (w) { return w[1].some(function (e) { return e === null; }); })) {
          return { hits: [], kinds: {}, words: words };
        }
        var candidates = perWord[0][1][0].list.map(function (p) { return p.page; });
        perWord.forEach(function (w) {
          w[1].forEach(function (e) { candidates = candidates.filter(function (p) { return find(e.list, p); }); });
        });
        var lead = perWord[0][1][0].list;
        candidates = candidates.filter(function (p) {
          return !ranges.length || ranges.some(function (r) { return p >= r[0] && p < r[1]; });
        });
        var kinds = {};
        candidates.forEach(function (p) {
          var k = m.kinds[find(lead, p).flags >> 4][0];
          kinds[k] = (kinds[k] || 0) + 1;
        });
        candidates = candidates.filter(function (p) {
          return !filter.kinds.length || filter.kinds.indexOf(m.kinds[find(lead, p).flags >> 4][0]) >= 0;
        });
        return score(words, perWord, candidates, m).then(function (hits) {
          return { hits: hits, kinds: kinds, words: words };
        });
      });
    });
  }

  function score(words, perWord, candidates, m) {
    var scores = new Map(), firsts = new Map();
    candidates.forEach(function (p) { scores.set(p, 0); });
    return words.reduce(function (chain, word, w) {
      return chain.then(function () {
        var entries = perWord[w][1], named = perWord[w][0];
        var placed = entries.filter(function (e, i) { return hasPositions(word.tokens[i][0]); });
        var need = placed.length > 1 || (placed.length === 1 && entries.length > 1);
        return (need ? phraseCounts(word, entries, candidates, m) : Promise.resolve(null)).then(function (phrases) {
          var weight = entries.reduce(function (s, e) { return s + idf(m.pages, e.list.length); }, 0);
          candidates.forEach(function (page) {
            if (!scores.has(page)) { return; }
            var found = entries.map(function (e) { return find(e.list, page); });
            var all = function (flag) { return found.every(function (p) { return p.flags & flag; }); };
            var together = phrases ? (phrases.counts.get(page) || 0) : found[0].count;
            if (word.quoted && together === 0) { scores.delete(page); return; }
            var inTitle = all(TITLE) && found.every(function (p, i) {
              return p.first === found[0].first + word.tokens[i][1];
            });
            var mean = found.reduce(function (s, p) { return s + saturate(p.count); }, 0) / found.length;
            var s = Math.log2(1 + together) + mean;
            if (inTitle) { s += 3; }
            if (named && find(named.list, page)) { s += 8; }
            if (all(REGION)) { s += 3; }
            if (all(HEADING)) { s += 1; }
            var kind = m.kinds[found[0].flags >> 4][0];
            scores.set(page, scores.get(page) + weight * s * (kind === "list" ? 0.5 : 1));
            if (w === 0) {
              var at = phrases && phrases.starts.get(page);
              firsts.set(page, at !== undefined && at !== null ? at : found[0].first);
            }
          });
        });
      });
    }, Promise.resolve()).then(function () {
      var hits = [];
      scores.forEach(function (s, page) { hits.push({ page: page, score: s, first: firsts.get(page) }); });
      hits.sort(function (a, b) { return b.score - a.score || a.page - b.page; });
      return hits;
    });
  }

  function phraseCounts(word, entries, candidates, m) {
    var placed = [];
    entries.forEach(function (e, i) {
      if (hasPositions(word.tokens[i][0])) { placed.push([e, word.tokens[i][1]]); }
    });
    return Promise.all(placed.map(function (x) { return positionsFor(x[0], candidates); })).then(function (lists) {
      var counts = new Map(), starts = new Map(), base = placed[0][1];
      candidates.forEach(function (page) {
        var first = lists[0].get(page);
        if (!first) { return; }
        var n = 0;
        first.forEach(function (at) {
          var start = at - base;
          if (start < 0) { return; }
          var ok = lists.slice(1).every(function (l, k) {
            var ps = l.get(page);
            return ps && ps.indexOf(start + placed[k + 1][1]) >= 0;
          });
          if (ok) {
            if (!n) { starts.set(page, at); }
            n++;
          }
        });
        counts.set(page, n);
      });
      return { counts: counts, starts: starts };
    });
  }

  // ---- showing results ----------------------------------------------------
  function pattern(words) {
    // A word's characters with anything but letters and digits allowed between them,
    // so 2025—2027 and 高价值（发明专利） are marked whole.
    var parts = words.map(function (w) {
      return units(w.text).map(function (u) {
        return Array.from(u.text).map(function (c) {
          return c.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
        }).join("");
      }).join("[^\\p{L}\\p{N}]{0,2}");
    }).filter(Boolean);
    parts.sort(function (a, b) { return b.length - a.length; });
    return parts.length ? new RegExp(parts.join("|"), "giu") : null;
  }

  function marked(text, re, into) {
    var at = 0;
    if (re) {
      re.lastIndex = 0;
      var m;
      while ((m = re.exec(text)) !== null) {
        if (!m[0].length) { re.lastIndex++; continue; }
        into.appendChild(document.createTextNode(text.slice(at, m.index)));
        var mark = document.createElement("mark");
        mark.textContent = m[0];
        into.appendChild(mark);
        at = m.index + m[0].length;
      }
    }
    into.appendChild(document.createTextNode(text.slice(at)));
    return into;
  }

  function excerpt(text, at, length) {
    var from = Math.max(0, at - 30), to = Math.min(text.length, at + length);
    return (from > 0 ? "…" : "") + text.slice(from, to).trim() + (to < text.length ? "…" : "");
  }

  function record(page, m) {
    return fetchFile("pg/" + Math.floor(page / m.pageBlock) + ".json", true).then(function (rows) {
      return rows[page % m.pageBlock];
    });
  }

  function chunkFor(page, row, first) {
    var starts = row[4] || [0], k = 0;
    for (var i = 0; i < starts.length; i++) { if (starts[i] <= first) { k = i; } }
    return fetchFile("x/" + page + "-" + k + ".json", true);
  }

  function show(hit, words, m) {
    var re = pattern(words);
    return record(hit.page, m).then(function (row) {
      return chunkFor(hit.page, row, hit.first || 0).then(function (chunk) {
        var region = row[5] || "", url = new URL(row[0], siteRoot).href;
        var li = document.createElement("li");
        li.className = "search-result";
        li.setAttribute("data-url", row[0]);
        var h = document.createElement("h2");
        var a = document.createElement("a");
        a.href = url;
        marked(row[1], re, a);
        h.appendChild(a);
        li.appendChild(h);
        var label = m.kinds[row[2]] ? m.kinds[row[2]][1] : "";
        var metaLine = document.createElement("p");
        metaLine.className = "search-result-meta";
        metaLine.textContent = region ? label + "；" + region : label;
        li.appendChild(metaLine);
        var text = chunk.t || "", sections = chunk.s || [], matches = [];
        if (re) {
          re.lastIndex = 0;
          var mt;
          while ((mt = re.exec(text)) !== null && matches.length < 50) {
            if (!mt[0].length) { re.lastIndex++; continue; }
            matches.push(mt.index);
          }
        }
        // Sections of this chunk that hold a match, each linked to its heading; when
        // there are none, one excerpt of the page.
        var seen = new Set(), subs = [];
        matches.forEach(function (at) {
          var section = null;
          sections.forEach(function (s) { if (s[0] <= at) { section = s; } });
          if (section && section[1] && !seen.has(section[1]) && subs.length < 3) {
            seen.add(section[1]);
            subs.push([section, at]);
          }
        });
        if (!subs.length) {
          var p = document.createElement("p");
          p.className = "search-result-excerpt";
          marked(excerpt(text, matches.length ? matches[0] : 0, 60), re, p);
          li.appendChild(p);
        } else {
          var ul = document.createElement("ul");
          ul.className = "search-result-sections";
          subs.forEach(function (sub) {
            var item = document.createElement("li");
            var link = document.createElement("a");
            link.href = url + "#" + encodeURIComponent(sub[0][1]);
            marked(sub[0][2] || sub[0][1], re, link);
            item.appendChild(link);
            var ex = document.createElement("p");
            marked(excerpt(text, sub[1], 50), re, ex);
            item.appendChild(ex);
            ul.appendChild(item);
          });
          li.appendChild(ul);
        }
        return li;
      });
    });
  }

  // ---- the page -----------------------------------------------------------
  var state = { hits: [], shown: 0, words: [], run: 0 };
  var regionBox = document.getElementById("search-regions");
  var regionSelect = null;

  function filterFromForm() {
    var kinds = Array.from(form.querySelectorAll("input[name=kind]:checked")).map(function (c) { return c.value; });
    var regions = regionSelect && regionSelect.value ? [regionSelect.value] : [];
    return { kinds: kinds, regions: regions };
  }

  function writeAddress(query, filter) {
    var url = new URL(location.href);
    url.search = "";
    if (query) { url.searchParams.set("q", query); }
    filter.kinds.forEach(function (k) { url.searchParams.append("kind", k); });
    filter.regions.forEach(function (r) { url.searchParams.append("region", r); });
    history.replaceState(null, "", url);
  }

  function showMore() {
    var run = state.run, next = state.hits.slice(state.shown, state.shown + PAGE_SIZE);
    state.shown += next.length;
    more.hidden = state.shown >= state.hits.length;
    return loadMeta().then(function (m) {
      return Promise.all(next.map(function (hit) { return show(hit, state.words, m); }));
    }).then(function (items) {
      if (run !== state.run) { return; }
      items.forEach(function (li) { list.appendChild(li); });
    });
  }

  function run() {
    var query = input.value.trim(), filter = filterFromForm(), id = ++state.run;
    writeAddress(query, filter);
    list.textContent = "";
    more.hidden = true;
    if (!query) { statusLine.textContent = ""; return Promise.resolve(); }
    statusLine.textContent = "正在搜索……";
    return search(query, filter).then(function (found) {
      if (id !== state.run) { return; }
      state.hits = found.hits;
      state.words = found.words;
      state.shown = 0;
      return loadMeta().then(function (m) {
        var parts = m.kinds.filter(function (k) { return found.kinds[k[0]]; })
          .map(function (k) { return k[1] + " " + found.kinds[k[0]]; });
        statusLine.textContent = found.hits.length
          ? "找到 " + found.hits.length + " 个结果" + (parts.length ? "（" + parts.join("，") + "）" : "")
          : "没有找到与“" + query + "”相符的页面。可以减少词语，或去掉引号。";
        return showMore();
      });
    }).catch(function (error) {
      // For whoever looks at the console: which file or step failed.
      if (window.console) { console.warn("planpub search:", error); }
      if (id === state.run) { statusLine.textContent = "搜索索引无法读取，请稍后再试，或按目录查找。"; }
      if (browse) { browse.hidden = false; }
    });
  }

  // The list of regions is fetched only when the reader asks to narrow by region (on
  // a national site it is longer than a search's own files).
  function loadRegions(selected) {
    if (regionSelect || !regionBox) { return Promise.resolve(); }
    return fetchFile("regions.json", true).then(function (regions) {
      if (regionSelect) { return; }
      regionBox.textContent = "";
      var label = document.createElement("label");
      label.setAttribute("for", "search-region");
      label.textContent = "地区";
      regionSelect = document.createElement("select");
      regionSelect.id = "search-region";
      var all = document.createElement("option");
      all.value = "";
      all.textContent = "全部地区";
      regionSelect.appendChild(all);
      regions.forEach(function (r) {
        var o = document.createElement("option");
        o.value = r[0];
        o.textContent = r[1];
        regionSelect.appendChild(o);
      });
      regionSelect.value = selected || "";
      regionSelect.addEventListener("change", run);
      regionBox.appendChild(label);
      regionBox.appendChild(regionSelect);
    });
  }

  var timer = null;
  input.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(run, 250);
  });
  form.addEventListener("submit", function (e) {
    e.preventDefault();
    clearTimeout(timer);
    run();
  });
  form.querySelectorAll("input[name=kind]").forEach(function (c) { c.addEventListener("change", run); });
  more.addEventListener("click", showMore);

  var params = new URLSearchParams(location.search);
  params.getAll("kind").forEach(function (k) {
    var box = form.querySelector("input[name=kind][value='" + k.replace(/[^a-z]/g, "") + "']");
    if (box) { box.checked = true; }
  });
  form.hidden = false;
  if (browse) { browse.hidden = true; }
  input.value = params.get("q") || "";
  var start = function () { if (input.value) { run(); } };
  if (params.get("region")) {
    loadRegions(params.get("region")).then(start, start);
  } else {
    if (regionBox) {
      var open = document.createElement("button");
      open.type = "button";
      open.className = "search-region-open";
      open.textContent = "按地区筛选";
      open.addEventListener("click", function () {
        loadRegions("").then(function () { if (regionSelect) { regionSelect.focus(); } });
      });
      regionBox.appendChild(open);
    }
    start();
  }
  input.focus();
})();
