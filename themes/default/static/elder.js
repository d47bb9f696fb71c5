// Remembers the 适老化 reading mode between pages. The mode itself is CSS and works
// without this script; this only restores the reader's last choice.
(function () {
  "use strict";
  var key = "planpub-elder";
  var box = document.getElementById("site-elder");
  if (!box) return;
  try {
    box.checked = window.localStorage.getItem(key) === "1";
    box.addEventListener("change", function () {
      window.localStorage.setItem(key, box.checked ? "1" : "0");
    });
  } catch (e) {
    // Storage may be off (private browsing); the switch still works per page.
  }
})();
