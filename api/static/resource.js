/* tradekg explorer: the page of one resource — a policy with its linkage, or a sector,
   region, agency or agreement with the documents that touch it, its quotes and its charts. */
"use strict";
(function () {
  const TKG = (window.TKG = window.TKG || {});
  const el = TKG.el, t = TKG.t;
  const other = (zh, en) => (TKG.lang() === "en" ? zh : en) || "";

  function facts(pairs) {
    return el("dl", { class: "facts" }, pairs.filter((p) => p[1] !== null && p[1] !== undefined && p[1] !== "" &&
      !(Array.isArray(p[1]) && !p[1].length)).map(([k, v]) => [el("dt", {}, t(k)), el("dd", {}, v)]));
  }

  function hrefOf(iri) {
    const m = /\/id\/(policy|sector|region|agency|agreement)\/([^/]+)$/.exec(iri || "");
    return m ? `/ui/${m[1]}/${m[2]}` : null;
  }

  function outcomesTable(outcomes, cite, withPath) {
    return TKG.table([t("subject"), t("period"), t("flow"), t("measure"), t("value"), t("quote")].concat(withPath ? [t("via")] : []),
      outcomes.map((o) => [o.subject_zh, o.period, o.flow, o.measure, TKG.num(`${o.value} ${o.unit}`),
        TKG.quote(o.quote, cite, o.line)].concat(withPath ? [pathText(o.path)] : [])));
  }

  function pathText(path) {
    const target = path[2] || "";
    return el("span", {}, (path[1] || "").replace("basis:", ""), " → ", TKG.link(hrefOf(target), target.split("/").pop()));
  }

  function graphSection(data, kind, id) {
    return [el("h2", {}, t("graph")),
      TKG.graph(data.view, `/api/export/${kind}/${encodeURIComponent(id)}`)];
  }

  function policy(data) {
    const L = data.linkage, p = L.policy;
    const issuers = p.issuers.map((a) => [TKG.link(hrefOf(a.iri), TKG.label(a)), " "]);
    return [
      el("h1", {}, TKG.kindTag("policy"), "《", p.title_zh, "》"),
      el("p", { class: "sub" }, p.title_en || ""),
      facts([["type", p.type], ["docClass", p.doc_class], ["date", p.date], ["docNo", p.doc_no],
        ["issuers", issuers], ["issuerCount", p.issuer_count]]),
      graphSection(data, "policy", p.id),
      el("h2", {}, t("targets")),
      TKG.table([t("targets"), t("type"), t("basis"), t("quote")], L.targets.map((x) => [
        TKG.link(hrefOf(x.iri), TKG.label(x)), x.type, x.basis,
        el("div", {}, x.evidence.map((e) => TKG.quote(e.quote, data.cite, e.line)))])),
      el("h2", {}, `${t("outcomes")} (${L.outcomes.length})`),
      outcomesTable(L.outcomes, data.cite, true),
      el("h2", {}, t("mentions")),
      el("div", {}, p.mentions.map((m) => TKG.quote(m.quote, data.cite, m.line))),
    ];
  }

  function entityHeader(kind, e) {
    const zh = e.pref_label.zh, en = e.pref_label.en;
    const alts = Object.entries(e.alt_labels).flatMap(([lang, vs]) => vs.map((v) => `${v} (${lang})`)).join("; ");
    const parents = (e.links.broader || []).concat(e.links.partOf || [], e.links.subOrganizationOf || [])
      .map((iri) => [TKG.link(hrefOf(iri), iri.split("/").pop()), " "]);
    return [
      el("h1", {}, TKG.kindTag(kind), TKG.lang() === "en" ? en || zh : zh || en),
      el("p", { class: "sub" }, other(zh, en)),
      facts([["notation", e.notation.join(", ")], ["alt", alts], ["broader", parents],
        ["definition", TKG.lang() === "en" ? e.definition.en || e.definition.zh : e.definition.zh || e.definition.en]]),
    ];
  }

  function policiesOf(view) {
    const policies = view.nodes.filter((n) => n.kind === "policy" && !n.root);
    const basis = (id) => view.edges.filter((e) => e.source === id || e.target === id).flatMap((e) => (e.basis || "").split(", ")).filter((b, i, all) => b && all.indexOf(b) === i).join(", ");
    return TKG.table([t("policy"), t("date"), t("type"), t("basis")], policies.map((n) => [
      TKG.link(n.href, "《" + TKG.label(n) + "》"), n.date || "", n.type || "", basis(n.id)]));
  }

  function entity(data) {
    const e = data.entity;
    return [
      entityHeader(data.kind, e),
      graphSection(data, data.kind, e.id),
      el("h2", {}, t("touching")),
      policiesOf(data.view),
      data.charts ? TKG.charts(data.charts, 2) : null,
      el("h2", {}, `${t("evidence")} (${e.evidence.length}${e.evidence_truncated ? "+" : ""})`),
      el("div", {}, e.evidence.map((x) => el("div", {}, el("span", { class: "muted" }, x.via), TKG.quote(x.quote, data.cite, x.line)))),
    ];
  }

  function agreement(data) {
    const a = data.agreement;
    return [
      el("h1", {}, TKG.kindTag("agreement"), TKG.lang() === "en" ? a.label_en || a.label_zh : a.label_zh),
      el("p", { class: "sub" }, other(a.label_zh, a.label_en)),
      facts([["status", a.china_status], ["date", a.status_date],
        ["parties", a.parties.map((x) => [TKG.link(hrefOf(x.iri), TKG.label(x)), " "])]]),
      graphSection(data, "agreement", a.id),
      data.charts ? TKG.charts(data.charts, 2) : null,
      el("h2", {}, `${t("outcomes")} (${a.outcomes.length})`),
      outcomesTable(a.outcomes, data.cite, false),
    ];
  }

  TKG.views = Object.assign(TKG.views || {}, {
    resource: (data) => (data.kind === "policy" ? policy(data) : data.kind === "agreement" ? agreement(data) : entity(data)),
  });
})();
