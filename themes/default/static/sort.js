// Sortable comparison tables. Without JavaScript the tables read as they were built
// (by region, in the site's order); with it, each column header of a table marked
// `indicator-table` becomes a button that sorts the rows by that column, and the
// header's aria-sort tells screen readers the order. Values sort by the number the
// cell shows (already in the table's one unit); cells without a number go last.
(function () {
  "use strict";
  var collator = new Intl.Collator("zh-CN", { numeric: true });

  function number(cell) {
    var n = cell.querySelector(".number");
    if (!n) return null;
    var v = parseFloat(n.textContent.replace(/,/g, ""));
    return isNaN(v) ? null : v;
  }

  function text(cell) {
    return cell.textContent.replace(/\s+/g, " ").trim();
  }

  function sortable(table) {
    var head = table.tHead;
    var body = table.tBodies.length === 1 ? table.tBodies[0] : null;
    if (!head || head.rows.length !== 1 || !body || body.rows.length < 2) return false;
    // A cell spanning rows or columns would be torn apart by sorting.
    return !table.querySelector("tbody [rowspan], tbody [colspan], thead [colspan]");
  }

  function sortBy(table, column, th) {
    var ascending = th.getAttribute("aria-sort") !== "ascending";
    var body = table.tBodies[0];
    var rows = Array.prototype.slice.call(body.rows);
    var numeric = rows.some(function (row) {
      return row.cells[column] && number(row.cells[column]) !== null;
    });
    var keyed = rows.map(function (row, i) {
      var cell = row.cells[column];
      return { row: row, i: i, key: cell ? (numeric ? number(cell) : text(cell)) : null };
    });
    keyed.sort(function (a, b) {
      if (a.key === null || b.key === null) {
        // Empty cells last in either order; ties keep the built order.
        return a.key === b.key ? a.i - b.i : a.key === null ? 1 : -1;
      }
      var c = numeric ? a.key - b.key : collator.compare(a.key, b.key);
      return (ascending ? c : -c) || a.i - b.i;
    });
    keyed.forEach(function (k) {
      body.appendChild(k.row);
    });
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (cell) {
      cell.removeAttribute("aria-sort");
    });
    th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
  }

  Array.prototype.forEach.call(document.querySelectorAll("table.indicator-table"), function (table) {
    if (!sortable(table)) return;
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th, column) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "sort";
      var label = th.textContent.replace(/\s+/g, " ").trim();
      while (th.firstChild) button.appendChild(th.firstChild);
      var hint = document.createElement("span");
      hint.className = "visually-hidden";
      hint.textContent = "（点击排序）";
      button.appendChild(hint);
      // Chromium prints a header row repeated on a new page without the contents of
      // its buttons, so the header's words are also kept as text that only print shows.
      var printed = document.createElement("span");
      printed.className = "print-label";
      printed.setAttribute("aria-hidden", "true");
      printed.textContent = label;
      th.appendChild(button);
      th.appendChild(printed);
      button.addEventListener("click", function () {
        sortBy(table, column, th);
      });
    });
    table.classList.add("sortable");
  });
})();
