/* tradekg explorer: draws each page from the JSON embedded in it (#page-data).
   Every value from the graph goes into the page as a DOM text node, never as markup. */
"use strict";
(function () {
  const TKG = (window.TKG = window.TKG || {});
  const STRINGS = {
    home: ["首页", "Home"], sectors: ["行业", "Sectors"], regions: ["地区", "Regions"],
    agencies: ["机构", "Agencies"], agreements: ["协定", "Agreements"], policies: ["政策文件", "Policies"],
    charts: ["图表", "Charts"], sparql: ["SPARQL", "SPARQL"], search: ["搜索", "Search"],
    searchHint: ["搜索中英文名称、简称或文件标题，如 算力、MIIT、RCEP", "Search zh/en names, abbreviations or titles, e.g. 算力, MIIT, RCEP"],
    holds: ["图谱包含", "The graph holds"], observation: ["观测值", "observations"],
    policy: ["政策文件", "document"], agency: ["机构", "agency"], sector: ["行业", "sector"],
    region: ["地区", "region"], agreement: ["协定", "agreement"], noHits: ["没有结果", "No results"],
    resources: ["实体", "Resources"], documents: ["文件", "Documents"], graph: ["关联图", "Linkage graph"],
    issuers: ["发布机构", "Issued by"], targets: ["作用对象", "Targets"], outcomes: ["相关观测结果", "Outcomes measured on its targets"],
    basis: ["依据", "Basis"], quote: ["原文", "Quote"], value: ["数值", "Value"], period: ["时期", "Period"],
    flow: ["流向", "Flow"], measure: ["指标", "Measure"], subject: ["主体", "Subject"], via: ["路径", "Path"],
    mentions: ["报告中提及", "Mentions in the report"], evidence: ["报告原文", "The report's words"],
    labels: ["名称", "Labels"], type: ["类型", "Type"], date: ["日期", "Date"], docNo: ["文号", "Number"],
    docClass: ["类别", "Class"], status: ["中国状态", "China's status"], parties: ["成员", "Parties"],
    touching: ["涉及它的政策文件", "Documents that touch it"], export: ["导出", "Export"],
    line: ["行", "line"], page: ["页", "p."], notation: ["代码", "Code"], alt: ["别名/简称", "Also called"],
    broader: ["上位", "Part of"], definition: ["定义", "Definition"], series: ["年度序列", "Yearly series"],
    compare: ["地区/伙伴比较", "Comparison across partners or regions"], none: ["无", "none"],
    fit: ["适应", "Fit"], note: ["关联是路径而非因果：每条边注明依据。", "A link is a path, not a cause: every edge names its basis."],
    issuerCount: ["发布部门数", "Issuing bodies"], count: ["条", "items"],
  };
  TKG.lang = () => (localStorage.getItem("tradekg-lang") === "en" ? "en" : "zh");
  TKG.t = (key) => (STRINGS[key] || [key, key])[TKG.lang() === "en" ? 1 : 0];
  TKG.label = (o, zhKey, enKey) => {
    if (!o) return "";
    const zh = o[zhKey || "label_zh"], en = o[enKey || "label_en"];
    return (TKG.lang() === "en" ? en || zh : zh || en) || o.id || o.iri || "";
  };

  /* el("a", {href: x}, "text", child…): an element; strings become text nodes. */
  const el = (TKG.el = function (tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v === null || v === undefined || v === false) continue;
      if (k.startsWith("on")) node.addEventListener(k.slice(2), v);
      else node.setAttribute(k, v === true ? "" : String(v));
    }
    for (const c of children.flat(Infinity)) {
      if (c === null || c === undefined || c === false) continue;
      node.append(c instanceof Node ? c : document.createTextNode(String(c)));
    }
    return node;
  });
  TKG.link = (href, text) => (href ? el("a", { href }, text) : el("span", {}, text));
  TKG.kindTag = (kind) => el("span", { class: "kind " + kind }, TKG.t(kind));
  TKG.cite = (cite, line) => {
    const c = (cite || {})[String(line)] || {};
    const where = [c.chapter, c.section].filter(Boolean).join(" › ");
    const page = c.page ? `${TKG.t("page")} ${c.page} · ` : "";
    return el("div", { class: "cite" }, `${page}${where}${where ? " · " : ""}${TKG.t("line")} ${line}`);
  };
  TKG.quote = (text, cite, line) => el("div", {}, el("blockquote", {}, text), TKG.cite(cite, line));
  TKG.table = (headers, rows) =>
    el("table", {}, el("thead", {}, el("tr", {}, headers.map((h) => el("th", {}, h)))),
      el("tbody", {}, rows.map((r) => el("tr", {}, r.map((c) => (c instanceof Node && c.tagName === "TD" ? c : el("td", {}, c)))))));
  TKG.num = (v) => el("td", { class: "num" }, v);

  function header() {
    const top = document.getElementById("top");
    top.replaceChildren(
      el("a", { class: "brand", href: "/" }, "tradekg"),
      el("nav", {}, ["sectors", "regions", "agencies", "policies", "agreements"].map((k) =>
        el("a", { href: "/ui/" + k }, TKG.t(k))),
        el("a", { href: "/ui/charts" }, TKG.t("charts")), el("a", { href: "/ui/sparql" }, "SPARQL")),
      el("form", { action: "/ui/search", method: "get", role: "search" },
        el("input", { type: "search", name: "q", "aria-label": TKG.t("search"), placeholder: TKG.t("search") }),
        el("button", { type: "submit" }, TKG.t("search"))),
      el("button", { id: "lang-toggle", type: "button", title: "中文 / English", onclick: () => {
        localStorage.setItem("tradekg-lang", TKG.lang() === "en" ? "zh" : "en");
        draw();
      } }, TKG.lang() === "en" ? "中文" : "English"));
  }

  function home(data) {
    const counts = data.counts || {};
    return [
      el("h1", {}, "tradekg"),
      el("p", { class: "sub" }, TKG.lang() === "en"
        ? "China's trade in services, from MOFCOM's Report on China's Development of Trade in Services."
        : "中国服务贸易知识图谱，来自商务部《中国服务贸易发展报告》。"),
      el("form", { class: "big-search", action: "/ui/search", method: "get", role: "search" },
        el("input", { id: "home-search", type: "search", name: "q", placeholder: TKG.t("searchHint"), autofocus: true }),
        el("button", { class: "primary", type: "submit" }, TKG.t("search"))),
      el("h2", {}, TKG.t("holds")),
      el("div", { class: "cards" },
        data.lists.map((plural) => {
          const kind = { sectors: "sector", regions: "region", agencies: "agency", agreements: "agreement", policies: "policy" }[plural];
          return el("a", { class: "card", href: "/ui/" + plural }, el("b", {}, counts[kind] || 0), TKG.t(plural));
        }),
        el("a", { class: "card", href: "/ui/charts" }, el("b", {}, counts.observation || 0), TKG.t("observation")),
        el("a", { class: "card", href: "/ui/sparql" }, el("b", {}, "SPARQL"), TKG.lang() === "en" ? "query editor" : "查询编辑器")),
    ];
  }

  function itemRow(item, kind) {
    return [el("td", {}, TKG.kindTag(kind || item.kind || "")), el("td", {}, TKG.link(item.href, TKG.label(item))),
      el("td", { class: "muted" }, TKG.lang() === "en" ? item.label_zh || "" : item.label_en || ""), item.note || ""];
  }

  function search(data) {
    const kindOf = (item) => (item.href || "").split("/")[2] || "";
    const out = [el("h1", {}, `${TKG.t("search")}: ${data.q}`)];
    if (!data.hits.length && !data.policies.length) out.push(el("p", { class: "muted" }, TKG.t("noHits")));
    if (data.policies.length) out.push(el("h2", {}, TKG.t("documents")), TKG.table(["", TKG.t("policy"), "", TKG.t("date")],
      data.policies.map((p) => itemRow(p, "policy"))));
    if (data.hits.length) out.push(el("h2", {}, TKG.t("resources")), TKG.table(["", TKG.t("labels"), "", ""],
      data.hits.map((h) => itemRow(h, kindOf(h)))));
    return out;
  }

  function list(data) {
    const plural = { sector: "sectors", region: "regions", agency: "agencies", agreement: "agreements", policy: "policies" }[data.kind];
    return [el("h1", {}, TKG.t(plural)), el("p", { class: "sub" }, `${data.items.length} ${TKG.t("count")}`),
      TKG.table(["", TKG.t("labels"), "", data.kind === "policy" ? TKG.t("date") : TKG.t("notation")],
        data.items.map((i) => itemRow(i, data.kind)))];
  }

  TKG.views = Object.assign(TKG.views || {}, { home, search, list });

  function draw() {
    const data = JSON.parse(document.getElementById("page-data").textContent);
    const view = document.body.dataset.view;
    document.documentElement.lang = TKG.lang() === "en" ? "en" : "zh";
    header();
    const main = document.getElementById("app");
    const make = TKG.views[view];
    if (make) main.replaceChildren(...[make(data)].flat(Infinity).filter((x) => x !== null && x !== undefined));
    performance.mark("tkg-drawn");
    // After the next frame: style, layout and paint of what was drawn are done.
    requestAnimationFrame(() => setTimeout(() => performance.mark("tkg-painted"), 0));
  }
  TKG.draw = draw;
  document.addEventListener("DOMContentLoaded", draw);
})();
