(function () {
  "use strict";
  var table = document.getElementById("every");
  var form = document.getElementById("controls");
  if (!table || !form) { return; }
  var body = table.tBodies[0];
  var rows = Array.prototype.slice.call(body.rows);
  var texts = rows.map(function (row) { return row.textContent.toLowerCase(); });
  var shown = document.getElementById("shown");
  var fields = {
    q: document.getElementById("q"),
    segment: document.getElementById("f-segment"),
    phase: document.getElementById("f-phase"),
    finding: document.getElementById("f-finding"),
    owner: document.getElementById("f-owner"),
    renewal: document.getElementById("f-renewal")
  };
  function keep(row, index) {
    var query = fields.q.value.trim().toLowerCase();
    if (query && texts[index].indexOf(query) < 0) { return false; }
    if (fields.segment.value && row.dataset.segment !== fields.segment.value) { return false; }
    if (fields.phase.value && row.dataset.phase !== fields.phase.value) { return false; }
    var found = row.dataset.findings ? row.dataset.findings.split(" ") : [];
    if (fields.finding.value === "*" && !found.length) { return false; }
    if (fields.finding.value && fields.finding.value !== "*" && found.indexOf(fields.finding.value) < 0) { return false; }
    if (fields.owner.value && (row.dataset.owners || "").split(" ").indexOf(fields.owner.value) < 0) { return false; }
    if (fields.renewal.value) {
      if (row.dataset.renewal === "" || Number(row.dataset.renewal) >= Number(fields.renewal.value)) { return false; }
    }
    return true;
  }
  function apply() {
    var count = 0;
    rows.forEach(function (row, index) {
      var visible = keep(row, index);
      row.hidden = !visible;
      if (visible) { count += 1; }
    });
    var format = new Intl.NumberFormat(document.documentElement.lang);
    shown.textContent = table.dataset.shown
      .replace("{shown}", format.format(count))
      .replace("{total}", table.dataset.total);
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
      var collator = new Intl.Collator(document.documentElement.lang, { numeric: true });
      var order = rows.map(function (row, index) { return [value(row, column, kind), index]; });
      order.sort(function (a, b) {
        var result = kind === "num" ? a[0] - b[0] : collator.compare(a[0], b[0]);
        if (descending) { result = -result; }
        return result || a[1] - b[1];
      });
      var fragment = document.createDocumentFragment();
      order.forEach(function (pair) { fragment.appendChild(rows[pair[1]]); });
      body.appendChild(fragment);
    });
  });
  Object.keys(fields).forEach(function (key) {
    fields[key].addEventListener(key === "q" ? "input" : "change", apply);
  });
  form.addEventListener("submit", function (event) { event.preventDefault(); });
  form.hidden = false;
  apply();
}());
