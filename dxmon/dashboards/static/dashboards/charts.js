/* dxmon charts: each [data-dx-chart] element names a JSON script (from Django's json_script)
   holding {kind, data}; ECharts (served from node_modules) draws it. Numbers are written the
   Vietnamese way (decimal comma, dot thousands). */
(function () {
  "use strict";

  var PALETTE = ["#0b5394", "#c0504d", "#4f8f3a", "#e39b2d", "#6f4e9c", "#2b8a9a"];

  function vn(x, decimals) {
    if (x === null || x === undefined || Number.isNaN(x)) return "—";
    var d = decimals === undefined ? 1 : decimals;
    var fixed = Math.abs(x).toFixed(d);
    if (d > 0) fixed = fixed.replace(/0+$/, "").replace(/\.$/, "");
    var parts = fixed.split(".");
    parts[0] = parts[0].replace(/\B(?=(\d{3})+(?!\d))/g, ".");
    return (x < 0 ? "-" : "") + parts.join(",");
  }
  function withUnit(x, unit) {
    if (x === null || x === undefined) return "—";
    return unit === "%" ? vn(x) + "%" : vn(x) + (unit ? " " + unit : "");
  }
  window.dxVn = vn;

  var baseText = { fontFamily: "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif" };
  function narrow(el) { return el.clientWidth < 576; }

  function line(el, d) {
    var MUTED = ["#8da0b3", "#b58a6a", "#7fa37a", "#a58fbf", "#6fa8b5", "#c9a04d"];
    var series = d.series.map(function (s, i) {
      var color = s.color || (s.thin ? MUTED[i % MUTED.length] : PALETTE[i % PALETTE.length]);
      return {
        name: s.name, type: "line", data: s.data, connectNulls: false, color: color,
        symbolSize: s.thin ? 4 : 9, symbol: s.dashed || s.thin ? "emptyCircle" : "circle",
        lineStyle: { width: s.width || 2, type: s.dashed ? "dashed" : "solid", opacity: s.thin ? 0.7 : 1 },
        z: s.thin ? 1 : (s.dashed ? 3 : 5),
      };
    });
    if (d.mark && d.mark.at && series.length) {
      var at = d.categories.indexOf(d.mark.at);
      series[0].markArea = {
        silent: true, itemStyle: { color: "rgba(108,117,125,0.08)" },
        label: { formatter: d.mark.label, position: "insideTop", color: "#495057", fontSize: 11 },
        data: [[{ xAxis: d.categories[Math.max(0, at - 1)] }, { xAxis: d.mark.at }]],
      };
    }
    var legendRows = narrow(el) ? d.series.length : Math.ceil(d.series.length / 3);
    return {
      textStyle: baseText, color: PALETTE,
      tooltip: { trigger: "axis", valueFormatter: function (v) { return withUnit(v, d.unit); } },
      legend: { bottom: 0, itemGap: 12 },
      grid: { left: 8, right: 24, top: 28, bottom: 28 + 22 * legendRows, containLabel: true },
      xAxis: { type: "category", data: d.categories, boundaryGap: false },
      yAxis: { type: "value", axisLabel: { formatter: function (v) { return vn(v, 0); } } },
      series: series,
    };
  }

  function bar(el, d) {
    var horizontal = d.horizontal || (narrow(el) && d.categories.length > 3);
    var cat = { type: "category", data: d.categories, axisLabel: { interval: 0, width: horizontal ? (narrow(el) ? 110 : 170) : 90, overflow: horizontal ? "truncate" : "break" } };
    var val = { type: "value", max: d.max, axisLabel: { formatter: function (v) { return vn(v, 0) + (d.unit === "%" ? "%" : ""); } } };
    if (horizontal) cat.inverse = true;
    return {
      textStyle: baseText, color: PALETTE,
      tooltip: { trigger: "axis", axisPointer: { type: "shadow" }, valueFormatter: function (v) { return withUnit(v, d.unit); } },
      legend: { type: "scroll", bottom: 0 },
      grid: { left: 14, right: 16, top: 16, bottom: 40, containLabel: true },
      xAxis: horizontal ? val : cat,
      yAxis: horizontal ? cat : val,
      series: d.series.map(function (s) {
        return { name: s.name, type: "bar", data: s.data, barMaxWidth: 28 };
      }),
    };
  }

  function boxplot(el, d) {
    var horizontal = narrow(el);
    var cat = { type: "category", data: d.categories, axisLabel: { interval: 0, width: horizontal ? 80 : 100, overflow: "break", lineHeight: 14 } };
    var val = { type: "value", min: 0, max: 100, axisLabel: { formatter: function (v) { return vn(v, 0) + "%"; } } };
    if (horizontal) cat.inverse = true;
    var names = ["Thấp nhất", "Tứ phân vị 1", "Trung vị", "Tứ phân vị 3", "Cao nhất"];
    return {
      textStyle: baseText,
      tooltip: {
        trigger: "item",
        formatter: function (p) {
          var v = p.data && p.data.value ? p.data.value : p.value;
          var vals = v.slice(v.length - 5);
          return "<b>" + p.name + "</b><br>" + vals.map(function (x, i) { return names[i] + ": " + withUnit(x, "%"); }).join("<br>");
        },
      },
      grid: { left: 8, right: 16, top: 16, bottom: 16, containLabel: true },
      xAxis: horizontal ? val : cat,
      yAxis: horizontal ? cat : val,
      series: [{ type: "boxplot", data: d.boxes.map(function (b) { return b || [null, null, null, null, null]; }),
                 itemStyle: { color: "#dbe7f3", borderColor: "#0b5394" } }],
    };
  }

  function radar(el, d) {
    return {
      textStyle: baseText, color: PALETTE,
      tooltip: { trigger: "item", valueFormatter: function (v) { return withUnit(v, "%"); } },
      legend: { type: "scroll", bottom: 0 },
      radar: { indicator: d.indicators, radius: narrow(el) ? "48%" : "65%", center: ["50%", "48%"],
               axisName: { color: "#333", width: narrow(el) ? 64 : 100, overflow: "break", lineHeight: 13 } },
      series: [{ type: "radar", data: d.series.map(function (s) { return { name: s.name, value: s.data, areaStyle: { opacity: 0.08 } }; }) }],
    };
  }

  function map(el, d, chart) {
    var pts = d.points;
    var xs = pts.map(function (p) { return p.x; }), ys = pts.map(function (p) { return p.y; });
    function ranges() {
      var x0 = Math.min.apply(null, xs), x1 = Math.max.apply(null, xs);
      var y0 = Math.min.apply(null, ys), y1 = Math.max.apply(null, ys);
      var pad = 0.06 * Math.max(x1 - x0, y1 - y0, 0.01);
      x0 -= pad; x1 += pad; y0 -= pad; y1 += pad;
      // Equal aspect: one degree of (projected) x and y take the same number of pixels.
      var w = el.clientWidth - 16, h = el.clientHeight - 16;
      var sx = (x1 - x0) / w, sy = (y1 - y0) / h, s = Math.max(sx, sy);
      var cx = (x0 + x1) / 2, cy = (y0 + y1) / 2;
      return { x0: cx - s * w / 2, x1: cx + s * w / 2, y0: cy - s * h / 2, y1: cy + s * h / 2 };
    }
    var r = ranges();
    var L = d.labels;
    // Circles shrink with the screen so that neighbours stay apart on a phone.
    var k = Math.max(0.45, Math.min(1, el.clientWidth / 760));
    return {
      textStyle: baseText,
      animation: false,
      grid: { left: 8, right: 8, top: 8, bottom: 8 },
      xAxis: { type: "value", min: r.x0, max: r.x1, show: false },
      yAxis: { type: "value", min: r.y0, max: r.y1, show: false },
      tooltip: {
        trigger: "item",
        formatter: function (p) {
          if (p.seriesType !== "scatter") return "";
          var q = p.data.p;
          return "<b>" + q.name + "</b><br>" + L.index + ": " + withUnit(q.value, "%") +
            " (" + q.points + ")<br>" + L.rank + ": " + (q.rank || "—") + "<br>" + L.area + ": " + q.area + " km²";
        },
      },
      series: [
        {
          type: "custom", silent: true, z: 1,
          renderItem: function (params, api) {
            if (!d.hull || d.hull.length < 3) return null;
            var points = d.hull.map(function (h) { return api.coord(h); });
            return { type: "polygon", shape: { points: points },
                     style: { fill: "rgba(11,83,148,0.05)", stroke: "rgba(11,83,148,0.35)", lineWidth: 1, lineDash: [4, 3] } };
          },
          data: [0],
        },
        {
          type: "scatter", z: 2, cursor: "pointer",
          data: pts.map(function (p) {
            return { value: [p.x, p.y], p: p, symbolSize: Math.max(4, p.size * k),
                     itemStyle: { color: p.color, opacity: 0.85, borderColor: "#fff", borderWidth: 1 } };
          }),
          emphasis: { scale: 1.3, itemStyle: { borderColor: "#212529", borderWidth: 2 } },
        },
      ],
    };
  }

  var BUILDERS = { line: line, bar: bar, boxplot: boxplot, radar: radar, map: map };

  // The map's height follows the shape of the province (equal aspect), within bounds.
  function fitMap(el, d) {
    if (!d.points.length) return;
    var xs = d.points.map(function (p) { return p.x; }), ys = d.points.map(function (p) { return p.y; });
    var w = Math.max.apply(null, xs) - Math.min.apply(null, xs);
    var h = Math.max.apply(null, ys) - Math.min.apply(null, ys);
    if (w <= 0 || h <= 0) return;
    var max = parseInt(el.dataset.maxHeight || el.style.height, 10) || 520;
    el.dataset.maxHeight = max;
    el.style.height = Math.round(Math.max(260, Math.min(max, (el.clientWidth - 16) * 1.12 * h / w + 16))) + "px";
  }

  function draw(el) {
    var spec = JSON.parse(document.getElementById(el.dataset.dxChart).textContent);
    if (spec.kind === "map") fitMap(el, spec.data);
    var chart = echarts.init(el, null, { renderer: "svg" });
    // No animation: the figures are the point, and a redraw after a resize must be immediate.
    var render = function () {
      var option = BUILDERS[spec.kind](el, spec.data, chart);
      option.animation = false;
      chart.setOption(option, true);
    };
    render();
    if (spec.kind === "map") {
      chart.on("click", function (p) { if (p.data && p.data.p && p.data.p.url) window.location.href = p.data.p.url; });
    }
    var pending = null;
    window.addEventListener("resize", function () {
      clearTimeout(pending);
      pending = setTimeout(function () {
        if (spec.kind === "map") fitMap(el, spec.data);
        chart.resize();
        render();
      }, 150);
    });
    el.dataset.dxReady = "1";
  }

  function init() {
    document.querySelectorAll("[data-dx-chart]").forEach(function (el) {
      if (!el.dataset.dxReady) draw(el);
    });
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
  document.addEventListener("htmx:afterSettle", init);
})();
