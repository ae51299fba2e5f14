/* The data entry page: live percentage of ratio rows, and Enter that saves a row instead of
   submitting anything else. Saving itself is htmx (hx-post on change). */
(function () {
  "use strict";

  // Read a number typed the Vietnamese way ("1.234", "79,5") or the English way ("79.5").
  function parseVn(text) {
    var s = String(text || "").trim().replace(/\s/g, "");
    if (!s) return null;
    if (s.indexOf(",") >= 0 && s.indexOf(".") >= 0) {
      s = s.replace(/\./g, "").replace(",", ".");
    } else if (s.indexOf(",") >= 0) {
      s = s.replace(",", ".");
    } else if (/^\d{1,3}(\.\d{3})+$/.test(s)) {
      s = s.replace(/\./g, "");
    }
    if (!/^-?\d+(\.\d+)?$/.test(s)) return NaN;
    return parseFloat(s);
  }

  var percentFormat = new Intl.NumberFormat("vi-VN", { maximumFractionDigits: 1 });

  function updatePercent(container) {
    var num = container.querySelector("[data-role=numerator]");
    var den = container.querySelector("[data-role=denominator]");
    var out = container.querySelector(".dx-percent");
    if (!num || !den || !out) return;
    var n = parseVn(num.value);
    var d = parseVn(den.value);
    out.classList.remove("is-invalid");
    if (n === null && d === null) {
      out.textContent = "—";
    } else if (n === null || d === null) {
      out.textContent = out.dataset.partial || "Nhập cả tử số và mẫu số";
    } else if (isNaN(n) || isNaN(d)) {
      out.textContent = out.dataset.nan || "Không phải số";
      out.classList.add("is-invalid");
    } else if (d <= 0) {
      out.textContent = out.dataset.zero || "Mẫu số phải lớn hơn 0";
      out.classList.add("is-invalid");
    } else if (n > d) {
      out.textContent = out.dataset.over || "Tử số lớn hơn mẫu số";
      out.classList.add("is-invalid");
    } else {
      out.textContent = percentFormat.format((100 * n) / d) + "%";
    }
  }

  document.addEventListener("input", function (event) {
    var ratio = event.target.closest && event.target.closest(".dx-ratio");
    if (ratio) updatePercent(ratio);
  });

  // A ratio with only one of its two parts is not a value yet: wait for the other part
  // instead of saving half of it (the live percentage says what is missing).
  document.addEventListener("htmx:confirm", function (event) {
    var form = event.detail.elt;
    if (!form.classList || !form.classList.contains("dx-value-form")) return;
    var num = form.querySelector("[data-role=numerator]");
    var den = form.querySelector("[data-role=denominator]");
    if (num && den && (num.value.trim() === "") !== (den.value.trim() === "")) {
      event.preventDefault();
    }
  });

  // Enter in a one-line input saves that row (htmx listens to "submit") and never posts the
  // page; it does not move on, so a mistyped Enter loses nothing.
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Enter" || event.target.tagName !== "INPUT") return;
    var form = event.target.closest(".dx-value-form");
    if (!form) return;
    event.preventDefault();
    if (window.htmx) window.htmx.trigger(form, "submit");
  });
})();
