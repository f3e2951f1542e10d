(function () {
  "use strict";
  var lang = document.documentElement.lang;
  function format(value) {
    try { return new Intl.NumberFormat(lang).format(value); } catch (error) { return String(value); }
  }
  function fill(text, values) {
    return text.replace(/\{(\w+)\}/g, function (whole, key) { return key in values ? values[key] : whole; });
  }

  // A long table shows its first rows; the others wait in a <noscript>, which the browser
  // keeps as text while this script runs: nothing is built or laid out until asked for.
  function Paged(table) {
    this.table = table;
    this.body = table.tBodies[0];
    this.page = Number(table.dataset.page) || 50;
    this.limit = this.page;
    this.count = Number(table.dataset.count) || this.body.rows.length;
    this.rows = Array.prototype.slice.call(this.body.rows);
    this.kept = null; // the rows the filters keep, null for every row
    this.rest = document.querySelector('noscript[data-rest="' + table.id + '"]');
    this.pager = document.querySelector('.pager[data-for="' + table.id + '"]');
    var self = this;
    if (this.pager) {
      this.pager.querySelector(".pager-more").addEventListener("click", function () {
        self.limit += self.page;
        self.draw();
      });
      this.pager.querySelector(".pager-all").addEventListener("click", function () {
        self.limit = Infinity;
        self.draw();
      });
    }
  }
  Paged.prototype.load = function () {
    if (this.rest) {
      var holder = document.createElement("template");
      holder.innerHTML = this.rest.textContent;
      var body = holder.content.querySelector("tbody");
      this.rows = this.rows.concat(Array.prototype.slice.call(body ? body.rows : []));
      this.rest = null;
    }
    return this.rows;
  };
  Paged.prototype.draw = function () {
    var total = this.kept ? this.kept.length : this.count;
    var wanted = Math.min(this.limit, total);
    if (!this.kept && wanted > this.rows.length) { this.load(); }
    var list = (this.kept || this.rows).slice(0, wanted);
    var current = this.body.rows;
    var same = current.length === list.length && list.every(function (row, index) { return current[index] === row; });
    if (!same) {
      var fragment = document.createDocumentFragment();
      list.forEach(function (row) { fragment.appendChild(row); });
      this.body.textContent = "";
      this.body.appendChild(fragment);
    }
    if (this.pager) {
      this.pager.hidden = wanted >= total;
      var status = this.pager.querySelector(".pager-status");
      status.textContent = fill(status.dataset.text, { shown: format(wanted), count: format(total) });
    }
  };

  var tables = Array.prototype.slice.call(document.querySelectorAll("table[data-page]")).map(function (table) {
    return new Paged(table);
  });
  tables.forEach(function (paged) { paged.draw(); });
  // printed, every row is there
  var limits = [];
  window.addEventListener("beforeprint", function () {
    limits = tables.map(function (paged) { var was = paged.limit; paged.limit = Infinity; paged.draw(); return was; });
  });
  window.addEventListener("afterprint", function () {
    tables.forEach(function (paged, index) { paged.limit = limits[index] || paged.page; paged.draw(); });
  });

  // The table of every relationship sorts, filters and searches over all its rows.
  var table = document.getElementById("every");
  var form = document.getElementById("controls");
  if (!table || !form) { return; }
  var every = tables.filter(function (paged) { return paged.table === table; })[0];
  var rows = every.load();
  var texts = new Map();
  rows.forEach(function (row) { texts.set(row, row.textContent.toLowerCase()); });
  var shown = document.getElementById("shown");
  var fields = {
    q: document.getElementById("q"),
    segment: document.getElementById("f-segment"),
    phase: document.getElementById("f-phase"),
    finding: document.getElementById("f-finding"),
    owner: document.getElementById("f-owner"),
    renewal: document.getElementById("f-renewal")
  };
  function keep(row) {
    var query = fields.q.value.trim().toLowerCase();
    if (query && texts.get(row).indexOf(query) < 0) { return false; }
    if (fields.segment.value && row.dataset.segment !== fields.segment.value) { return false; }
    if (fields.phase.value && row.dataset.phase !== fields.phase.value) { return false; }
    var found = row.dataset.findings ? row.dataset.findings.split(" ") : [];
    if (fields.finding.value === "*" && !found.length) { return false; }
    if (fields.finding.value && fields.finding.value !== "*" && found.indexOf(fields.finding.value) < 0) { return false; }
    if (fields.owner.value && (row.dataset.owners || "").split(" ").indexOf(fields.owner.value) < 0) { return false; }
    if (fields.renewal.value) {
      var months = row.dataset.renewal; // none: no renewal date, or already past
      if (!months || Number(months) >= Number(fields.renewal.value)) { return false; }
    }
    return true;
  }
  function apply() {
    every.kept = every.rows.filter(keep);
    every.limit = every.page;
    every.draw();
    shown.textContent = fill(table.dataset.shown, { shown: format(every.kept.length), total: table.dataset.total });
  }
  function value(row, column, kind) {
    var cell = row.cells[column];
    if (kind === "num") {
      var raw = cell.dataset.v !== undefined ? cell.dataset.v : cell.textContent.replace(/[^\d.-]/g, "");
      var number = parseFloat(raw);
      return isNaN(number) ? -Infinity : number;
    }
    return cell.textContent.trim().toLowerCase();
  }
  var headers = Array.prototype.slice.call(table.tHead.rows[0].cells);
  headers.forEach(function (header, column) {
    var kind = header.dataset.sort;
    if (!kind) { return; }
    var button = document.createElement("button");
    button.type = "button";
    button.className = "sort";
    while (header.firstChild) { button.appendChild(header.firstChild); }
    header.appendChild(button);
    button.addEventListener("click", function () {
      var descending = header.getAttribute("aria-sort") === "ascending";
      headers.forEach(function (other) { other.removeAttribute("aria-sort"); });
      header.setAttribute("aria-sort", descending ? "descending" : "ascending");
      var collator = new Intl.Collator(lang, { numeric: true });
      var order = every.rows.map(function (row, index) { return [value(row, column, kind), index, row]; });
      order.sort(function (a, b) {
        var result = kind === "num" ? a[0] - b[0] : collator.compare(a[0], b[0]);
        if (descending) { result = -result; }
        return result || a[1] - b[1];
      });
      every.rows = order.map(function (triple) { return triple[2]; });
      apply();
    });
  });
  Object.keys(fields).forEach(function (key) {
    fields[key].addEventListener(key === "q" ? "input" : "change", apply);
  });
  form.addEventListener("submit", function (event) { event.preventDefault(); });
  form.hidden = false;
  apply();
}());
