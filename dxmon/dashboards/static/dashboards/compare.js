/* The comparison's unit picker: search communes (diacritics ignored, server side), add up to
   data-max chips, keep their ids in the hidden "units" field. */
(function () {
  "use strict";
  var form = document.getElementById("dx-picker");
  if (!form) return;
  var hidden = form.querySelector("input[name=units]");
  var chips = form.querySelector("[data-chips]");
  var input = document.getElementById("dx-unit-q");
  var list = document.getElementById("dx-unit-results");
  var max = parseInt(form.dataset.max, 10) || 5;
  var timer = null;

  function ids() { return hidden.value ? hidden.value.split(",") : []; }
  function sync() {
    hidden.value = Array.prototype.map.call(chips.querySelectorAll("[data-pk]"), function (c) { return c.dataset.pk; }).join(",");
  }
  function bindClose(chip) {
    chip.querySelector("button").addEventListener("click", function () { chip.remove(); sync(); });
  }
  chips.querySelectorAll("[data-pk]").forEach(bindClose);

  function add(item) {
    if (ids().indexOf(String(item.pk)) >= 0 || ids().length >= max) return;
    var chip = document.createElement("span");
    chip.className = "badge rounded-pill text-bg-primary dx-chip";
    chip.dataset.pk = item.pk;
    chip.textContent = item.name + " ";
    var close = document.createElement("button");
    close.type = "button"; close.className = "btn-close btn-close-white"; close.style.fontSize = ".55rem";
    close.setAttribute("aria-label", "Bỏ " + item.name);
    chip.appendChild(close);
    chips.appendChild(chip);
    bindClose(chip);
    sync();
    input.value = ""; list.innerHTML = ""; input.setAttribute("aria-expanded", "false");
  }

  input.addEventListener("input", function () {
    clearTimeout(timer);
    var q = input.value.trim();
    if (q.length < 2) { list.innerHTML = ""; return; }
    timer = setTimeout(function () {
      fetch(form.dataset.searchUrl + "?q=" + encodeURIComponent(q), { credentials: "same-origin" })
        .then(function (r) { return r.json(); })
        .then(function (data) {
          list.innerHTML = "";
          data.results.forEach(function (item) {
            var b = document.createElement("button");
            b.type = "button"; b.className = "list-group-item list-group-item-action small"; b.setAttribute("role", "option");
            b.innerHTML = "<strong></strong> <span class='text-body-secondary'></span>";
            b.querySelector("strong").textContent = item.name;
            b.querySelector("span").textContent = item.detail;
            b.addEventListener("click", function () { add(item); });
            list.appendChild(b);
          });
          input.setAttribute("aria-expanded", data.results.length ? "true" : "false");
        });
    }, 200);
  });
})();
