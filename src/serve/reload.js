// planpub preview only: never part of a built site. Reloads the page after each
// build and shows the errors of a failed build over the page until the next good one.
(function () {
  "use strict";
  var script = document.currentScript;
  var generation = Number(script && script.getAttribute("data-generation"));
  var overlay = null;

  function hide() {
    if (overlay) {
      overlay.remove();
      overlay = null;
    }
  }

  // Built from text nodes only: messages quote the editor's own text.
  function show(errors) {
    hide();
    overlay = document.createElement("div");
    overlay.id = "planpub-errors";
    overlay.setAttribute("role", "alert");
    overlay.style.cssText =
      "position:fixed;inset:0;z-index:2147483647;overflow:auto;padding:1.5rem;" +
      "background:rgba(20,20,20,.94);color:#fff;font:16px/1.6 system-ui,sans-serif";
    var title = document.createElement("h2");
    title.textContent = "构建失败（" + errors.length + " 个错误）：仍在显示上一次成功构建的页面";
    title.style.cssText = "margin:0 0 1rem;font-size:1.25rem;color:#ffb4a8";
    overlay.appendChild(title);
    errors.forEach(function (e) {
      var item = document.createElement("section");
      item.style.cssText = "margin:0 0 1rem;padding:.75rem 1rem;border-left:4px solid #ff6b57;background:#2a2a2a";
      var where = document.createElement("p");
      where.style.cssText = "margin:0;font-family:ui-monospace,monospace;color:#9fd3ff";
      where.textContent = (e.file || "") + (e.line ? ":" + e.line + ":" + e.column : "");
      var message = document.createElement("p");
      message.style.cssText = "margin:.25rem 0 0;white-space:pre-wrap";
      message.textContent = e.message;
      item.appendChild(where);
      item.appendChild(message);
      if (e.help) {
        var help = document.createElement("p");
        help.style.cssText = "margin:.25rem 0 0;color:#c8e6c9";
        help.textContent = "提示：" + e.help;
        item.appendChild(help);
      }
      overlay.appendChild(item);
    });
    document.body.appendChild(overlay);
  }

  var events = new EventSource("/__planpub/events");
  events.addEventListener("status", function (event) {
    var status = JSON.parse(event.data);
    if (status.errors.length > 0) {
      show(status.errors);
    } else if (status.generation !== generation) {
      location.reload();
    } else {
      hide();
    }
  });
})();
