/* tradekg explorer: SVG charts — a line chart of a yearly series and a bar chart comparing
   partners or regions for one indicator; every point keeps its quote as a tooltip. */
"use strict";
(function () {
  const TKG = (window.TKG = window.TKG || {});
  const el = TKG.el, t = TKG.t;
  const NS = "http://www.w3.org/2000/svg";
  const W = 720, H = 300, M = { l: 64, r: 16, t: 16, b: 48 };
  const svgEl = (tag, attrs, text) => {
    const node = document.createElementNS(NS, tag);
    for (const [k, v] of Object.entries(attrs || {})) node.setAttribute(k, String(v));
    if (text !== undefined) node.textContent = String(text);
    return node;
  };
  const fmt = (v) => (Math.abs(v) >= 1e4 ? v.toExponential(2) : String(Math.round(v * 100) / 100));

  function scaleY(values) {
    let lo = Math.min(0, ...values), hi = Math.max(0, ...values);
    if (hi === lo) hi = lo + 1;
    return { lo, hi, y: (v) => M.t + (H - M.t - M.b) * (1 - (v - lo) / (hi - lo)) };
  }

  function axes(svg, s) {
    svg.append(svgEl("line", { class: "axis", x1: M.l, x2: W - M.r, y1: s.y(0), y2: s.y(0) }));
    svg.append(svgEl("line", { class: "axis", x1: M.l, x2: M.l, y1: M.t, y2: H - M.b }));
    for (let i = 0; i <= 4; i++) {
      const v = s.lo + ((s.hi - s.lo) * i) / 4;
      svg.append(svgEl("text", { x: M.l - 6, y: s.y(v) + 4, "text-anchor": "end" }, fmt(v)));
    }
  }

  TKG.lineChart = function (series) {
    const pts = series.points, s = scaleY(pts.map((p) => p.y));
    const svg = svgEl("svg", { viewBox: `0 0 ${W} ${H}`, role: "img", "data-points": pts.length });
    axes(svg, s);
    const x = (i) => M.l + ((W - M.l - M.r) * (i + 0.5)) / pts.length;
    svg.append(svgEl("polyline", { class: "line", points: pts.map((p, i) => `${x(i)},${s.y(p.y)}`).join(" ") }));
    pts.forEach((p, i) => {
      const dot = svgEl("circle", { class: "dot", cx: x(i), cy: s.y(p.y), r: 4 });
      dot.append(svgEl("title", {}, `${p.x}: ${p.y} — ${p.quote} (${t("line")} ${p.line})`));
      svg.append(dot, svgEl("text", { x: x(i), y: H - M.b + 16, "text-anchor": "middle" }, p.x));
    });
    return svg;
  };

  TKG.barChart = function (cmp) {
    const bars = cmp.bars, s = scaleY(bars.map((b) => b.y));
    const svg = svgEl("svg", { viewBox: `0 0 ${W} ${H}`, role: "img", "data-bars": bars.length });
    axes(svg, s);
    const slot = (W - M.l - M.r) / bars.length;
    bars.forEach((b, i) => {
      const y0 = s.y(0), y1 = s.y(b.y);
      const rect = svgEl("rect", { class: "bar" + (b.y < 0 ? " neg" : ""), x: M.l + slot * i + slot * 0.15,
        y: Math.min(y0, y1), width: slot * 0.7, height: Math.max(1, Math.abs(y1 - y0)) });
      rect.append(svgEl("title", {}, `${TKG.label(b.label, "zh", "en") || b.x}: ${b.y} — ${b.quote}`));
      const name = TKG.label(b.label, "zh", "en") || b.x.split("/").pop();
      svg.append(rect, svgEl("text", { x: M.l + slot * (i + 0.5), y: H - M.b + 16, "text-anchor": "middle" },
        name.length > 8 ? name.slice(0, 7) + "…" : name));
    });
    return svg;
  };

  const who = (o) => [o.sector, o.area, o.partner].map((x) => x && TKG.label(x, "zh", "en")).filter(Boolean).join(" · ");
  const seriesTitle = (s) => `${who(s)} — ${s.flow} ${s.measure} (${s.unit}) ${s.points[0].x}–${s.points[s.points.length - 1].x}`;
  const cmpTitle = (c) => `${c.year} ${TKG.label(c.sector, "zh", "en")} — ${c.flow} ${c.measure} (${c.unit}) · ${c.by}`;

  function picker(items, title, draw) {
    const box = el("div", { class: "chart" });
    const select = el("select", { "aria-label": t("charts"), onchange: () => box.replaceChildren(draw(items[select.value])) },
      items.map((item, i) => el("option", { value: i }, title(item))));
    box.append(draw(items[0]));
    return el("div", {}, el("div", { class: "row" }, select), box);
  }

  /* TKG.charts(data): the series chart and the comparison chart, each with a picker. */
  TKG.charts = function (data, level) {
    const h = level === 2 ? "h2" : "h2";
    const out = [];
    if (data.series.length) out.push(el(h, {}, `${t("series")} (${data.series.length})`), picker(data.series, seriesTitle, TKG.lineChart));
    if (data.comparisons.length) out.push(el(h, {}, `${t("compare")} (${data.comparisons.length})`), picker(data.comparisons, cmpTitle, TKG.barChart));
    return el("section", { class: "charts" }, out);
  };

  TKG.views = Object.assign(TKG.views || {}, {
    charts: (data) => [el("h1", {}, t("charts")), TKG.charts(data, 2)],
  });
})();
