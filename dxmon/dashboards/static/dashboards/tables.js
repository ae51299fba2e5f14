/* Client-side sorting (th > button[data-sort]) and filtering (select[data-dx-filter]) of tables
   marked data-dx-table. Cells carry their raw value in data-value; rows their facets in data-*. */
(function () {
  "use strict";
  var collator = new Intl.Collator("vi", { sensitivity: "base", numeric: true });

  function setup(table) {
    var tbody = table.tBodies[0];
    table.querySelectorAll("th button[data-sort]").forEach(function (btn) {
      btn.addEventListener("click", function () {
        var th = btn.closest("th");
        var col = Array.prototype.indexOf.call(th.parentNode.children, th);
        var asc = th.getAttribute("aria-sort") !== "ascending";
        table.querySelectorAll("th[aria-sort]").forEach(function (h) { h.removeAttribute("aria-sort"); });
        th.setAttribute("aria-sort", asc ? "ascending" : "descending");
        var numeric = btn.dataset.sort === "number";
        var rows = Array.prototype.slice.call(tbody.rows);
        rows.sort(function (a, b) {
          var x = a.cells[col].dataset.value, y = b.cells[col].dataset.value;
          if (x === undefined) x = a.cells[col].textContent.trim();
          if (y === undefined) y = b.cells[col].textContent.trim();
          if (numeric) {
            var nx = x === "" ? NaN : parseFloat(x), ny = y === "" ? NaN : parseFloat(y);
            if (Number.isNaN(nx)) return 1;
            if (Number.isNaN(ny)) return -1;
            return asc ? nx - ny : ny - nx;
          }
          return asc ? collator.compare(x, y) : collator.compare(y, x);
        });
        rows.forEach(function (r) { tbody.appendChild(r); });
      });
    });
    var filters = document.querySelectorAll("[data-dx-filter][data-dx-target='" + table.id + "']");
    function apply() {
      var shown = 0;
      Array.prototype.forEach.call(tbody.rows, function (row) {
        var ok = true;
        filters.forEach(function (f) { if (f.value && row.dataset[f.dataset.dxFilter] !== f.value) ok = false; });
        row.hidden = !ok;
        if (ok) shown += 1;
      });
      var counter = document.querySelector("[data-dx-count='" + table.id + "']");
      if (counter) counter.textContent = shown;
    }
    filters.forEach(function (f) { f.addEventListener("change", apply); });
  }

  function init() { document.querySelectorAll("table[data-dx-table]").forEach(setup); }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
