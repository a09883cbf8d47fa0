/* tradekg explorer: an SVG graph view — a layered layout (columns by distance from the root),
   pan (drag), zoom (wheel, buttons) and click-through (a node opens its page). */
"use strict";
(function () {
  const TKG = (window.TKG = window.TKG || {});
  const NS = "http://www.w3.org/2000/svg";
  const COLORS = { policy: "#b5432d", agency: "#7a4fb0", sector: "#2d6cb5", region: "#3a8f4a",
    agreement: "#c08a1a", observation: "#6b7785" };
  const ROW = 30, COL = 260, SUB = 170;
  const svgEl = (tag, attrs, text) => {
    const node = document.createElementNS(NS, tag);
    for (const [k, v] of Object.entries(attrs || {})) if (v !== null && v !== undefined) node.setAttribute(k, String(v));
    if (text !== undefined) node.textContent = String(text);
    return node;
  };

  /* Columns by distance from the root; issuers go left of the document they issued. */
  function columns(view) {
    const root = (view.nodes.find((n) => n.root) || view.nodes[0] || {}).id;
    const col = new Map([[root, 0]]);
    const queue = [root];
    while (queue.length) {
      const id = queue.shift();
      for (const e of view.edges) {
        const other = e.source === id ? e.target : e.target === id ? e.source : null;
        if (other === null || col.has(other)) continue;
        const left = e.kind === "issued_by" && e.target === other;
        col.set(other, col.get(id) + (left ? -1 : 1));
        queue.push(other);
      }
    }
    view.nodes.forEach((n) => col.has(n.id) || col.set(n.id, 0));
    return col;
  }

  /* Layered layout: columns by distance from the root, each column ordered by the mean
     height of its already-placed neighbours, long columns wrapped into sub-columns. */
  function layout(view) {
    const col = columns(view), byCol = new Map(), pos = new Map(), near = new Map();
    view.nodes.forEach((n) => { const c = col.get(n.id); byCol.set(c, (byCol.get(c) || []).concat([n])); near.set(n.id, []); });
    view.edges.forEach((e) => { if (near.has(e.source) && near.has(e.target)) { near.get(e.source).push(e.target); near.get(e.target).push(e.source); } });
    const wraps = new Map();
    for (const c of [...byCol.keys()].sort((a, b) => Math.abs(a) - Math.abs(b) || a - b)) {
      const mean = (n) => { const ys = near.get(n.id).filter((id) => pos.has(id)).map((id) => pos.get(id).y);
        return ys.length ? ys.reduce((a, b) => a + b, 0) / ys.length : 0; };
      const nodes = byCol.get(c).map((n) => [mean(n), n]).sort((a, b) => a[0] - b[0]).map((x) => x[1]);
      const per = Math.max(12, Math.ceil(Math.sqrt(nodes.length * 3))), rows = Math.min(per, nodes.length);
      wraps.set(c, Math.ceil(nodes.length / per));
      nodes.forEach((n, i) => pos.set(n.id, { sub: Math.floor(i / per), y: ((i % per) - (rows - 1) / 2) * ROW }));
    }
    let x = 0;
    for (const c of [...byCol.keys()].sort((a, b) => a - b)) {
      byCol.get(c).forEach((n) => { pos.get(n.id).x = x + pos.get(n.id).sub * SUB; });
      x += COL + (wraps.get(c) - 1) * SUB;
    }
    return pos;
  }

  function shortLabel(n) {
    const text = n.kind === "observation" ? `${n.value}${n.unit || ""} ${n.period || ""}` : TKG.label(n);
    return text.length > 22 ? text.slice(0, 21) + "…" : text;
  }

  function drawInto(svg, view, pos, tooltip) {
    const layer = svgEl("g", { class: "layer" });
    // Basis labels on the edges while they stay readable; the tooltip always has them.
    const labelled = view.edges.filter((e) => e.kind === "targets").length <= 12;
    for (const e of view.edges) {
      const a = pos.get(e.source), b = pos.get(e.target);
      if (!a || !b) continue;
      const line = svgEl("line", { class: "edge " + e.kind, x1: a.x, y1: a.y, x2: b.x, y2: b.y, "data-kind": e.kind });
      line.append(svgEl("title", {}, `${e.kind}${e.basis ? " · " + e.basis : ""}${e.quote ? "\n" + e.quote : ""}`));
      layer.append(line);
      if (e.basis && e.kind === "targets" && labelled) layer.append(svgEl("text", { class: "edge-label", x: a.x * 0.35 + b.x * 0.65, y: a.y * 0.35 + b.y * 0.65 - 3, "text-anchor": "middle" }, e.basis));
    }
    for (const n of view.nodes) {
      const p = pos.get(n.id);
      const g = svgEl("g", { class: "node" + (n.root ? " root" : ""), transform: `translate(${p.x},${p.y})`,
        "data-id": n.id, "data-kind": n.kind, tabindex: 0, role: n.href ? "link" : "img", "aria-label": TKG.label(n) });
      g.append(svgEl("circle", { r: n.root ? 11 : n.kind === "observation" ? 5 : 8, fill: COLORS[n.kind] || "#888" }));
      g.append(svgEl("text", { x: 12, y: 4 }, shortLabel(n)));
      g.append(svgEl("title", {}, TKG.label(n) + (n.quote ? "\n" + n.quote : "")));
      const open = () => { if (n.href) window.location.href = n.href; };
      g.addEventListener("click", open);
      g.addEventListener("keydown", (ev) => { if (ev.key === "Enter") open(); });
      g.addEventListener("pointerenter", () => { tooltip.textContent = TKG.label(n) + (n.quote ? " — " + n.quote : ""); tooltip.style.display = "block"; });
      g.addEventListener("pointerleave", () => { tooltip.style.display = "none"; });
      layer.append(g);
    }
    svg.append(layer);
    return layer;
  }

  function bounds(pos) {
    let x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
    for (const p of pos.values()) { x0 = Math.min(x0, p.x); y0 = Math.min(y0, p.y); x1 = Math.max(x1, p.x); y1 = Math.max(y1, p.y); }
    if (x0 === Infinity) return [0, 0, 900, 500];
    const w = Math.max(x1 - x0 + 260, 900), h = Math.max(y1 - y0 + 80, 240, w * 0.25);
    return [x0 - 40 - (w - (x1 - x0 + 260)) / 2, (y0 + y1) / 2 - h / 2, w, h];
  }

  /* Pan by dragging the background, zoom with the wheel or the buttons. */
  function interact(svg, box) {
    let vb = box.slice(), start = null;
    const apply = () => svg.setAttribute("viewBox", vb.join(" "));
    const zoom = (k, cx, cy) => {
      const px = cx === undefined ? vb[0] + vb[2] / 2 : cx, py = cy === undefined ? vb[1] + vb[3] / 2 : cy;
      vb = [px - (px - vb[0]) * k, py - (py - vb[1]) * k, vb[2] * k, vb[3] * k]; apply();
    };
    svg.addEventListener("wheel", (ev) => {
      ev.preventDefault();
      const r = svg.getBoundingClientRect();
      zoom(ev.deltaY > 0 ? 1.15 : 1 / 1.15, vb[0] + ((ev.clientX - r.left) / r.width) * vb[2], vb[1] + ((ev.clientY - r.top) / r.height) * vb[3]);
    }, { passive: false });
    svg.addEventListener("pointerdown", (ev) => {
      if (ev.target.closest(".node")) return;
      start = { x: ev.clientX, y: ev.clientY, vb: vb.slice() }; svg.classList.add("dragging");
    });
    window.addEventListener("pointermove", (ev) => {
      if (!start) return;
      const r = svg.getBoundingClientRect(), k = Math.max(start.vb[2] / r.width, start.vb[3] / r.height);
      vb = [start.vb[0] - (ev.clientX - start.x) * k, start.vb[1] - (ev.clientY - start.y) * k, vb[2], vb[3]]; apply();
    });
    window.addEventListener("pointerup", () => { start = null; svg.classList.remove("dragging"); });
    apply();
    return { zoomIn: () => zoom(1 / 1.3), zoomOut: () => zoom(1.3), fit: () => { vb = box.slice(); apply(); } };
  }

  /* TKG.graph(view) → an element holding the interactive graph of {nodes, edges}. */
  TKG.graph = function (view, exports) {
    const el = TKG.el;
    const svg = svgEl("svg", { role: "group", "aria-label": TKG.t("graph"), "data-nodes": view.nodes.length, "data-edges": view.edges.length });
    const tooltip = el("div", { class: "tooltip" });
    const box = el("div", { class: "graph-box", id: "graph" }, svg, tooltip);
    const pos = layout(view);
    drawInto(svg, view, pos, tooltip);
    const view0 = bounds(pos);
    // Height follows the graph: a few nodes get a short box, a big neighbourhood a tall one.
    svg.style.height = Math.round(Math.min(560, Math.max(260, (view0[3] / view0[2]) * 1100))) + "px";
    const ctl = interact(svg, view0);
    box.append(el("div", { class: "graph-tools" },
      el("button", { type: "button", onclick: ctl.zoomIn, title: "zoom in" }, "+"),
      el("button", { type: "button", onclick: ctl.zoomOut, title: "zoom out" }, "−"),
      el("button", { type: "button", onclick: ctl.fit }, TKG.t("fit"))));
    svg.addEventListener("pointermove", (ev) => {
      const r = box.getBoundingClientRect();
      tooltip.style.left = ev.clientX - r.left + 12 + "px"; tooltip.style.top = ev.clientY - r.top + 12 + "px";
    });
    const legend = el("div", { class: "graph-legend" }, Object.keys(COLORS).map((k) => TKG.kindTag(k)), " ", TKG.t("note"));
    const links = exports ? el("div", { class: "graph-legend" }, TKG.t("export") + ": ",
      ["graphml", "gexf", "cyjs"].map((f) => [el("a", { href: `${exports}?format=${f}`, download: "" }, f), " "])) : null;
    return el("div", {}, box, legend, links);
  };
})();
