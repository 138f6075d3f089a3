/* Comparison tables: sort, facet filters with live counts, text search, shareable URL state,
 * row selection for the compare page; the compare page; the weighted ranking widget.
 *
 * The server renders complete tables (readable without JavaScript); this script only adds
 * controls. A large catalog's page (over 1,000 entries) lists its first rows and the script
 * reads the others from the table's data file (see "large tables" below). Every piece of text it writes goes through textContent, never innerHTML, so no
 * value from the data or the URL can become markup. No network requests, no dependencies.
 */
(function () {
  "use strict";

  var READY = "kbReady";
  // Names shared with the rendered HTML, generated from kb/contract.py (contract.js).
  var C = window.kbContract;
  var ID_RE = new RegExp(C.idPattern);
  // Chromium lays out a 2,000-row table in hundreds of milliseconds: a large table lists
  // LIST_STEP rows at a time (below); the others are not in the document.
  // One collator for every text comparison: localeCompare with options builds one per call.
  var collate = new Intl.Collator(undefined, { numeric: true }).compare;
  // A shared link is a stranger's input: a query string repeating one filter 10,000 times
  // once made 30,000 chips and seconds per keystroke. The address is read only this far
  // (more than every filter of every catalog needs), a field=value counts once, and at most
  // MAX_PARAMS distinct ones are read; the search text is cut to MAX_SEARCH_CHARS.
  var MAX_QUERY_CHARS = 8192;
  var MAX_PARAMS = 200;
  var MAX_SEARCH_CHARS = 200;

  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (key) { node.setAttribute(key, attrs[key]); });
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function readJson(node, name, fallback) {
    try { return JSON.parse(node.getAttribute(name) || ""); } catch (e) { return fallback; }
  }

  // The query string ``search`` within the limits above: get(name) is the first value or
  // null, getAll(name) the distinct values in order; ``trimmed`` says whether a limit or a
  // repeated pair left something out (the table then rewrites the address to what it used).
  function readParams(search) {
    var text = String(search || "").replace(/^\?/, "");
    var trimmed = false;
    if (text.length > MAX_QUERY_CHARS) {
      // Cut at a separator, so no parameter is read half-way.
      var end = text.lastIndexOf("&", MAX_QUERY_CHARS);
      text = end > 0 ? text.slice(0, end) : "";
      trimmed = true;
    }
    var values = Object.create(null);
    var distinct = 0;
    new URLSearchParams(text).forEach(function (value, name) {
      var list = values[name];
      if (list && list.indexOf(value) !== -1) { trimmed = true; return; }
      if (distinct >= MAX_PARAMS) { trimmed = true; return; }
      distinct += 1;
      if (!list) list = values[name] = [];
      list.push(value);
    });
    return {
      trimmed: trimmed,
      get: function (name) { return values[name] ? values[name][0] : null; },
      getAll: function (name) { return (values[name] || []).slice(); }
    };
  }

  var uid = 0;
  function nextId(prefix) { uid += 1; return prefix + "-" + uid; }

  /* ---------------------------------------------------------------- comparison table */

  function Table(box) {
    this.box = box;
    this.table = box.querySelector("table[data-kb-catalog]");
    this.scroll = box.querySelector(".kb-table-scroll");
    this.caption = this.table.caption;
    this.title = box.getAttribute("data-kb-title") || "";
    this.meta = readJson(box, "data-kb-facets", { facets: [] });
    this.useUrl = box.getAttribute("data-kb-state") === "url";
    this.headers = Array.prototype.slice.call(this.table.tHead.rows[0].cells);
    this.fields = this.headers.map(function (th) { return th.getAttribute("data-kb-field"); });
    this.types = this.headers.map(function (th) { return th.getAttribute("data-kb-type"); });
    this.labels = this.headers.map(function (th) {
      return th.getAttribute("title") || th.textContent.replace(/\?$/, "").trim();
    });
    this.initialCols = this.headers.filter(function (th) { return !th.hidden; })
      .map(function (th) { return th.getAttribute("data-kb-field"); });
    this.facets = this.meta.facets || [];
    // An embedded table may come sorted by the page author (data-kb-sort); Reset returns to it.
    this.initialSort = box.getAttribute("data-kb-sort") || "";
    if (this.fields.indexOf(this.initialSort.replace(/^-/, "")) === -1) this.initialSort = "";
    this.state = this.blank();
    this.selected = {};
    // A large catalog's page lists its first rows only; the others come as data (see
    // kb/tablepages.py). The controls appear once the data is in.
    this.rowsHref = box.getAttribute("data-kb-rows-href");
    this.moreHref = box.getAttribute("data-kb-more-href");
    if (this.rowsHref) {
      this.large = true;
      this.loadData();
      return;
    }
    this.rows = this.readRows();
    this.start();
  }

  Table.prototype.start = function () {
    var self = this;
    this.ready = true;
    this.build();
    var trimmed = this.readUrl();
    this.ensure(function () {
      self.apply(false);
      self.showColumns(); // after the first page of rows replaced the full server-rendered list
      // An address over the limits is replaced by the state actually read, so it is not
      // copied on (the "Embed this view" snippet copies the address).
      if (trimmed) self.writeUrl(false, true);
      if (self.useUrl && self.state.q) {
        self.releaseQuery();
        window.setTimeout(self.releaseQuery.bind(self), 0);
      }
    });
  };

  Table.prototype.blank = function () {
    return { q: "", sort: this.initialSort, filters: {}, cols: this.initialCols.slice() };
  };

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
      var name = tr.querySelector(".kb-name");
      return {
        tr: tr, index: index, id: tr.getAttribute("data-kb-id"), values: values, keys: keys,
        retired: tr.hasAttribute("data-kb-retired"),
        text: (tr.getAttribute("data-kb-text") || tr.textContent).toLowerCase(),
        name: (name || tr.cells[0]).textContent.trim()
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
      maxlength: String(MAX_SEARCH_CHARS), placeholder: "Filter rows by any text" });
    this.input.addEventListener("input", function () {
      self.state.q = self.input.value.trim().toLowerCase();
      self.apply(true, true);
    });
    search.appendChild(this.input);
    bar.appendChild(search);

    // The Columns button sits beside the search, so it comes before the filter panel in the
    // tab order too; its list of columns opens below the panel.
    var columnNodes = [];
    if (this.useUrl && this.fields.length > this.initialCols.length) {
      columnNodes = this.buildColumns();
    }

    this.facetBoxes = {};
    if (this.facets.length) {
      var panelId = nextId("kb-filters");
      // On a phone the filters fold behind this button (CSS shows it at small widths only).
      this.toggle = el("button", { type: "button", "class": "kb-filter-toggle md-button",
        "aria-expanded": "false", "aria-controls": panelId }, "Filters");
      this.toggle.addEventListener("click", function () {
        var open = !self.panel.classList.contains("kb-open");
        self.panel.classList.toggle("kb-open", open);
        self.toggle.setAttribute("aria-expanded", String(open));
      });
      bar.appendChild(this.toggle);
      if (columnNodes.length) bar.appendChild(columnNodes[0]);
      this.panel = el("div", { "class": "kb-facets", id: panelId, role: "group",
        "aria-label": "Filters" });
      // "(" + digits + ")" with room to spare; see .kb-count in table.css
      this.panel.style.setProperty("--kb-count-width", (String(this.rows.length).length + 2.5) + "ch");
      this.facets.forEach(function (facet) { self.panel.appendChild(self.buildFacet(facet)); });
      // On a phone the panel is a sheet over the page: its last line counts the results live
      // and closes the sheet onto them.
      var foot = el("div", { "class": "kb-sheet-foot" });
      this.sheetDone = el("button", { type: "button", "class": "md-button md-button--primary" });
      this.sheetDone.addEventListener("click", function () {
        self.panel.classList.remove("kb-open");
        self.toggle.setAttribute("aria-expanded", "false");
        self.table.scrollIntoView({ block: "start" });
        self.table.focus({ preventScroll: true });
      });
      foot.appendChild(this.sheetDone);
      this.panel.appendChild(foot);
      bar.appendChild(this.panel);
    } else if (columnNodes.length) {
      bar.appendChild(columnNodes[0]);
    }
    columnNodes.slice(1).forEach(function (node) { bar.appendChild(node); });

    this.chips = el("div", { "class": "kb-chips", role: "group", "aria-label": "Active filters" });
    this.chips.hidden = true;
    bar.appendChild(this.chips);

    var actions = el("div", { "class": "kb-actions-bar" });
    this.status = el("p", { "class": "kb-status", role: "status", "aria-live": "polite" });
    actions.appendChild(this.status);
    var reset = el("button", { type: "button", "class": "kb-reset md-button" }, "Reset");
    reset.addEventListener("click", function () { self.reset(); });
    actions.appendChild(reset);
    this.retiredLast = true;
    var retiredRows = this.rows.filter(function (r) { return r.retired; }).length;
    if (retiredRows) {
      var rid = nextId("kb-retired-last");
      var wrap = el("span", { "class": "kb-retired-toggle" });
      var retiredBox = el("input", { type: "checkbox", id: rid, checked: "" });
      retiredBox.addEventListener("change", function () {
        self.retiredLast = retiredBox.checked;
        self.apply(false);
      });
      wrap.appendChild(retiredBox);
      wrap.appendChild(el("label", { "for": rid }, " Retired tools last (" + retiredRows + ")"));
      actions.appendChild(wrap);
    }
    this.compareButton = el("button", { type: "button", "class": "kb-compare-button md-button",
      disabled: "" }, "Compare selected");
    this.compareButton.addEventListener("click", function () { self.compare(); });
    actions.appendChild(this.compareButton);
    bar.appendChild(actions);
    this.box.insertBefore(bar, this.box.firstChild);

    this.buildSelection();
    this.headers.forEach(function (th, i) { self.buildSort(th, i); });
    if (this.large) {
      this.more = el("button", { type: "button", "class": "kb-more md-button" });
      this.more.hidden = true;
      this.more.addEventListener("click", function () {
        self.limit += LIST_STEP;
        self.render();
      });
      this.scroll.parentNode.insertBefore(this.more, this.scroll.nextSibling);
    }
    var resized = null;
    window.addEventListener("resize", function onResize() {
      // After instant navigation replaced the page, this table is gone: stop listening.
      if (!document.body.contains(self.box)) {
        window.removeEventListener("resize", onResize);
        return;
      }
      window.clearTimeout(resized);
      resized = window.setTimeout(function () { self.fit(); }, 100);
    });
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
        self.setFilter(facet.field, option.value, box.checked);
      });
      var label = el("label", { "for": id }, option.label);
      var count = el("span", { "class": "kb-count" });
      label.appendChild(count);
      wrap.appendChild(box);
      wrap.appendChild(label);
      set.appendChild(wrap);
      self.facetBoxes[facet.field][option.value] = { box: box, count: count, wrap: wrap, n: -1,
        label: option.label };
    });
    return set;
  };

  Table.prototype.setFilter = function (field, value, on) {
    var chosen = (this.state.filters[field] || []).filter(function (v) { return v !== value; });
    if (on) chosen.push(value);
    if (chosen.length) this.state.filters[field] = chosen;
    else delete this.state.filters[field];
    this.apply(true);
  };

  // The column chooser: every column the model offers; the choice is part of the URL state.
  Table.prototype.buildColumns = function () {
    var self = this;
    var panelId = nextId("kb-columns");
    this.columnsToggle = el("button", { type: "button", "class": "kb-columns-toggle md-button",
      "aria-expanded": "false", "aria-controls": panelId }, "Columns");
    var set = el("fieldset", { "class": "kb-facet kb-columns", id: panelId });
    set.hidden = true;
    this.columnsToggle.addEventListener("click", function () {
      set.hidden = !set.hidden;
      self.columnsToggle.setAttribute("aria-expanded", String(!set.hidden));
      // a large table's hidden columns come as data: fetched while the reader chooses
      if (!set.hidden && self.large) self.loadMore();
    });
    this.columnSet = set;
    set.appendChild(el("legend", {}, "Columns to show"));
    this.columnBoxes = {};
    this.fields.forEach(function (field, i) {
      if (field === "name") return;
      var id = nextId("kb-col");
      var wrap = el("span", { "class": "kb-option" });
      var box = el("input", { type: "checkbox", id: id, value: field, "data-kb-column": field });
      box.addEventListener("change", function () {
        var cols = self.state.cols.filter(function (c) { return c !== field; });
        if (box.checked) cols.push(field);
        self.state.cols = self.fields.filter(function (f) { return f === "name" || cols.indexOf(f) !== -1; });
        self.ensure(function () { self.showColumns(); });
        if (self.useUrl) { if (self.large) self.writeUrlSoon(false); else self.writeUrl(false); }
      });
      wrap.appendChild(box);
      wrap.appendChild(el("label", { "for": id }, self.labels[i]));
      set.appendChild(wrap);
      self.columnBoxes[field] = box;
    });
    return [this.columnsToggle, set];
  };

  Table.prototype.showColumns = function () {
    var cols = this.state.cols;
    var self = this;
    var hidden = this.hidden = this.fields.map(function (f) { return cols.indexOf(f) === -1; });
    this.headers.forEach(function (th, i) { if (th.hidden !== hidden[i]) th.hidden = hidden[i]; });
    // Every row, listed or not, so rows listed later show the same columns (a large
    // table's rows in the document are its slots; cells made later take this.hidden).
    var trs = this.large ? (this.slots || []).map(function (slot) { return slot.tr; })
      : this.rows.map(function (row) { return row.tr; });
    trs.forEach(function (tr) {
      var cells = tr.cells;
      for (var i = 0; i < hidden.length; i++) {
        if (cells[i].hidden !== hidden[i]) cells[i].hidden = hidden[i];
      }
    });
    if (this.columnBoxes) {
      Object.keys(this.columnBoxes).forEach(function (f) {
        self.columnBoxes[f].checked = cols.indexOf(f) !== -1;
      });
      this.columnsToggle.textContent = "Columns (" + cols.length + " of " + this.fields.length + ")";
    }
    this.fit();
  };

  // Sticky header against the page while the table fits its column; with more columns than
  // fit, the table scrolls in one box of its own, with its header and name column sticky.
  Table.prototype.fit = function () {
    var table = this.table;
    // A large table measures each set of columns once per window width: measuring takes
    // two layouts of the whole table (its own widths, then the frozen ones); a set shown
    // again gets the widths it had, in the one layout the change needs anyway.
    var key = this.large ? this.state.cols.join(",") + "|" + window.innerWidth : null;
    var known = key && this.widthsFor ? this.widthsFor[key] : null;
    if (known) {
      this.headers.forEach(function (th, i) {
        var width = known.widths[i] ? known.widths[i] + "px" : "";
        if (th.style.width !== width) th.style.width = width;
      });
      if (table.classList.contains("kb-fixed") !== known.fixed) {
        table.classList.toggle("kb-fixed", known.fixed);
      }
      this.scrolls(known.wide);
      return;
    }
    table.classList.remove("kb-fixed");
    this.headers.forEach(function (th) { th.style.width = ""; });
    var wide = table.offsetWidth > this.scroll.clientWidth + 1;
    // Freeze the column widths the browser chose for the rows listed now: later keystrokes
    // and sorts then lay rows out in one pass (fixed table layout), and columns stay put
    // while the rows change. Not for phone cards, where the table is not a grid.
    var fixed = getComputedStyle(table).display === "table";
    var widths = [];
    if (fixed) {
      // rounded down: whole pixels rounded up can add up to more than the box is wide
      widths = this.headers.map(function (th) {
        return th.hidden ? 0 : Math.floor(th.getBoundingClientRect().width * 10) / 10;
      });
      this.headers.forEach(function (th, i) { if (widths[i]) th.style.width = widths[i] + "px"; });
      table.classList.add("kb-fixed");
    }
    if (key) {
      this.widthsFor = this.widthsFor || {};
      this.widthsFor[key] = { widths: widths, fixed: fixed, wide: wide };
    }
    this.scrolls(wide);
  };

  Table.prototype.scrolls = function (wide) {
    if (this.scroll.classList.contains("kb-wide") === wide &&
        this.scroll.classList.contains("kb-fits") === !wide) return;
    this.scroll.classList.toggle("kb-fits", !wide);
    this.scroll.classList.toggle("kb-wide", wide);
    if (wide) this.scroll.setAttribute("tabindex", "0");
    else this.scroll.removeAttribute("tabindex");
  };

  Table.prototype.buildSelection = function () {
    if (this.large) return; // each slot of a large table gets its box (fillSlots)
    this.rows.forEach(this.selectBox, this);
  };

  Table.prototype.selectBox = function (row) {
    var self = this;
    var box = el("input", { type: "checkbox", "class": "kb-select",
      "aria-label": "Select " + row.name + " to compare" });
    box.addEventListener("change", function () {
      if (box.checked) self.selected[row.id] = true; else delete self.selected[row.id];
      self.updateCompare();
    });
    row.box = box;
    row.tr.cells[0].insertBefore(box, row.tr.cells[0].firstChild);
  };

  // The selection as the boxes show it: after Back/Forward the browser may bring the page
  // back from its cache, boxes ticked; the button must agree with them.
  Table.prototype.syncSelection = function () {
    if (!this.ready) return;
    var selected = this.large ? this.selected : {};
    var listed = this.large ? (this.slots || []).map(function (slot) {
      return { id: slot.row.id, box: slot.box };
    }) : this.rows;
    listed.forEach(function (row) {
      if (!row.box) return;
      if (row.box.checked) selected[row.id] = true; else delete selected[row.id];
    });
    this.selected = selected;
    this.updateCompare();
  };

  Table.prototype.buildSort = function (th, i) {
    var self = this;
    var button = el("button", { type: "button", "class": "kb-sort" });
    var label = th.querySelector(".kb-th-label") || th;
    while (label.firstChild) button.appendChild(label.firstChild);
    button.appendChild(el("span", { "class": "kb-sort-icon", "aria-hidden": "true" }));
    if (label === th) th.appendChild(button); else th.replaceChild(button, label);
    var scale = th.getAttribute("data-kb-scale");
    if (scale && document.getElementById(scale)) button.setAttribute("aria-describedby", scale);
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
    if (this.large) { this.applyLarge(record, typing); return; }
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
    this.updateChips();
    this.visible = this.order(visible);
    this.render();
    if (record && this.useUrl) this.writeUrl(typing);
  };

  // Every listed row is in the document (find-in-page and printing see them all); rows
  // filtered out are detached, and an unchanged list is not touched at all.
  Table.prototype.render = function () {
    var shown = this.large ? this.visible.slice(0, this.limit) : this.visible;
    var tbody = this.table.tBodies[0];
    if (this.large) {
      this.fillSlots(shown);
    } else {
      var current = tbody.rows;
      var same = current.length === shown.length;
      for (var i = 0; i < shown.length && same; i++) same = current[i] === shown[i].tr;
      if (!same) {
        var fragment = document.createDocumentFragment();
        shown.forEach(function (row) { fragment.appendChild(row.tr); });
        tbody.textContent = "";
        tbody.appendChild(fragment);
      }
    }
    var total = this.visible.length;
    var words = "showing " + total + " of " + this.rows.length;
    var text = "S" + words.slice(1);
    if (this.status.textContent !== text) this.status.textContent = text;
    if (this.sheetDone) {
      var done = "Show " + total + (total === 1 ? " result" : " results");
      if (this.sheetDone.textContent !== done) this.sheetDone.textContent = done;
    }
    var caption = (this.title ? this.title + ": " : "") + (this.title ? words : text);
    if (this.caption && this.caption.textContent !== caption) this.caption.textContent = caption;
    if (this.more) this.updateMore(shown.length, total);
  };

  Table.prototype.updateFacets = function (counts) {
    var filters = this.state.filters;
    var active = 0;
    for (var field in this.facetBoxes) {
      var options = this.facetBoxes[field];
      for (var value in options) {
        var item = options[value];
        var n = counts[field][value] || 0;
        if (item.n !== n) {
          item.count.textContent = "(" + n + ")";
          item.wrap.classList.toggle("kb-empty", n === 0);
          item.n = n;
        }
        var on = (filters[field] || []).indexOf(value) !== -1;
        if (item.box.checked !== on) item.box.checked = on;
        if (on) active += 1;
      }
    }
    if (this.toggle) {
      var label = active ? "Filters (" + active + ")" : "Filters";
      if (this.toggle.textContent !== label) this.toggle.textContent = label;
    }
  };

  // Each applied filter as a button that removes it, above the table.
  Table.prototype.updateChips = function () {
    var self = this;
    var chips = [];
    if (this.state.q) chips.push({ text: "Search: " + this.input.value.trim(), field: null });
    this.facets.forEach(function (f) {
      (self.state.filters[f.field] || []).forEach(function (v) {
        var option = self.facetBoxes[f.field][v];
        chips.push({ text: f.label + ": " + (option ? option.label : v), field: f.field, value: v });
      });
    });
    var key = chips.map(function (c) { return c.text; }).join("\n");
    if (key === this.chipsKey) return;
    this.chipsKey = key;
    this.chips.textContent = "";
    this.chips.hidden = !chips.length;
    chips.forEach(function (chip) {
      var button = el("button", { type: "button", "class": "kb-chip kb-chip-remove",
        "aria-label": "Remove filter " + chip.text }, chip.text);
      button.appendChild(el("span", { "aria-hidden": "true" }, " ×"));
      button.addEventListener("click", function () {
        if (chip.field === null) {
          self.input.value = "";
          self.state.q = "";
          self.apply(true);
        } else {
          self.setFilter(chip.field, chip.value, false);
        }
        var next = self.chips.querySelector("button") || self.input;
        next.focus();
      });
      self.chips.appendChild(button);
    });
  };

  // The column and direction of the current sort (column -1: none), marked on the headers.
  Table.prototype.sortBy = function () {
    var sort = this.state.sort;
    var column = this.fields.indexOf(sort.replace(/^-/, ""));
    var dir = sort.charAt(0) === "-" ? -1 : 1;
    this.headers.forEach(function (th, i) {
      var state = i === column ? (dir < 0 ? "descending" : "ascending") : "none";
      if (th.getAttribute("aria-sort") !== state) th.setAttribute("aria-sort", state);
    });
    return { column: column, dir: dir };
  };

  Table.prototype.order = function (rows) {
    var by = this.sortBy();
    var column = by.column;
    var dir = by.dir;
    // The server lists current tools first, retired ones after (each by name); any sort keeps
    // that split unless the reader turns it off.
    var split = this.retiredLast;
    var names = this.fields.indexOf("name");
    if (column === -1 && split) return rows.sort(function (a, b) { return a.index - b.index; });
    if (column === -1) column = names;
    return rows.sort(function (a, b) {
      if (split && a.retired !== b.retired) return a.retired ? 1 : -1;
      var x = a.keys[column], y = b.keys[column];
      if (x === null || y === null) {
        if (x === y) return a.index - b.index;
        return x === null ? 1 : -1; // empty last, whatever the direction
      }
      var c = typeof x === "number" && typeof y === "number" ? x - y : collate(String(x), String(y));
      return c !== 0 ? c * dir : a.index - b.index;
    });
  };

  // The state from the address, within readParams' limits; true when a limit left part of
  // the address out.
  Table.prototype.readUrl = function () {
    if (!this.useUrl) return false;
    var params = readParams(window.location.search);
    var self = this;
    var query = (params.get(C.keys.query) || "").slice(0, MAX_SEARCH_CHARS);
    this.state = this.blank();
    this.state.q = query.trim().toLowerCase();
    var sort = params.get(C.keys.sort) || "";
    if (this.fields.indexOf(sort.replace(/^-/, "")) !== -1) this.state.sort = sort;
    this.facets.forEach(function (f) {
      var known = (f.values || []).map(function (o) { return o.value; });
      var chosen = params.getAll(f.field).filter(function (v) { return known.indexOf(v) !== -1; });
      if (chosen.length) self.state.filters[f.field] = chosen;
    });
    var cols = (params.get(C.keys.columns) || "").split(",").filter(function (c) {
      return c && c !== "name" && self.fields.indexOf(c) !== -1;
    });
    if (cols.length) {
      this.state.cols = this.fields.filter(function (f) { return f === "name" || cols.indexOf(f) !== -1; });
    }
    this.input.value = query;
    return params.trimmed || query.length < (params.get(C.keys.query) || "").length;
  };

  Table.prototype.writeUrl = function (typing, replace) {
    var params = new URLSearchParams();
    var state = this.state;
    if (this.input.value.trim()) params.set(C.keys.query, this.input.value.trim());
    this.facets.forEach(function (f) {
      (state.filters[f.field] || []).forEach(function (v) { params.append(f.field, v); });
    });
    if (state.sort) params.set(C.keys.sort, state.sort);
    if (state.cols.join(",") !== this.initialCols.join(",")) {
      params.set(C.keys.columns, state.cols.filter(function (c) { return c !== "name"; }).join(","));
    }
    var query = params.toString().replace(/%2C/g, ",");
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
    if (!this.ready) return;
    this.typing = false;
    this.readUrl();
    var self = this;
    this.ensure(function () {
      self.apply(false);
      self.showColumns();
      self.syncSelection();
    });
  };

  Table.prototype.reset = function () {
    var cols = this.state.cols;
    this.state = this.blank();
    this.state.cols = cols; // Reset clears filters and sort; the columns chosen stay
    this.input.value = "";
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

  /* ---------------------------------------------------------------- large tables */

  // A large catalog's rows as data (kb/tablepages.py): the page lists the first rows; the
  // data file (JSON) holds each column's distinct cells, as the server renders them, with
  // their sort keys and search texts, and per row which cell it has in every column and
  // which facet values. Search, sort and facets work on the keys, texts and indices; a
  // cell's markup is parsed (in an inert template: nothing in it runs) the first time a
  // row with it is listed. Rows are listed LIST_STEP at a time ("Show more"), in a fixed
  // set of row elements (slots) that change only the cells that differ: a keystroke or a
  // sort then restyles and lays out the cells that changed, not 10,000 rows.
  var LIST_STEP = 30;

  // The data of the tables on the page this script was loaded with, asked for as soon as
  // the script runs: the theme's own start-up (its search index, its sitemap) then runs
  // while the data travels, instead of before it is asked for.
  var early = {};

  function fetchData(href) {
    return fetch(href, { credentials: "same-origin" }).then(function (response) {
      if (!response.ok) throw new Error(String(response.status));
      return response.json();
    });
  }

  Array.prototype.forEach.call(document.querySelectorAll("[data-kb-table][data-kb-rows-href]"),
    function (box) {
      var href = new URL(box.getAttribute("data-kb-rows-href"), window.location.href).href;
      if (early[href]) return;
      early[href] = fetchData(href);
      early[href].catch(function () { return null; }); // reported by loadData
    });

  Table.prototype.loadData = function () {
    var self = this;
    var href = new URL(this.rowsHref, window.location.href);
    var pending = early[href.href] || fetchData(href.href);
    delete early[href.href];
    pending
      .then(function (data) {
        if (!document.body.contains(self.box)) return; // instant navigation moved on
        self.rows = self.readData(data, href);
        self.limit = LIST_STEP;
        self.start();
      })
      .catch(function (error) {
        if (!document.body.contains(self.box) || self.ready) {
          if (self.ready) window.setTimeout(function () { throw error; }, 0);
          return;
        }
        // Without the data the first rows stay, with the way to the others.
        var note = el("p", { "class": "kb-status" }, "Only the first rows are listed here: ");
        note.appendChild(el("a", { href: new URL("page/2/", href).pathname },
          "the other entries, page by page"));
        self.box.insertBefore(note, self.box.firstChild);
      });
  };

  // Relative links in the data file are relative to its folder; an embed lives elsewhere.
  function relocateLinks(nodes, base) {
    var here = new URL(".", window.location.href).pathname;
    var there = new URL(".", base).pathname;
    if (here === there) return;
    nodes.forEach(function (node) {
      Array.prototype.forEach.call(node.querySelectorAll("[href]"), function (a) {
        var href = a.getAttribute("href");
        if (/^([a-z][a-z0-9+.-]*:|\/|#)/i.test(href)) return;
        var url = new URL(href, base);
        a.setAttribute("href", url.pathname + url.search + url.hash);
      });
    });
  }

  Table.prototype.readData = function (data, base) {
    var self = this;
    var columns = data.columns || {};
    this.dataBase = base;
    // Per column: its distinct cells' markup (parsed when first listed), sort keys, texts;
    // null for a column hidden at first until its data is fetched (loadMore).
    this.cellHtml = this.fields.map(function (f) { return columns[f] ? columns[f].html : null; });
    this.cellRawKeys = this.fields.map(function (f) { return columns[f] ? columns[f].keys : null; });
    this.cellModels = this.fields.map(function () { return []; });
    this.placeholders = [];
    var count = data.ids.length;
    this.cellIndex = this.fields.map(function (field) {
      var ix = data.cells[field];
      if (ix !== null) return ix || [];
      // null: every row has a cell of its own, row n has cell n
      var own = new Int32Array(count);
      for (var r = 0; r < count; r++) own[r] = r;
      return own;
    });
    this.cellKeys = this.fields.map(function (field, i) {
      return self.sortKeys(i, columns[field] ? columns[field].keys : []);
    });
    var searched = this.initialCols.map(function (f) { return self.fields.indexOf(f); });
    // A text missing from the data is the text of the cell's markup (see cellText).
    var given = this.fields.map(function (f) { return (columns[f] && columns[f].texts) || []; });
    var derived = this.fields.map(function () { return []; });
    var texts = this.fields.map(function (f, i) {
      return function (at) {
        var t = given[i][at];
        if (t !== undefined && t !== null) return t;
        if (derived[i][at] === undefined) {
          derived[i][at] = self.cellHtml[i] ? cellText(self.cellHtml[i][at]) : "";
        }
        return derived[i][at];
      };
    });
    // Facet values per row: an index into the facet's distinct lists of values.
    this.valueLists = {};
    this.valueIndex = {};
    Object.keys(data.values || {}).forEach(function (field) {
      self.valueLists[field] = data.values[field].lists;
      self.valueIndex[field] = data.values[field].rows;
    });
    this.ranks = {};
    return data.ids.map(function (id, index) {
      // the texts of the columns shown by default, each once (as the server writes them)
      var text = [], seen = Object.create(null);
      searched.forEach(function (i) {
        var t = texts[i](self.cellIndex[i][index]);
        if (!t) return;
        t.split("\u001f").forEach(function (piece) {
          if (!seen[piece]) { seen[piece] = true; text.push(piece); }
        });
      });
      var retiredLabel = data.retired[index];
      return {
        index: index, id: id, text: text.join(" "),
        retired: !!retiredLabel, retiredLabel: retiredLabel || ""
      };
    });
  };

  // The sort keys of column i, from the data's strings: numbers for numeric columns.
  Table.prototype.sortKeys = function (i, raws) {
    var type = this.types[i];
    return raws.map(function (raw) {
      if (raw === null || raw === "") return null; // empty cells sort last
      if (type === "number" || type === "ordinal" || type === "bool") {
        var n = parseFloat(raw);
        return isNaN(n) ? raw : n;
      }
      return raw;
    });
  };

  // The search text of a cell the data file gives no text for: its markup's text nodes,
  // unescaped, each once, joined by U+001F, lower-cased (markup_text in tablepages.py does
  // the same, and the file carries a text wherever the two would differ).
  var ENTITY = /&(amp|lt|gt|quot|#[0-9]+|#[xX][0-9a-fA-F]+);/g;
  var NAMED = { amp: "&", lt: "<", gt: ">", quot: '"' };
  function unescapeText(text) {
    if (text.indexOf("&") === -1) return text;
    return text.replace(ENTITY, function (all, name) {
      if (NAMED[name]) return NAMED[name];
      var hex = name.charAt(1) === "x" || name.charAt(1) === "X";
      return String.fromCodePoint(parseInt(name.slice(hex ? 2 : 1), hex ? 16 : 10));
    });
  }

  function cellText(html) {
    var pieces = [], seen = Object.create(null);
    var found, re = />([^<]+)</g;
    while ((found = re.exec(html)) !== null) {
      var piece = unescapeText(found[1]);
      if (!seen[piece]) { seen[piece] = true; pieces.push(piece); }
    }
    return pieces.join("\u001f").toLowerCase();
  }

  // The hidden columns' markup and sort keys, fetched once when a reader may show one;
  // rows listed before it came carry an empty cell for each such column (see fill).
  Table.prototype.loadMore = function () {
    var self = this;
    if (this.morePending) return this.morePending;
    if (!this.moreHref || this.moreLoaded) return Promise.resolve();
    var href = new URL(this.moreHref, window.location.href);
    if (this.columnSet) this.columnSet.setAttribute("aria-busy", "true");
    var done = function () {
      self.morePending = null;
      if (self.columnSet) self.columnSet.removeAttribute("aria-busy");
    };
    this.morePending = fetchData(href.href).then(function (more) {
      var columns = more.columns || {};
      self.fields.forEach(function (f, i) {
        if (self.cellHtml[i] !== null || !columns[f]) return;
        self.cellHtml[i] = columns[f].html;
        self.cellRawKeys[i] = columns[f].keys;
        self.cellKeys[i] = self.sortKeys(i, columns[f].keys);
        delete self.ranks[i];
      });
      self.moreLoaded = true;
      self.orderKey = null;
      done();
      // the rows in the document get their real cells for those columns
      if (!document.body.contains(self.box) || !self.slots || !self.visible) return;
      self.slots.forEach(function (slot) { slot.stale = true; });
      self.render();
    }, function (error) {
      done();
      window.setTimeout(function () { throw error; }, 0);
    });
    return this.morePending;
  };

  // Runs `then` at once, or once the hidden columns' data is in when the state shows or
  // sorts by one of them (so no column shows its cells empty, and no sort misses keys).
  Table.prototype.ensure = function (then) {
    var self = this;
    var wanted = this.state.cols.concat(this.state.sort ? [this.state.sort.replace(/^-/, "")] : []);
    var missing = this.large && !this.moreLoaded && wanted.some(function (f) {
      var i = self.fields.indexOf(f);
      return i !== -1 && self.cellHtml[i] === null;
    });
    if (!missing) { then(); return; }
    this.loadMore().then(function () { if (document.body.contains(self.box)) then(); });
  };

  // An empty cell of column i, for a row listed before that column's data came.
  Table.prototype.placeholder = function (i) {
    if (!this.placeholders[i]) {
      this.placeholders[i] = cellModel(el(i === 0 ? "th" : "td", { "data-kb-field": this.fields[i] }));
    }
    return this.placeholders[i];
  };

  // Parses, in one go, the cells of `rows` not parsed yet (the server's markup of each
  // distinct cell, in an inert template).
  Table.prototype.parseCells = function (rows) {
    var want = [], html = [];
    for (var r = 0; r < rows.length; r++) {
      for (var i = 0; i < this.fields.length; i++) {
        if (this.cellHtml[i] === null) continue;
        var at = this.cellIndex[i][rows[r].index];
        if (this.cellModels[i][at] !== undefined) continue;
        this.cellModels[i][at] = null; // asked for once
        want.push([i, at]);
        html.push(this.cellHtml[i][at]);
      }
    }
    if (!want.length) return;
    var template = document.createElement("template");
    template.innerHTML = html.join("");
    var nodes = Array.prototype.slice.call(template.content.children);
    relocateLinks(nodes, this.dataBase);
    for (var k = 0; k < want.length; k++) {
      var node = nodes[k], column = want[k][0], cell = want[k][1];
      // the data leaves out a data-kb-sort value that is the cell's sort key
      var raw = this.cellRawKeys[column][cell];
      if (raw && node.getAttribute("data-kb-sort") === "") node.setAttribute("data-kb-sort", raw);
      this.cellModels[column][cell] = cellModel(node);
    }
  };

  // The row elements in the document, one per listed row (a large table's "slots"). The
  // server's first rows become the first slots; a slot that lists another row keeps the
  // cells the two rows share and replaces the others; slots beyond the list are removed.
  Table.prototype.fillSlots = function (shown) {
    var tbody = this.table.tBodies[0];
    if (!this.slots) this.adoptServerRows(tbody);
    this.parseCells(shown);
    var slots = this.slots;
    var cols = this.state.cols;
    if (!this.hidden) this.hidden = this.fields.map(function (f) { return cols.indexOf(f) === -1; });
    var added = null;
    for (var i = 0; i < shown.length; i++) {
      var slot = slots[i];
      if (slot && slot.row !== shown[i] && slot.row.retired !== shown[i].retired) {
        // a new element, so that its attributes come in the server's order
        var fresh = this.newSlot(shown[i]);
        tbody.replaceChild(fresh.tr, slot.tr);
        slot = slots[i] = fresh;
      } else if (!slot) {
        slot = slots[i] = this.newSlot(shown[i]);
        if (!added) added = document.createDocumentFragment();
        added.appendChild(slot.tr);
      }
      this.fill(slot, shown[i]);
    }
    if (added) tbody.appendChild(added);
    for (var j = slots.length - 1; j >= shown.length; j--) tbody.removeChild(slots[j].tr);
    slots.length = Math.min(slots.length, shown.length);
  };

  Table.prototype.adoptServerRows = function (tbody) {
    var self = this;
    this.slots = [];
    Array.prototype.slice.call(tbody.rows).forEach(function (tr, k) {
      var row = self.rows[k];
      if (!row || tr.getAttribute("data-kb-id") !== row.id) {
        tbody.removeChild(tr);
        return;
      }
      var slot = { tr: tr, row: row, cells: self.cellIndex.map(function (ix) { return ix[row.index]; }) };
      self.slotBox(slot);
      self.slots.push(slot);
    });
  };

  Table.prototype.newSlot = function (row) {
    var tr = el("tr", { "data-kb-id": row.id });
    if (row.retired) tr.setAttribute("data-kb-retired", row.retiredLabel);
    return { tr: tr, row: null, cells: [], fresh: true };
  };

  // The slot's select box, which follows whatever row the slot lists.
  Table.prototype.slotBox = function (slot) {
    var self = this;
    var box = el("input", { type: "checkbox", "class": "kb-select" });
    box.addEventListener("change", function () {
      if (box.checked) self.selected[slot.row.id] = true; else delete self.selected[slot.row.id];
      self.updateCompare();
    });
    slot.box = box;
    slot.name = null;
    this.labelBox(slot);
  };

  Table.prototype.labelBox = function (slot) {
    var first = slot.tr.cells[0];
    if (slot.box.parentNode !== first) first.insertBefore(slot.box, first.firstChild);
    var name = first.querySelector(".kb-name");
    var text = (name || first).textContent.trim();
    if (slot.name !== text) {
      slot.box.setAttribute("aria-label", "Select " + text + " to compare");
      slot.name = text;
    }
    var on = !!this.selected[slot.row.id];
    if (slot.box.checked !== on) slot.box.checked = on;
  };

  // A parsed cell, and what refilling a cell from it needs: its attributes' names (as one
  // string) and values, and its children (a fragment to copy).
  function cellModel(parsed) {
    // adopted into this document once: copies are then plain clones
    var node = document.importNode(parsed, true);
    var names = [], values = [];
    for (var k = 0; k < node.attributes.length; k++) {
      names.push(node.attributes[k].name);
      values.push(node.attributes[k].value);
    }
    var kids = document.createDocumentFragment();
    for (var child = node.firstChild; child; child = child.nextSibling) {
      kids.appendChild(child.cloneNode(true));
    }
    return { node: node, list: names, names: names.join(" "), values: values, kids: kids };
  }

  // Makes `cell`, a copy of model `from`, a copy of model `to` (a cell of the same column)
  // by setting the attributes that differ and replacing its children (`keep` aside, the
  // select box of a name cell), when both models have the same attributes; false when they
  // do not. The cell element stays: replacing a cell restyles every row of the table (the
  // rules on cells' positions among their siblings); changing its content restyles that
  // content only.
  function refill(cell, from, to, keep) {
    if (!from || from.names !== to.names) return false;
    for (var k = 0; k < to.values.length; k++) {
      if (from.values[k] !== to.values[k]) cell.setAttribute(to.list[k], to.values[k]);
    }
    var kids = to.kids.cloneNode(true);
    if (keep && keep.parentNode === cell) {
      while (cell.lastChild !== keep) cell.removeChild(cell.lastChild);
      cell.appendChild(kids);
    } else {
      cell.textContent = "";
      cell.appendChild(kids);
    }
    return true;
  }

  // Puts `row` in `slot`: the row's attributes, and each cell that differs from the
  // slot's current one (a copy of the column's parsed cell).
  Table.prototype.fill = function (slot, row) {
    if (slot.row === row && !slot.stale) return;
    slot.stale = false; // set when a column's data came after the slot was filled
    var tr = slot.tr;
    if (!slot.fresh) tr.setAttribute("data-kb-id", row.id);
    if (row.retired && tr.getAttribute("data-kb-retired") !== row.retiredLabel) {
      tr.setAttribute("data-kb-retired", row.retiredLabel);
    }
    if (!row.valuesJson) {
      var values = {};
      for (var field in this.valueLists) {
        values[field] = this.valueLists[field][this.valueIndex[field][row.index]];
      }
      row.valuesJson = JSON.stringify(values);
    }
    tr.setAttribute("data-kb-values", row.valuesJson);
    tr.setAttribute("data-kb-text", row.text);
    var hidden = this.hidden;
    for (var i = 0; i < this.fields.length; i++) {
      // -1: the column's data is not in yet (an empty cell until it is)
      var at = this.cellHtml[i] === null ? -1 : this.cellIndex[i][row.index];
      if (slot.cells[i] === at) continue;
      var model = at === -1 ? this.placeholder(i) : this.cellModels[i][at];
      var was = slot.cells[i] === undefined ? null
        : slot.cells[i] === -1 ? this.placeholder(i) : this.cellModels[i][slot.cells[i]];
      if (!refill(tr.cells[i], was, model, i === 0 ? slot.box : null)) {
        var cell = model.node.cloneNode(true);
        if (hidden[i]) cell.hidden = true;
        if (slot.cells[i] === undefined) tr.appendChild(cell);
        else tr.replaceChild(cell, tr.cells[i]);
      }
      slot.cells[i] = at;
    }
    slot.row = row;
    if (slot.fresh) {
      slot.fresh = false;
      this.slotBox(slot);
    } else {
      this.labelBox(slot);
    }
  };

  // Every row in the order of the current sort, kept until the sort changes: a keystroke
  // or a filter then only walks it, never sorts.
  Table.prototype.ordered = function () {
    var key = this.state.sort + "|" + this.retiredLast;
    if (this.orderKey === key) return this.orderCache;
    var self = this;
    var by = this.sortBy();
    var column = by.column;
    var dir = by.dir;
    var split = this.retiredLast;
    if (column === -1 && !split) column = this.fields.indexOf("name");
    // A counting sort into buckets, in the rows' own order (so the server's order decides
    // between equals): current tools before retired ones when split, then each distinct
    // cell's rank in the direction asked, empty cells last whatever the direction.
    var rank = column === -1 ? null : this.rankOf(column);
    var index = column === -1 ? null : this.cellIndex[column];
    var width = rank ? rank.length + 1 : 1;
    var all = this.rows;
    var bucket = new Int32Array(all.length);
    var starts = new Int32Array(width * 2 + 1);
    for (var r = 0; r < all.length; r++) {
      var b = 0;
      if (rank) {
        var x = rank[index[r]];
        b = x === -1 ? width - 1 : (dir > 0 ? x : width - 2 - x);
      }
      if (split && all[r].retired) b += width;
      bucket[r] = b;
      starts[b + 1] += 1;
    }
    for (var i = 1; i < starts.length; i++) starts[i] += starts[i - 1];
    var rows = new Array(all.length);
    for (r = 0; r < all.length; r++) rows[starts[bucket[r]]++] = all[r];
    this.orderKey = key;
    this.orderCache = rows;
    return rows;
  };

  // Each distinct cell's place in its column's order (-1: empty), as order() compares them.
  Table.prototype.rankOf = function (column) {
    if (this.ranks[column]) return this.ranks[column];
    var keys = this.cellKeys[column];
    var at = keys.map(function (k, i) { return i; }).filter(function (i) { return keys[i] !== null; });
    at.sort(function (a, b) {
      var x = keys[a], y = keys[b];
      return typeof x === "number" && typeof y === "number" ? x - y : collate(String(x), String(y));
    });
    var rank = new Int32Array(keys.length).fill(-1);
    for (var r = 0, prev = null, i = 0; i < at.length; i++) {
      // equal keys share a rank, so the server's order decides between them
      if (i > 0 && keys[at[i]] !== prev) r = i;
      rank[at[i]] = r;
      prev = keys[at[i]];
    }
    this.ranks[column] = rank;
    return rank;
  };

  // Each row's combination of facet values (one index per facet, into its distinct lists),
  // numbered once: returns the combinations, and sets comboOf (row -> combination).
  Table.prototype.groupRows = function (fields, index) {
    if (this.combos) return this.combos;
    var seen = new Map();
    var combos = [];
    var comboOf = new Int32Array(this.rows.length);
    for (var r = 0; r < this.rows.length; r++) {
      var key = "";
      for (var k = 0; k < fields.length; k++) key += index[k][r] + ",";
      var c = seen.get(key);
      if (c === undefined) {
        c = combos.length;
        seen.set(key, c);
        combos.push(index.map(function (ix) { return ix[r]; }));
      }
      comboOf[r] = c;
    }
    this.comboOf = comboOf;
    this.combos = combos;
    return combos;
  };

  Table.prototype.applyLarge = function (record, typing) {
    var self = this;
    var q = this.state.q;
    var filters = this.state.filters;
    // Per facet and distinct list of values: does a row with it pass that facet's filter?
    var fields = this.facets.map(function (f) { return f.field; })
      .filter(function (f) { return self.valueLists[f]; });
    var passes = fields.map(function (field) {
      var wanted = filters[field];
      return self.valueLists[field].map(function (list) {
        if (!wanted) return true;
        for (var j = 0; j < wanted.length; j++) if (list.indexOf(wanted[j]) !== -1) return true;
        return false;
      });
    });
    var index = fields.map(function (f) { return self.valueIndex[f]; });
    // Which rows pass and the counts depend on the search and filters, not on the sort: a
    // sort reuses them.
    var key = JSON.stringify([q, filters]);
    var found = this.passed && this.passed.key === key ? this.passed : null;
    if (!found) {
      // Decided per distinct combination of facet values (rows share them), not per row
      // and facet: a row only counts towards its combination.
      var combos = this.groupRows(fields, index);
      var comboOf = this.comboOf;
      var hits = new Int32Array(combos.length);
      var matched = q ? new Uint8Array(this.rows.length) : null;
      for (var r = 0; r < this.rows.length; r++) {
        if (q) {
          if (this.rows[r].text.indexOf(q) === -1) continue;
          matched[r] = 1;
        }
        hits[comboOf[r]] += 1;
      }
      var tally = fields.map(function (f) { return new Int32Array(self.valueLists[f].length); });
      var comboPass = new Uint8Array(combos.length);
      var n = fields.length;
      for (var c = 0; c < combos.length; c++) {
        var combo = combos[c];
        var failed = -1, fails = 0;
        for (var k = 0; k < n && fails < 2; k++) {
          if (!passes[k][combo[k]]) { failed = k; fails += 1; }
        }
        if (fails === 0) comboPass[c] = 1;
        if (!hits[c]) continue;
        if (fails === 0) {
          for (k = 0; k < n; k++) tally[k][combo[k]] += hits[c];
        } else if (fails === 1) {
          // counted for the one facet that hides it: how many rows each value would show
          tally[failed][combo[failed]] += hits[c];
        }
      }
      found = this.passed = { key: key, comboPass: comboPass, matched: matched, tally: tally };
    }
    tally = found.tally;
    var visible = [];
    var rows = this.ordered();
    var pass = found.comboPass, only = found.matched, of = this.comboOf;
    for (r = 0; r < rows.length; r++) {
      var at = rows[r].index;
      if (pass[of[at]] && (!only || only[at])) visible.push(rows[r]);
    }
    var counts = {};
    this.facets.forEach(function (f) { counts[f.field] = {}; });
    fields.forEach(function (field, k) {
      var lists = self.valueLists[field];
      for (var i = 0; i < lists.length; i++) {
        if (!tally[k][i]) continue;
        lists[i].forEach(function (v) { counts[field][v] = (counts[field][v] || 0) + tally[k][i]; });
      }
    });
    this.updateFacets(counts);
    this.updateChips();
    if (this.visible && this.visibleKey !== this.viewKey()) this.limit = LIST_STEP;
    this.visibleKey = this.viewKey();
    this.visible = visible;
    this.render();
    if (record && this.useUrl) this.writeUrlSoon(typing);
  };

  // A large table writes the address after the frame that shows the change (history calls
  // cost milliseconds), once for a burst of keystrokes; a pending push stays a push.
  Table.prototype.writeUrlSoon = function (typing) {
    var self = this;
    if (this.urlTimer) {
      window.clearTimeout(this.urlTimer);
      if (!this.urlTyping) typing = false;
    }
    this.urlTyping = typing;
    this.urlTimer = window.setTimeout(function () {
      self.urlTimer = null;
      if (document.body.contains(self.box)) self.writeUrl(self.urlTyping);
    }, typing ? 200 : 50);
  };

  Table.prototype.viewKey = function () {
    return JSON.stringify([this.state.q, this.state.filters, this.state.sort, this.retiredLast]);
  };

  Table.prototype.updateMore = function (listed, total) {
    var left = total - listed;
    this.more.hidden = left <= 0;
    var text = "Show " + Math.min(LIST_STEP, left) + " more (" + left + " not listed yet)";
    if (left > 0 && this.more.textContent !== text) this.more.textContent = text;
  };

  /* ---------------------------------------------------------------- compare page */

  // The chosen entries' facts and status come from their own pages (same site, relative
  // URLs): the compare page carries only the field list and the catalog's ids and names (for
  // the picker), so it stays small however large the catalog grows. The entries are shown in
  // the order the address lists them; adding or removing one rewrites the address, so the
  // view can always be shared as it is.
  var MAX_COMPARED = 12;
  var DIFFERS = "data-kb-differs";

  function factsOf(doc, name) {
    return doc.querySelector("[" + C.fact + '="' + name + '"]');
  }

  function copyChildren(from, to) {
    Array.prototype.forEach.call(from.childNodes, function (node) {
      to.appendChild(document.importNode(node, true));
    });
  }

  function squash(text) { return text.replace(/\s+/g, " ").trim(); }

  // What a cell says, for telling rows that differ from rows that agree: the value itself,
  // without the citations (numbered per entry) or a rating's reasoning (worded per entry);
  // chips in any order.
  function valueKey(cell) {
    var copy = cell.cloneNode(true);
    Array.prototype.forEach.call(copy.querySelectorAll(".kb-cite, .kb-basis"), function (n) {
      n.parentNode.removeChild(n);
    });
    var chips = Array.prototype.map.call(copy.querySelectorAll(".kb-chip"), function (n) {
      n.parentNode.removeChild(n);
      return squash(n.textContent);
    }).sort();
    return squash(copy.textContent) + "\n" + chips.join("\n");
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

  function Compare(box) {
    var self = this;
    this.box = box;
    this.fields = readJson(box, "data-kb-fields", []);
    this.pattern = box.getAttribute("data-kb-entry-href") || "../" + C.idSlot + "/";
    this.aSingular = box.getAttribute("data-kb-a-singular") || "an entry";
    this.result = box.querySelector("[data-kb-compare-result]");
    // The catalog's entries, by name: what the picker offers and what the address may name.
    this.catalog = readJson(box, "data-kb-entries", []).filter(function (e) {
      return e && typeof e.id === "string" && ID_RE.test(e.id) && typeof e.name === "string";
    });
    this.known = {};
    this.catalog.forEach(function (e) { self.known[e.id] = e; });
    this.cache = {};
    this.token = 0;
    var params = readParams(window.location.search);
    this.onlyDiff = params.get(C.keys.only) === "differences";
    var asked = params.getAll(C.keys.id)
      .filter(function (id, i, all) { return ID_RE.test(id) && all.indexOf(id) === i; });
    // An id the catalog does not list is named as not found, never fetched nor shown.
    this.unknown = asked.filter(function (id) { return !self.known[id]; });
    this.ids = asked.filter(function (id) { return self.known[id]; }).slice(0, MAX_COMPARED);
    this.build();
    this.update(null);
  }

  Compare.prototype.build = function () {
    var self = this;
    var bar = el("div", { "class": "kb-compare-bar" });
    this.adder = el("div", { "class": "kb-compare-add" });
    var pickId = nextId("kb-pick");
    this.pickLabel = el("label", { "for": pickId });
    this.pick = el("select", { id: pickId, "data-kb-compare-pick": "" });
    this.addButton = el("button", { type: "button", "class": "md-button kb-compare-add-button" },
      "Add");
    this.addButton.addEventListener("click", function () { self.addChosen(); });
    this.pick.addEventListener("keydown", function (event) {
      if (event.key === "Enter") { event.preventDefault(); self.addChosen(); }
    });
    this.adder.appendChild(this.pickLabel);
    var row = el("span", { "class": "kb-compare-add-row" });
    row.appendChild(this.pick);
    row.appendChild(this.addButton);
    this.adder.appendChild(row);
    bar.appendChild(this.adder);

    var diffId = nextId("kb-diff");
    this.diffWrap = el("span", { "class": "kb-compare-diff" });
    this.diff = el("input", { type: "checkbox", id: diffId, "data-kb-only-differences": "" });
    this.diff.checked = this.onlyDiff;
    this.diff.addEventListener("change", function () {
      self.onlyDiff = self.diff.checked;
      self.showRows();
      self.writeUrl();
      self.say();
    });
    this.diffWrap.appendChild(this.diff);
    this.diffWrap.appendChild(el("label", { "for": diffId }, "Only differences"));
    bar.appendChild(this.diffWrap);
    this.box.insertBefore(bar, this.result);

    this.status = el("p", { "class": "kb-status", role: "status", "aria-live": "polite" });
    this.box.insertBefore(this.status, this.result);

    // Scrolled sideways, the labels cast a shadow over the columns that went under them.
    this.result.addEventListener("scroll", function () {
      self.result.classList.toggle("kb-scrolled", self.result.scrollLeft > 2);
    }, { passive: true });

    var resized = null;
    window.addEventListener("resize", function onResize() {
      if (!document.body.contains(self.box)) {
        window.removeEventListener("resize", onResize);
        return;
      }
      window.clearTimeout(resized);
      resized = window.setTimeout(function () {
        var wide = self.wide;
        self.fit();
        if (self.wide !== wide) self.say();
      }, 100);
    });
  };

  Compare.prototype.load = function (id) {
    if (!this.cache[id]) this.cache[id] = loadEntry(this.pattern, id);
    return this.cache[id];
  };

  Compare.prototype.nameOf = function (id) {
    return this.known[id] ? this.known[id].name : id;
  };

  // The address names the entries shown, in their order, and whether only the rows that
  // differ are shown. Replaced, not pushed: a change here edits this view, it is not a new
  // page to go Back to.
  Compare.prototype.writeUrl = function () {
    var params = new URLSearchParams();
    this.ids.forEach(function (id) { params.append(C.keys.id, id); });
    if (this.onlyDiff) params.set(C.keys.only, "differences");
    var query = params.toString();
    var url = window.location.pathname + (query ? "?" + query : "") + window.location.hash;
    window.history.replaceState(null, "", url);
  };

  Compare.prototype.add = function (id) {
    if (!this.known[id] || this.ids.indexOf(id) !== -1 || this.ids.length >= MAX_COMPARED) return;
    this.ids.push(id);
    this.writeUrl();
    this.update("Added " + this.nameOf(id) + ".");
  };

  Compare.prototype.addChosen = function () {
    var id = this.pick.value;
    if (!id) { this.pick.focus(); return; }
    this.add(id);
    this.pick.focus();
  };

  Compare.prototype.remove = function (id) {
    var at = this.ids.indexOf(id);
    if (at === -1) return;
    this.ids.splice(at, 1);
    this.writeUrl();
    // Focus goes to the Remove button now in the same place, else the one before, else the
    // picker: never lost to the top of the page.
    this.focusAfter = this.ids[at] || this.ids[at - 1] || null;
    this.update("Removed " + this.nameOf(id) + ".");
  };

  Compare.prototype.updatePicker = function () {
    var self = this;
    var n = this.ids.length;
    this.pickLabel.textContent = n === 0 ? "Choose " + this.aSingular + " to compare"
      : n === 1 ? "Add another to compare" : "Add " + this.aSingular;
    this.adder.classList.toggle("kb-prominent", n < 2);
    this.pick.textContent = "";
    var left = this.catalog.filter(function (e) { return self.ids.indexOf(e.id) === -1; });
    var full = n >= MAX_COMPARED;
    this.pick.appendChild(el("option", { value: "" },
      full ? "At most " + MAX_COMPARED + " at once" : "Choose one of " + left.length + "…"));
    left.forEach(function (e) {
      var text = e.name + (typeof e.status === "string" ? " (" + e.status.toLowerCase() + ")" : "");
      self.pick.appendChild(el("option", { value: e.id }, text));
    });
    this.pick.disabled = full || !left.length;
    this.addButton.disabled = this.pick.disabled;
    this.diffWrap.hidden = n < 2; // nothing to tell apart
  };

  // Loads what is not loaded yet, then draws the table; a later change wins over one still
  // loading.
  Compare.prototype.update = function (news) {
    var self = this;
    var token = ++this.token;
    var ids = this.ids.slice();
    this.updatePicker();
    if (!ids.length) {
      this.result.textContent = "";
      this.table = null;
      this.fit();
      this.found = [];
      this.missing = [];
      this.say(news);
      if (this.focusAfter === null) this.pick.focus();
      this.focusAfter = undefined;
      return;
    }
    if (ids.some(function (id) { return !self.cache[id]; })) {
      this.status.textContent = "Loading " + ids.length + (ids.length === 1 ? " entry…" : " entries…");
    }
    Promise.all(ids.map(function (id) { return self.load(id); })).then(function (entries) {
      if (token !== self.token) return;
      self.found = entries.filter(function (e) { return !e.missing; });
      self.missing = entries.filter(function (e) { return e.missing; });
      self.render();
      self.say(news);
      if (self.focusAfter !== undefined) {
        var after = self.focusAfter;
        var target = after === null ? self.pick : after.indexOf("name:") === 0
          ? self.result.querySelector('th[data-kb-id="' + after.slice(5) + '"] a')
          : self.result.querySelector('button[data-kb-remove="' + after + '"]');
        (target || self.pick).focus();
        self.focusAfter = undefined;
      }
    });
  };

  Compare.prototype.say = function (news) {
    var n = this.found.length;
    var text = news ? news + " " : "";
    if (!n) text += "No entries chosen yet.";
    else text += "Comparing " + n + " " + (n === 1 ? "entry" : "entries") + ".";
    if (n >= 2) {
      var rows = this.rows.length, differ = this.differing;
      if (!differ) text += " All " + rows + " rows agree.";
      else if (this.onlyDiff) {
        text += " Showing the " + differ + " of " + rows + " rows that differ.";
      } else {
        text += " " + differ + " of " + rows + " rows differ, marked \u2260.";
      }
    }
    if (this.wide) text += " Scroll the table sideways to see them all.";
    var gone = this.unknown.concat(this.missing.map(function (e) { return e.id; }));
    if (gone.length) text += " Not found: " + gone.join(", ") + ".";
    this.status.textContent = text;
  };

  Compare.prototype.statusCell = function (entry, td) {
    var self = this;
    var node = entry.doc.querySelector("[" + C.status + "]");
    if (!node) {
      td.appendChild(el("span", { "class": "kb-state kb-state-active" }, "Active"));
      return;
    }
    var code = node.getAttribute(C.status) || "";
    var state = el("strong", { "class": "kb-state kb-state-retired", "data-kb-state": code });
    var title = node.querySelector(".admonition-title");
    if (title) copyChildren(title, state);
    else state.textContent = code;
    td.appendChild(state);
    var successor = node.querySelector("[" + C.successor + "]");
    if (!successor) return;
    var line = el("span", { "class": "kb-successor" }, "Successor: ");
    copyChildren(successor, line);
    td.appendChild(line);
    var next = successor.getAttribute(C.successor);
    if (next && ID_RE.test(next) && this.known[next] && this.ids.indexOf(next) === -1 &&
        this.ids.length < MAX_COMPARED) {
      var button = el("button", { type: "button", "class": "kb-compare-successor",
        "data-kb-add": next }, "Compare with " + this.nameOf(next));
      button.addEventListener("click", function () {
        // the button goes with the redraw: focus moves to the successor's column
        self.focusAfter = "name:" + next;
        self.add(next);
      });
      td.appendChild(button);
    }
  };

  Compare.prototype.render = function () {
    var self = this;
    var found = this.found;
    var table = el("table", { "class": "kb-compare-table" });
    var head = el("tr");
    head.appendChild(el("th", { scope: "col" }, "Field"));
    found.forEach(function (e, i) {
      var th = el("th", { scope: "col", "data-kb-id": e.id });
      // Where the column stands, for a reader who scrolls through them (shown when they do).
      if (found.length > 1) {
        th.appendChild(el("span", { "class": "kb-compare-pos", "aria-hidden": "true" },
          (i + 1) + " of " + found.length));
      }
      th.appendChild(el("a", { href: self.pattern.replace(C.idSlot, e.id), "class": "kb-compare-name" }, e.name));
      var remove = el("button", { type: "button", "class": "kb-compare-remove",
        "data-kb-remove": e.id, "aria-label": "Remove " + e.name + " from the comparison" });
      remove.appendChild(el("span", { "aria-hidden": "true" }, "\u00d7 "));
      remove.appendChild(document.createTextNode("Remove"));
      remove.addEventListener("click", function () { self.remove(e.id); });
      th.appendChild(remove);
      head.appendChild(th);
    });
    table.appendChild(el("thead")).appendChild(head);
    var body = el("tbody");
    var rows = [{ name: "status", label: "Status" }].concat(this.fields);
    this.rows = [];
    this.differing = 0;
    rows.forEach(function (f) {
      var tr = el("tr", { "data-kb-field": f.name });
      var th = el("th", { scope: "row" });
      tr.appendChild(th);
      var keys = {};
      found.forEach(function (e) {
        var td = el("td", { "data-kb-id": e.id });
        if (f.name === "status") {
          self.statusCell(e, td);
        } else {
          var source = factsOf(e.doc, f.name);
          var absent = source ? null
            : e.doc.querySelector("[" + C.factMissing + '="' + f.name + '"]');
          if (source) {
            copyChildren(source, td);
          } else if (absent) {
            // as the entry page and the tables say it: "not given", or "n/a" and why
            var why = absent.getAttribute("data-kb-missing") || "not given";
            var span = el("span", { "class": "kb-missing", "data-kb-missing": why }, why);
            if (absent.getAttribute("title")) span.setAttribute("title", absent.getAttribute("title"));
            td.appendChild(span);
          } else {
            td.textContent = "\u2014";
          }
        }
        // No value ("not given", "n/a", or no row) is one value: a row where no entry has
        // one says nothing that differs.
        keys[f.name !== "status" && !factsOf(e.doc, f.name) ? "" : valueKey(td)] = true;
        tr.appendChild(td);
      });
      var differs = found.length > 1 && Object.keys(keys).length > 1;
      if (differs) {
        tr.setAttribute(DIFFERS, "");
        th.appendChild(el("span", { "class": "kb-differs-mark", "aria-hidden": "true" }, "\u2260"));
        self.differing += 1;
      }
      th.appendChild(document.createTextNode(f.label));
      if (differs) th.appendChild(el("span", { "class": "kb-visually-hidden" }, " (differs)"));
      body.appendChild(tr);
      self.rows.push({ tr: tr, differs: differs });
    });
    table.appendChild(body);
    this.table = table;
    this.result.textContent = "";
    this.result.appendChild(table);
    this.showRows();
    this.fit();
  };

  Compare.prototype.showRows = function () {
    var only = this.onlyDiff && this.found && this.found.length > 1;
    (this.rows || []).forEach(function (row) { row.tr.hidden = only && !row.differs; });
  };

  // Column widths: the label column fixed, the entries sharing the rest equally. When they
  // cannot all have a readable width, as many as can are in view and the rest scroll
  // sideways; the columns then divide the view exactly, so that wherever scrolling stops
  // (it snaps to columns) no column lies half under the sticky labels.
  Compare.prototype.fit = function () {
    var table = this.table;
    if (!table) { this.scrolls(0, 0); return; }
    if (!document.body.contains(table)) return;
    var n = this.found.length;
    var rem = parseFloat(getComputedStyle(document.documentElement).fontSize) || 16;
    var phone = window.matchMedia("(max-width: 600px)").matches;
    var label = (phone ? 6.3 : 8) * rem;
    var avail = this.result.clientWidth - 2 - label; // the table's borders
    var least = phone ? avail : Math.min(avail, 9.5 * rem);
    var inView = Math.max(1, Math.floor(avail / least));
    var col = Math.floor((avail / Math.min(n, inView)) * 10) / 10;
    var cells = table.tHead.rows[0].cells;
    cells[0].style.width = label + "px";
    for (var i = 1; i < cells.length; i++) cells[i].style.width = col + "px";
    table.style.width = (label + n * col) + "px";
    this.result.style.setProperty("--kb-label-width", label + "px");
    this.scrolls(n, inView);
  };

  // With more entries than fit, the table scrolls in its box: a shadow on the right edge
  // shows it, and the box can take the keyboard focus (arrow keys scroll it).
  Compare.prototype.scrolls = function (n, inView) {
    var box = this.result;
    this.wide = n > inView;
    box.classList.toggle("kb-compare-wide", this.wide);
    if (this.wide) {
      box.setAttribute("tabindex", "0");
      box.setAttribute("role", "region");
      box.setAttribute("aria-label", "Comparison table, " + inView + " of " + n +
        " entries in view; scrolls sideways");
    } else {
      box.removeAttribute("tabindex");
      box.removeAttribute("role");
      box.removeAttribute("aria-label");
    }
  };

  /* ---------------------------------------------------------------- ranking widget */

  // Ranks on what is rated: a missing rating counts for nothing (an entry rated on one
  // criterion of four scores at most 25%, never a full match), each entry says on how many of
  // the weighted criteria it was rated, and one rated on none is listed last, with no score.
  function setupRank(box) {
    var data = readJson(box, "data-kb-rank-data", null);
    if (!data) return;
    var weights = {};
    var form = el("div", { "class": "kb-rank-controls" });
    data.criteria.forEach(function (c) {
      var id = nextId("kb-weight");
      weights[c.field] = 3;
      var row = el("div", { "class": "kb-rank-criterion" });
      row.appendChild(el("label", { "for": id }, c.hint || c.label));
      var input = el("input", { type: "range", id: id, min: "0", max: "5", step: "1", value: "3",
        "data-kb-criterion": c.field, "aria-valuetext": "weight 3 of 5" });
      var out = el("output", { "for": id }, "3");
      input.addEventListener("input", function () {
        weights[c.field] = parseInt(input.value, 10);
        out.textContent = input.value;
        input.setAttribute("aria-valuetext", "weight " + input.value + " of 5");
        render();
      });
      row.appendChild(input);
      row.appendChild(out);
      form.appendChild(row);
    });
    // Retired tools can no longer be bought: they stay out of the ranking unless the reader
    // asks for them (to see how a successor compares, say).
    var includeRetired = false;
    var retiredCount = data.entries.filter(function (e) { return e.status; }).length;
    if (retiredCount) {
      var toggleId = nextId("kb-rank-retired");
      var toggleRow = el("div", { "class": "kb-rank-retired" });
      var toggle = el("input", { type: "checkbox", id: toggleId, "data-kb-include-retired": "" });
      toggle.addEventListener("change", function () { includeRetired = toggle.checked; render(); });
      toggleRow.appendChild(toggle);
      toggleRow.appendChild(el("label", { "for": toggleId },
        " Include " + retiredCount + " retired " + (retiredCount === 1 ? "tool" : "tools")));
      form.appendChild(toggleRow);
    }
    var list = el("ol", { "class": "kb-rank-results", "aria-live": "polite" });
    box.appendChild(form);
    box.appendChild(list);

    function score(entry) {
      var total = 0, possible = 0, rated = 0, weighted = 0;
      data.criteria.forEach(function (c) {
        if (!weights[c.field]) return; // weight 0: the reader does not care
        weighted += 1;
        possible += weights[c.field];
        var rank = entry.ranks[c.field], max = entry.max[c.field];
        if (rank === undefined || rank === null || !max || max < 2) return;
        var good = c.better === "low" ? (max - rank) / (max - 1) : (rank - 1) / (max - 1);
        total += weights[c.field] * good;
        rated += 1;
      });
      return { s: rated && possible ? total / possible : -1, rated: rated, weighted: weighted };
    }

    function describe(r) {
      if (!r.weighted) return " — no criterion weighted";
      if (!r.rated) return " — not rated on the weighted criteria";
      var text = " — " + Math.round(r.s * 100) + "% match";
      if (r.rated < r.weighted) {
        text += ", rated on " + r.rated + " of " + r.weighted + " criteria";
      }
      return text;
    }

    function render() {
      var ranked = data.entries
        .filter(function (e) { return includeRetired || !e.status; })
        .map(function (e) { var r = score(e); r.e = e; return r; });
      ranked.sort(function (a, b) {
        return b.s - a.s || b.rated - a.rated || a.e.name.localeCompare(b.e.name);
      });
      while (list.firstChild) list.removeChild(list.firstChild);
      ranked.forEach(function (r) {
        var li = el("li", { "data-kb-id": r.e.id, "data-kb-rated": String(r.rated) });
        if (r.e.status) li.setAttribute("data-kb-retired", "");
        li.appendChild(el("a", { href: r.e.href }, r.e.name));
        // A retired product says so wherever it is ranked.
        if (r.e.status) li.appendChild(el("span", { "class": "kb-status-note" }, " (" + r.e.status + ")"));
        li.appendChild(el("span", { "class": "kb-score" + (r.rated ? "" : " kb-unrated") }, describe(r)));
        list.appendChild(li);
      });
    }
    render();
  }

  /* ---------------------------------------------------------------- wiring */

  // A skip link moves the keyboard, not only the view: focus its target (the table or its
  // filters), which carries tabindex="-1" for this. Handled while the click is captured and
  // kept from Material's instant navigation, whose own handling of a same-page link could
  // otherwise move the focus again once it gets round to it (seen on a loaded machine).
  document.addEventListener("click", function (event) {
    var link = event.target && event.target.closest ? event.target.closest("a.kb-skip") : null;
    if (!link) return;
    var target = document.getElementById((link.getAttribute("href") || "").slice(1));
    if (!target) return;
    event.preventDefault();
    event.stopPropagation();
    target.focus({ preventScroll: true });
    target.scrollIntoView({ block: "start" });
  }, true);


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
      new Compare(box); // wires itself to the page
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
  // Back/Forward from another page may bring this one back from the browser's cache.
  window.addEventListener("pageshow", function () {
    tables.forEach(function (t) { if (document.body.contains(t.box)) t.syncSelection(); });
  });

  // Runs `start` on every page. Material's instant navigation swaps pages without a reload
  // and announces each new page through its document$ observable; without it, run once the
  // document is ready. embed.js (loaded after this script) starts the same way.
  function onEveryPage(start) {
    if (window.document$ && typeof window.document$.subscribe === "function") {
      window.document$.subscribe(function () { start(); });
    } else if (document.readyState === "loading") {
      document.addEventListener("DOMContentLoaded", start);
    } else {
      start();
    }
  }
  window.kbOnEveryPage = onEveryPage;
  onEveryPage(init);
})();
