/* "Nhập từ báo cáo": after each accepted proposal (htmx), every form on the page posts the
   report's latest revision, so that the next accept is not taken for a concurrent edit. */
(function () {
  "use strict";

  function syncRevision() {
    var current = document.getElementById("dx-revision");
    if (!current) return;
    document.querySelectorAll(".dx-revision-copy").forEach(function (input) {
      input.value = current.value;
    });
  }

  document.addEventListener("htmx:afterSettle", syncRevision);
  document.addEventListener("DOMContentLoaded", syncRevision);
})();
