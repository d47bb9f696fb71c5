// The search page: starts Pagefind's search box in #search and runs the search that
// the address names (search/index.html?q=质押融资). Loaded with <script src>, after
// pagefind/pagefind-ui.js, so the page needs no inline script.
(function () {
  "use strict";
  var box = document.getElementById("search");
  // Opened from disk, the browser refuses to load the index: the page keeps showing
  // how to browse instead.
  if (!box || typeof PagefindUI === "undefined" || location.protocol === "file:") {
    return;
  }
  var ui = new PagefindUI({
    element: "#search",
    showSubResults: true,
    showImages: false,
    // Excerpts are counted in words, and a Chinese word is one or two characters:
    // twice the default length reads as a phrase.
    excerptLength: 24,
    // Pagefind's default (pageLength 0.75) favours short pages so strongly that a
    // district's own plan, thousands of words long, ranked below dozens of short
    // pages that name the district once. Measured on the bundled site: 万州 brought
    // the Wanzhou plan 45th by default and 2nd with 0.25; 数据知识产权 its two plans
    // 45th and 35th, then 5th and 3rd; indicator names kept their page first.
    ranking: { pageLength: 0.25 },
    autofocus: true,
    // Keep the address in step with the box, so a search can be bookmarked or shared.
    processTerm: function (term) {
      var url = new URL(location.href);
      if (term) {
        url.searchParams.set("q", term);
      } else {
        url.searchParams.delete("q");
      }
      history.replaceState(null, "", url);
      return term;
    }
  });
  var browse = document.getElementById("search-browse");
  if (browse) {
    browse.hidden = true;
  }
  var q = new URLSearchParams(location.search).get("q");
  if (q) {
    ui.triggerSearch(q);
  }
})();
