/* Comparison tables: sort, facet filters with live counts, text search, shareable URL state,
 * row selection for the compare page; the compare page; the weighted ranking widget.
 *
 * The server renders complete tables (readable without JavaScript); this script only adds
 * controls. Every piece of text it writes goes through textContent, never innerHTML, so no
 * value from the data or the URL can become markup. No network requests, no dependencies.
 */
(function () {
  "use strict";

  var READY = "kbReady";
  // Names shared with the rendered HTML, generated from kb/contract.py (contract.js).
  var C = window.kbContract;
  var ID_RE = new RegExp(C.idPattern);
  // Rows listed at once (more on request). Chromium lays out a 2,000-row table in hundreds of
  // milliseconds but 50 rows in a few, so a keystroke or a sort stays within one frame.
  var PAGE = 50;
  // One collator for every text comparison: localeCompare with options builds one per call.
  var collate = new Intl.Collator(undefined, { numeric: true }).compare;

  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (key) { node.setAttribute(key, attrs[key]); });
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function readJson(node, name, fallback) {
    try { return JSON.parse(node.getAttribute(name) || ""); } catch (e) { return fallback; }
  }

  var uid = 0;
  function nextId(prefix) { uid += 1; return prefix + "-" + uid; }

  /* ---------------------------------------------------------------- comparison table */

  function Table(box) {
    this.box = box;
    this.table = box.querySelector("table[data-kb-catalog]");
    this.meta = readJson(box, "data-kb-facets", { facets: [] });
    this.useUrl = box.getAttribute("data-kb-state") === "url";
    this.headers = Array.prototype.slice.call(this.table.tHead.rows[0].cells);
    this.fields = this.headers.map(function (th) { return th.getAttribute("data-kb-field"); });
    this.types = this.headers.map(function (th) { return th.getAttribute("data-kb-type"); });
    this.facets = this.meta.facets || [];
    // An embedded table may come sorted by the page author (data-kb-sort); Reset returns to it.
    this.initialSort = box.getAttribute("data-kb-sort") || "";
    if (this.fields.indexOf(this.initialSort.replace(/^-/, "")) === -1) this.initialSort = "";
    this.state = { q: "", sort: this.initialSort, filters: {} };
    this.selected = {};
    this.limit = PAGE;
    this.rows = this.readRows();
    this.build();
    this.readUrl();
    // A shared link with filters opens the filter panel, so the reader sees what is applied.
    if (this.details && Object.keys(this.state.filters).length) this.details.open = true;
    this.apply(false);
    if (this.useUrl && this.state.q) {
      this.releaseQuery();
      window.setTimeout(this.releaseQuery.bind(this), 0);
    }
  }

  // Material's search also reads ?q= from the address and opens its search overlay with it
  // (and deletes q when the overlay closes). On a page whose table owns ?q=, close that
  // overlay and put the table's state back into the address.
  Table.prototype.releaseQuery = function () {
    var toggle = document.getElementById("__search");
    if (toggle && toggle.checked) {
      toggle.checked = false;
      toggle.dispatchEvent(new Event("change"));
      var field = document.querySelector("[data-md-component=search-query]");
      if (field && document.activeElement === field) field.blur();
    }
    this.writeUrl(false, true);
  };

  Table.prototype.readRows = function () {
    var self = this;
    return Array.prototype.slice.call(this.table.tBodies[0].rows).map(function (tr, index) {
      var values = {};
      try { values = JSON.parse(tr.getAttribute("data-kb-values") || "{}"); } catch (e) { values = {}; }
      var keys = Array.prototype.map.call(tr.cells, function (td, i) {
        var raw = td.getAttribute("data-kb-sort");
        if (raw === null) raw = td.textContent.trim().toLowerCase();
        if (raw === "") return null; // empty cells sort last in both directions
        var type = self.types[i];
        if (type === "number" || type === "ordinal" || type === "bool") {
          var n = parseFloat(raw);
          return isNaN(n) ? raw : n;
        }
        return raw;
      });
      return {
        tr: tr, index: index, id: tr.getAttribute("data-kb-id"), values: values, keys: keys,
        text: (tr.getAttribute("data-kb-text") || tr.textContent).toLowerCase(),
        name: tr.cells[0] ? tr.cells[0].textContent.trim() : "", shown: true
      };
    });
  };

  Table.prototype.build = function () {
    var self = this;
    var bar = el("div", { "class": "kb-toolbar" });
    var searchId = nextId("kb-search");
    var search = el("div", { "class": "kb-search" });
    search.appendChild(el("label", { "for": searchId }, "Search"));
    this.input = el("input", { type: "search", id: searchId, autocomplete: "off",
      placeholder: "Filter rows by any text" });
    this.input.addEventListener("input", function () {
      self.state.q = self.input.value.trim().toLowerCase();
      self.apply(true, true);
    });
    search.appendChild(this.input);
    bar.appendChild(search);

    this.facetBoxes = {};
    if (this.facets.length) {
      var details = el("details", { "class": "kb-facets" });
      this.details = details;
      details.appendChild(el("summary", {}, "Filters"));
      this.facets.forEach(function (facet) { details.appendChild(self.buildFacet(facet)); });
      bar.appendChild(details);
    }

    var actions = el("div", { "class": "kb-actions-bar" });
    this.status = el("p", { "class": "kb-status", role: "status", "aria-live": "polite" });
    actions.appendChild(this.status);
    var reset = el("button", { type: "button", "class": "kb-reset md-button" }, "Reset");
    reset.addEventListener("click", function () { self.reset(); });
    actions.appendChild(reset);
    this.compareButton = el("button", { type: "button", "class": "kb-compare-button md-button",
      disabled: "" }, "Compare selected");
    this.compareButton.addEventListener("click", function () { self.compare(); });
    actions.appendChild(this.compareButton);
    bar.appendChild(actions);
    this.box.insertBefore(bar, this.box.firstChild);
    var more = el("div", { "class": "kb-more" });
    this.more = el("button", { type: "button", "class": "md-button", hidden: "" });
    this.more.addEventListener("click", function () { self.limit += PAGE; self.render(); });
    this.all = el("button", { type: "button", "class": "md-button", hidden: "" });
    this.all.addEventListener("click", function () { self.limit = Infinity; self.render(); });
    more.appendChild(this.more);
    more.appendChild(this.all);
    this.box.appendChild(more);

    this.buildSelection();
    this.headers.forEach(function (th, i) { self.buildSort(th, i); });
  };

  Table.prototype.buildFacet = function (facet) {
    var self = this;
    var set = el("fieldset", { "class": "kb-facet", "data-kb-facet": facet.field });
    set.appendChild(el("legend", {}, facet.label));
    this.facetBoxes[facet.field] = {};
    (facet.values || []).forEach(function (option) {
      var id = nextId("kb-facet");
      var wrap = el("span", { "class": "kb-option" });
      var box = el("input", { type: "checkbox", id: id, value: option.value });
      box.addEventListener("change", function () {
        var chosen = self.state.filters[facet.field] || [];
        chosen = chosen.filter(function (v) { return v !== option.value; });
        if (box.checked) chosen.push(option.value);
        if (chosen.length) self.state.filters[facet.field] = chosen;
        else delete self.state.filters[facet.field];
        self.apply(true);
      });
      var label = el("label", { "for": id }, option.label);
      var count = el("span", { "class": "kb-count" });
      label.appendChild(count);
      wrap.appendChild(box);
      wrap.appendChild(label);
      set.appendChild(wrap);
      self.facetBoxes[facet.field][option.value] = { box: box, count: count, wrap: wrap, n: -1 };
    });
    return set;
  };

  Table.prototype.buildSelection = function () {
    var self = this;
    var th = el("th", { scope: "col", "class": "kb-select" });
    th.appendChild(el("span", { "class": "kb-visually-hidden" }, "Select to compare"));
    this.table.tHead.rows[0].insertBefore(th, this.table.tHead.rows[0].firstChild);
    this.rows.forEach(function (row) {
      var td = el("td", { "class": "kb-select" });
      var box = el("input", { type: "checkbox", "aria-label": "Select " + row.name + " to compare" });
      box.addEventListener("change", function () {
        if (box.checked) self.selected[row.id] = true; else delete self.selected[row.id];
        self.updateCompare();
      });
      td.appendChild(box);
      row.tr.insertBefore(td, row.tr.firstChild);
    });
  };

  Table.prototype.buildSort = function (th, i) {
    var self = this;
    var button = el("button", { type: "button", "class": "kb-sort" });
    while (th.firstChild) button.appendChild(th.firstChild);
    button.appendChild(el("span", { "class": "kb-sort-icon", "aria-hidden": "true" }));
    th.appendChild(button);
    th.setAttribute("aria-sort", "none");
    button.addEventListener("click", function () {
      var field = self.fields[i];
      self.state.sort = self.state.sort === field ? "-" + field : field;
      self.apply(true);
    });
  };

  Table.prototype.matches = function (row, skip) {
    var filters = this.state.filters;
    for (var field in filters) {
      if (field === skip) continue;
      var have = row.values[field] || [];
      var wanted = filters[field];
      var hit = false;
      for (var j = 0; j < wanted.length && !hit; j++) hit = have.indexOf(wanted[j]) !== -1;
      if (!hit) return false;
    }
    return true;
  };

  Table.prototype.apply = function (record, typing) {
    var self = this;
    var q = this.state.q;
    var counts = {};
    var visible = [];
    this.facets.forEach(function (f) { counts[f.field] = {}; });
    this.rows.forEach(function (row) {
      if (q && row.text.indexOf(q) === -1) return;
      var shown = self.matches(row, null);
      if (shown) visible.push(row);
      // Facet counts: how many rows each value would show, given every other filter.
      self.facets.forEach(function (f) {
        if (!shown && !self.matches(row, f.field)) return;
        (row.values[f.field] || []).forEach(function (v) {
          counts[f.field][v] = (counts[f.field][v] || 0) + 1;
        });
      });
    });
    this.updateFacets(counts);
    this.visible = this.order(visible);
    this.limit = PAGE;
    this.render();
    if (record && this.useUrl) this.writeUrl(typing);
  };

  Table.prototype.render = function () {
    var shown = this.visible.slice(0, this.limit);
    var tbody = this.table.tBodies[0];
    var current = tbody.rows;
    var same = current.length === shown.length;
    for (var i = 0; i < shown.length && same; i++) same = current[i] === shown[i].tr;
    if (!same) {
      var fragment = document.createDocumentFragment();
      shown.forEach(function (row) { fragment.appendChild(row.tr); });
      tbody.textContent = "";
      tbody.appendChild(fragment);
    }
    var total = this.visible.length;
    this.status.textContent = "Showing " + total + " of " + this.rows.length;
    var rest = total - shown.length;
    this.more.hidden = rest <= 0;
    this.more.textContent = "Show " + Math.min(rest, PAGE) + " more rows (" + rest + " not shown)";
    this.all.hidden = rest <= PAGE;
    this.all.textContent = "Show all " + total + " rows";
  };

  Table.prototype.updateFacets = function (counts) {
    var filters = this.state.filters;
    for (var field in this.facetBoxes) {
      var options = this.facetBoxes[field];
      for (var value in options) {
        var item = options[value];
        var n = counts[field][value] || 0;
        if (item.n !== n) {
          item.count.textContent = " (" + n + ")";
          item.wrap.classList.toggle("kb-empty", n === 0);
          item.n = n;
        }
        item.box.checked = (filters[field] || []).indexOf(value) !== -1;
      }
    }
  };

  Table.prototype.order = function (rows) {
    var sort = this.state.sort;
    var column = this.fields.indexOf(sort.replace(/^-/, ""));
    var dir = sort.charAt(0) === "-" ? -1 : 1;
    this.headers.forEach(function (th, i) {
      var state = i === column ? (dir < 0 ? "descending" : "ascending") : "none";
      if (th.getAttribute("aria-sort") !== state) th.setAttribute("aria-sort", state);
    });
    if (column === -1) return rows;
    return rows.sort(function (a, b) {
      var x = a.keys[column], y = b.keys[column];
      if (x === null || y === null) {
        if (x === y) return a.index - b.index;
        return x === null ? 1 : -1; // empty last, whatever the direction
      }
      var c = typeof x === "number" && typeof y === "number" ? x - y : collate(String(x), String(y));
      return c !== 0 ? c * dir : a.index - b.index;
    });
  };

  Table.prototype.readUrl = function () {
    if (!this.useUrl) return;
    var params = new URLSearchParams(window.location.search);
    var self = this;
    this.state = { q: (params.get(C.keys.query) || "").trim().toLowerCase(), sort: "", filters: {} };
    var sort = params.get(C.keys.sort) || "";
    if (this.fields.indexOf(sort.replace(/^-/, "")) !== -1) this.state.sort = sort;
    this.facets.forEach(function (f) {
      var known = (f.values || []).map(function (o) { return o.value; });
      var chosen = params.getAll(f.field).filter(function (v) { return known.indexOf(v) !== -1; });
      if (chosen.length) self.state.filters[f.field] = chosen;
    });
    this.input.value = params.get(C.keys.query) || "";
  };

  Table.prototype.writeUrl = function (typing, replace) {
    var params = new URLSearchParams();
    var state = this.state;
    if (this.input.value.trim()) params.set(C.keys.query, this.input.value.trim());
    this.facets.forEach(function (f) {
      (state.filters[f.field] || []).forEach(function (v) { params.append(f.field, v); });
    });
    if (state.sort) params.set(C.keys.sort, state.sort);
    var query = params.toString();
    var url = window.location.pathname + (query ? "?" + query : "") + window.location.hash;
    if (url === window.location.pathname + window.location.search + window.location.hash) return;
    // Typing replaces the entry it started, so Back does not step through every keystroke.
    // The state object stays null: Material's instant navigation treats a history entry with
    // a state as a page of its own and would reload the page on Back.
    if (replace || (typing && this.typing)) window.history.replaceState(null, "", url);
    else window.history.pushState(null, "", url);
    this.typing = !!typing;
  };

  Table.prototype.restore = function () {
    this.typing = false;
    this.readUrl();
    this.apply(false);
  };

  Table.prototype.reset = function () {
    this.state = { q: "", sort: this.initialSort, filters: {} };
    this.input.value = "";
    this.limit = PAGE;
    this.apply(true);
  };

  Table.prototype.updateCompare = function () {
    var n = Object.keys(this.selected).length;
    this.compareButton.textContent = n ? "Compare selected (" + n + ")" : "Compare selected";
    if (n >= 2) this.compareButton.removeAttribute("disabled");
    else this.compareButton.setAttribute("disabled", "");
  };

  Table.prototype.compare = function () {
    var params = new URLSearchParams();
    this.rows.forEach(function (row) { if (this.selected[row.id]) params.append(C.keys.id, row.id); }, this);
    var base = this.box.getAttribute("data-kb-compare-href") || "compare/";
    window.location.href = base + "?" + params.toString();
  };

  /* ---------------------------------------------------------------- compare page */

  // The chosen entries' facts come from their own pages (same site, relative URLs): the
  // compare page stays small however large the catalog grows.
  var MAX_COMPARED = 12;

  function factsOf(doc, name) {
    return doc.querySelector("[" + C.fact + '="' + name + '"]');
  }

  function loadEntry(pattern, id) {
    return fetch(pattern.replace(C.idSlot, id), { credentials: "same-origin" })
      .then(function (response) {
        if (!response.ok) throw new Error(String(response.status));
        return response.text();
      })
      .then(function (text) {
        var doc = new DOMParser().parseFromString(text, "text/html");
        var heading = doc.querySelector("[" + C.entryName + "]");
        if (!heading) throw new Error("not an entry page");
        return { id: id, name: heading.textContent, doc: doc };
      })
      .catch(function () { return { id: id, missing: true }; });
  }

  function setupCompare(box) {
    var fields = readJson(box, "data-kb-fields", []);
    var result = box.querySelector("[data-kb-compare-result]");
    var status = el("p", { "class": "kb-status", role: "status", "aria-live": "polite" });
    box.insertBefore(status, result);
    var ids = new URLSearchParams(window.location.search).getAll(C.keys.id)
      .filter(function (id, i, all) { return ID_RE.test(id) && all.indexOf(id) === i; })
      .slice(0, MAX_COMPARED);
    if (!ids.length) {
      status.textContent = "No entries chosen yet.";
      return;
    }
    status.textContent = "Loading " + ids.length + " entries…";
    var pattern = box.getAttribute("data-kb-entry-href") || "../" + C.idSlot + "/";
    Promise.all(ids.map(function (id) { return loadEntry(pattern, id); })).then(function (entries) {
      var found = entries.filter(function (e) { return !e.missing; });
      var missing = entries.filter(function (e) { return e.missing; });
      var table = el("table");
      var head = el("tr");
      head.appendChild(el("th", { scope: "col" }, "Field"));
      found.forEach(function (e) {
        var th = el("th", { scope: "col", "data-kb-id": e.id });
        th.appendChild(el("a", { href: pattern.replace(C.idSlot, e.id) }, e.name));
        head.appendChild(th);
      });
      table.appendChild(el("thead")).appendChild(head);
      var body = el("tbody");
      fields.forEach(function (f) {
        var tr = el("tr", { "data-kb-field": f.name });
        tr.appendChild(el("th", { scope: "row" }, f.label));
        found.forEach(function (e) {
          var td = el("td", { "data-kb-id": e.id });
          var source = factsOf(e.doc, f.name);
          if (source) {
            Array.prototype.forEach.call(source.childNodes, function (node) {
              td.appendChild(document.importNode(node, true));
            });
          } else {
            td.textContent = "—";
          }
          tr.appendChild(td);
        });
        body.appendChild(tr);
      });
      table.appendChild(body);
      result.appendChild(table);
      var text = "Comparing " + found.length + " " + (found.length === 1 ? "entry" : "entries") + ".";
      if (missing.length) {
        text += " Not found: " + missing.map(function (e) { return e.id; }).join(", ") + ".";
      }
      status.textContent = text;
    });
  }

  /* ---------------------------------------------------------------- ranking widget */

  function setupRank(box) {
    var data = readJson(box, "data-kb-rank-data", null);
    if (!data) return;
    var weights = {};
    var form = el("div", { "class": "kb-rank-controls" });
    data.criteria.forEach(function (c) {
      var id = nextId("kb-weight");
      weights[c.field] = 3;
      var row = el("div", { "class": "kb-rank-criterion" });
      row.appendChild(el("label", { "for": id }, c.label + " (" + (c.better === "low" ? "lower" : "higher") + " is better)"));
      var input = el("input", { type: "range", id: id, min: "0", max: "5", step: "1", value: "3",
        "data-kb-criterion": c.field });
      var out = el("output", { "for": id }, "3");
      input.addEventListener("input", function () {
        weights[c.field] = parseInt(input.value, 10);
        out.textContent = input.value;
        render();
      });
      row.appendChild(input);
      row.appendChild(out);
      form.appendChild(row);
    });
    var list = el("ol", { "class": "kb-rank-results", "aria-live": "polite" });
    box.appendChild(form);
    box.appendChild(list);

    function score(entry) {
      var total = 0, possible = 0;
      data.criteria.forEach(function (c) {
        var rank = entry.ranks[c.field], max = entry.max[c.field];
        if (rank === undefined || !max || max < 2) return; // unknown: neither helps nor hurts
        var good = c.better === "low" ? (max - rank) / (max - 1) : (rank - 1) / (max - 1);
        total += weights[c.field] * good;
        possible += weights[c.field];
      });
      return possible ? total / possible : 0;
    }

    function render() {
      var ranked = data.entries.map(function (e) { return { e: e, s: score(e) }; });
      ranked.sort(function (a, b) { return b.s - a.s || a.e.name.localeCompare(b.e.name); });
      while (list.firstChild) list.removeChild(list.firstChild);
      ranked.forEach(function (r) {
        var li = el("li", { "data-kb-id": r.e.id });
        li.appendChild(el("a", { href: r.e.href }, r.e.name));
        // A retired product says so wherever it is ranked.
        if (r.e.status) li.appendChild(el("span", { "class": "kb-status-note" }, " (" + r.e.status + ")"));
        li.appendChild(el("span", { "class": "kb-score" }, " — " + Math.round(r.s * 100) + "% match"));
        list.appendChild(li);
      });
    }
    render();
  }

  /* ---------------------------------------------------------------- wiring */

  var tables = [];

  // Material's search overlay is a dialog without a name (axe: aria-dialog-name).
  function nameSearchDialog() {
    var dialog = document.querySelector(".md-search[role=dialog]");
    if (dialog && !dialog.hasAttribute("aria-label")) dialog.setAttribute("aria-label", "Search");
  }

  function init() {
    nameSearchDialog();
    tables = tables.filter(function (t) { return document.body.contains(t.box); });
    Array.prototype.forEach.call(document.querySelectorAll("[data-kb-table]"), function (box) {
      if (box.dataset[READY]) return;
      box.dataset[READY] = "1";
      tables.push(new Table(box));
    });
    Array.prototype.forEach.call(document.querySelectorAll("[data-kb-compare]"), function (box) {
      if (box.dataset[READY]) return;
      box.dataset[READY] = "1";
      setupCompare(box);
    });
    Array.prototype.forEach.call(document.querySelectorAll("[data-kb-rank]"), function (box) {
      if (box.dataset[READY]) return;
      box.dataset[READY] = "1";
      setupRank(box);
    });
  }

  window.addEventListener("popstate", function () {
    tables.forEach(function (t) { if (t.useUrl && document.body.contains(t.box)) t.restore(); });
  });

  // Material's instant navigation swaps pages without a reload and announces each new page
  // through its document$ observable; without it, run once the document is ready.
  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(function () { init(); });
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
