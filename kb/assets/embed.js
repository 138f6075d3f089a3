/* Embeddable views.
   In /embed/<catalog>/ (an element with data-kb-embed): tell the parent window the
   document's height (only that) whenever it changes, so a host page can size its iframe; open links
   and "Compare selected" in a new tab, with the full site.
   On a catalog page (an element with data-kb-embed-href): an "Embed this view" box with a
   copyable <iframe> snippet for the table's current URL state (q, facets, sort, cols),
   which the table script keeps in the address bar. */
(function () {
  "use strict";

  var MESSAGE = "kb-embed-height";

  /* ------------------------------------------------------------------ inside an embed */

  function setupEmbed(main) {
    var last = -1;
    function report() {
      // The content's own height, not the frame's: the frame may be taller than the table.
      var height = Math.ceil(main.getBoundingClientRect().bottom + window.scrollY);
      var style = window.getComputedStyle(document.body);
      height += parseFloat(style.marginBottom) || 0;
      if (height === last || window.parent === window) return;
      last = height;
      // Any page may frame the embed and read what it posts ("*": the parent's origin is
      // unknown), so the message carries the height and nothing else: never the address,
      // whose ?q= is the reader's own search.
      window.parent.postMessage({ type: MESSAGE, height: height }, "*");
    }
    if (window.ResizeObserver) new window.ResizeObserver(report).observe(main);
    window.addEventListener("load", report);
    report();

    // Links open the full site in a new tab (rows added later by "Show more" too).
    document.addEventListener("click", function (event) {
      var link = event.target.closest && event.target.closest("a[href]");
      if (!link || event.defaultPrevented || event.button !== 0) return;
      if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
      event.preventDefault();
      window.open(link.href, "_blank", "noopener");
    });

    document.addEventListener("click", function (event) {
      var button = event.target.closest && event.target.closest(".kb-compare-button");
      if (!button) return;
      event.preventDefault();
      event.stopImmediatePropagation();
      var box = button.closest("[data-kb-table]");
      var params = new URLSearchParams();
      box.querySelectorAll("tbody tr[data-kb-id]").forEach(function (row) {
        var check = row.querySelector("input[type=checkbox]");
        if (check && check.checked) params.append("id", row.getAttribute("data-kb-id"));
      });
      var base = box.getAttribute("data-kb-compare-href") || "compare/";
      window.open(new URL(base + "?" + params.toString(), window.location.href).href, "_blank", "noopener");
    }, true);
  }

  /* ------------------------------------------------------------- on a catalog page */

  function snippet(href, title) {
    var src = new URL(href, window.location.href);
    src.search = window.location.search;
    var esc = function (text) {
      return String(text).replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;");
    };
    // The listener sizes only frames whose window sent the message, and only to a number.
    return '<iframe src="' + esc(src.href) + '" title="' + esc(title) + '" data-kb-embed' +
      ' style="width:100%;height:600px;border:0" loading="lazy"></iframe>\n' +
      "<script>addEventListener(\"message\",function(e){var d=e.data;" +
      "if(!d||d.type!==\"" + MESSAGE + "\"||typeof d.height!==\"number\")return;" +
      "document.querySelectorAll(\"iframe[data-kb-embed]\").forEach(function(f){" +
      "if(f.contentWindow===e.source)f.style.height=Math.min(d.height,20000)+\"px\"})});</" +
      "script>";
  }

  function setupShare(holder) {
    var href = holder.getAttribute("data-kb-embed-href");
    var title = holder.getAttribute("data-kb-embed-title") || document.title;
    var details = document.createElement("details");
    details.className = "kb-embed-share";
    var summary = document.createElement("summary");
    summary.textContent = "Embed this view";
    var note = document.createElement("p");
    note.textContent = "Paste this into a web page to show the table as it is now " +
      "(search, filters and sort). The frame grows to fit the table.";
    var label = document.createElement("label");
    label.textContent = "Embed code";
    label.className = "kb-visually-hidden";
    var code = document.createElement("textarea");
    code.readOnly = true;
    code.rows = 5;
    code.id = "kb-embed-code";
    label.htmlFor = code.id;
    var copy = document.createElement("button");
    copy.type = "button";
    copy.className = "md-button kb-embed-copy";
    copy.textContent = "Copy";
    var done = document.createElement("span");
    done.setAttribute("role", "status");
    done.className = "kb-embed-done";

    function refresh() { code.value = snippet(href, title); }
    refresh();
    // "toggle" fires a moment after the box opens; the click on its summary comes first.
    summary.addEventListener("click", refresh);
    details.addEventListener("toggle", function () { if (details.open) refresh(); });
    // The table script writes its state to the address bar on every change.
    ["click", "input", "change", "keyup", "popstate"].forEach(function (type) {
      (type === "popstate" ? window : document).addEventListener(type, function () {
        if (details.open) window.setTimeout(refresh, 0);
      });
    });
    copy.addEventListener("click", function () {
      refresh();
      code.select();
      var shown = function () { done.textContent = "Copied."; };
      if (navigator.clipboard) navigator.clipboard.writeText(code.value).then(shown, function () {});
      else if (document.execCommand("copy")) shown();
    });
    details.append(summary, note, label, code, copy, done);
    holder.appendChild(details);
    holder.hidden = false;
  }

  function init() {
    var main = document.querySelector("[data-kb-embed]:not(iframe)");
    if (main && !main.dataset.kbEmbedReady) {
      main.dataset.kbEmbedReady = "1";
      setupEmbed(main);
    }
    document.querySelectorAll("[data-kb-embed-href]").forEach(function (holder) {
      if (holder.dataset.kbEmbedReady) return;
      holder.dataset.kbEmbedReady = "1";
      setupShare(holder);
    });
  }

  // table.js, loaded just before this script, knows how a page starts under each engine.
  window.kbOnEveryPage(init);
})();
