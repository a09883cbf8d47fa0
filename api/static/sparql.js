/* tradekg explorer: the SPARQL editor — a highlighted editor, the named queries as one-click
   examples, results as a table with CSV download, and a graph view for CONSTRUCT/DESCRIBE. */
"use strict";
(function () {
  const TKG = (window.TKG = window.TKG || {});
  const el = TKG.el;
  const KEYWORDS = "SELECT|CONSTRUCT|DESCRIBE|ASK|WHERE|PREFIX|BASE|DISTINCT|REDUCED|FROM|NAMED|OPTIONAL|FILTER|UNION|MINUS|GRAPH|BIND|AS|VALUES|GROUP|BY|ORDER|ASC|DESC|HAVING|LIMIT|OFFSET|NOT|EXISTS|IN|a|COUNT|SUM|MIN|MAX|AVG|SAMPLE|GROUP_CONCAT|SEPARATOR|STR|LANG|LANGMATCHES|REGEX|CONTAINS|STRSTARTS|STRENDS|LCASE|UCASE|COALESCE|IF|CONCAT|SUBSTR|STRLEN|STRBEFORE|STRAFTER|ABS|isIRI|isLiteral|BOUND|true|false";
  const TOKEN = new RegExp([
    "(#[^\\n]*)", "(\"(?:[^\"\\\\\\n]|\\\\.)*\"|'(?:[^'\\\\\\n]|\\\\.)*')", "(<[^<>\\s\"{}|^`]*>)",
    "([?$][A-Za-z_0-9\\u00B7-\\uFFFF]+)", "\\b(" + KEYWORDS + ")\\b", "([A-Za-z][\\w.-]*:[\\w.-]*|:[\\w.-]+)",
    "(\\b\\d+(?:\\.\\d+)?\\b)",
  ].join("|"), "gi");
  const CLASSES = [null, "tok-com", "tok-str", "tok-iri", "tok-var", "tok-kw", "tok-pn", "tok-num"];

  /* The query text as spans with token classes (text nodes only: nothing is parsed as markup). */
  TKG.highlight = function (text) {
    const out = [];
    let last = 0;
    for (const m of text.matchAll(TOKEN)) {
      if (m.index > last) out.push(document.createTextNode(text.slice(last, m.index)));
      const group = m.findIndex((g, i) => i > 0 && g !== undefined);
      out.push(el("span", { class: CLASSES[group] }, m[0]));
      last = m.index + m[0].length;
    }
    out.push(document.createTextNode(text.slice(last) + "\n"));
    return out;
  };

  function editor(initial) {
    const pre = el("pre", { "aria-hidden": "true" });
    const area = el("textarea", { id: "query", name: "query", spellcheck: "false", "aria-label": "SPARQL" });
    area.value = initial;
    const sync = () => { pre.replaceChildren(...TKG.highlight(area.value)); pre.scrollTop = area.scrollTop; };
    area.addEventListener("input", sync);
    area.addEventListener("scroll", () => { pre.scrollTop = area.scrollTop; });
    sync();
    return { box: el("div", { class: "editor" }, pre, area), area, sync };
  }

  const csvCell = (v) => (/[",\r\n]/.test(v) ? '"' + v.replace(/"/g, '""') + '"' : v);
  function download(name, text, type) {
    const url = URL.createObjectURL(new Blob([text], { type }));
    const a = el("a", { href: url, download: name });
    document.body.append(a); a.click(); a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  }

  /* A graph IRI links to the explorer's page when there is one, else to its /id/ page. */
  function localHref(iri) {
    const m = /\/(id\/(policy|sector|region|agency|agreement)\/([^/]+)|id\/.*)$/.exec(iri);
    if (!m || !iri.includes("/id/")) return iri;
    return m[2] ? `/ui/${m[2]}/${m[3]}` : "/" + m[1];
  }

  function cell(b) {
    if (!b) return "";
    if (b.type === "uri") return el("a", { href: localHref(b.value), title: b.value }, b.value.replace(/^.*\/id\//, "id:"));
    return b.value;
  }

  function table(doc, truncated) {
    if ("boolean" in doc) return el("p", { id: "answer" }, `ASK → ${doc.boolean}`);
    const vars = doc.head.vars, rows = doc.results.bindings;
    const csv = [vars.join(",")].concat(rows.map((r) => vars.map((v) => csvCell(r[v] ? r[v].value : "")).join(","))).join("\r\n");
    return el("div", {},
      el("p", { class: "row" }, el("span", { id: "row-count" }, `${rows.length} rows${truncated ? " (truncated)" : ""}`),
        el("button", { type: "button", id: "csv", onclick: () => download("results.csv", csv + "\r\n", "text/csv") }, "CSV")),
      TKG.table(vars.map((v) => "?" + v), rows.map((r) => vars.map((v) => cell(r[v])))));
  }

  function term(text) {
    if (text.startsWith("<")) return { iri: text.slice(1, -1) };
    if (text.startsWith("_:")) return { iri: text };
    const m = /^("(?:[^"\\]|\\.)*")(?:@([\w-]+)|\^\^<[^>]*>)?$/.exec(text);
    let value = text;
    try { value = JSON.parse(m ? m[1] : text); } catch (e) { value = text; }
    return { literal: value, lang: m ? m[2] : undefined };
  }

  /* N-Triples → the graph view's {nodes, edges}; literals label or annotate their subject. */
  TKG.triplesView = function (ntriples) {
    const nodes = new Map(), edges = [];
    const kindOf = (iri) => ((/\/id\/(policy|sector|region|agency|agreement)\//.exec(iri) || [])[1] || "observation");
    const node = (iri) => nodes.get(iri) || nodes.set(iri, { id: iri, kind: kindOf(iri), label_zh: iri.split(/[/#]/).pop(),
      label_en: null, href: iri.includes("/id/") ? iri.replace(/^https?:\/\/[^/]+\/[^/]*\/?(?=id\/)/, "/") : null }).get(iri);
    for (const line of ntriples.split("\n")) {
      const m = /^(\S+)\s+<([^>]*)>\s+(.+?)\s*\.\s*$/.exec(line.trim());
      if (!m) continue;
      const s = node(term(m[1]).iri), o = term(m[3]), p = m[2].split(/[/#]/).pop();
      if (o.iri) { node(o.iri); edges.push({ source: s.id, target: o.iri, kind: p, basis: "" }); }
      else if (/label|title|name/i.test(p)) { if (o.lang === "en") s.label_en = o.literal; else s.label_zh = o.literal; }
    }
    const list = [...nodes.values()];
    if (list.length) list[0].root = true;
    return { nodes: list, edges };
  };

  async function run(query, out) {
    out.replaceChildren(el("p", { class: "muted" }, "…"));
    const started = performance.now();
    const response = await fetch("/sparql", { method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded", Accept: "application/sparql-results+json, application/n-triples;q=0.9" },
      body: new URLSearchParams({ query }) });
    const truncated = response.headers.get("X-Result-Truncated") === "true";
    const type = response.headers.get("Content-Type") || "";
    const took = el("p", { class: "muted" }, `${Math.round(performance.now() - started)} ms`);
    if (!response.ok) {
      let detail = response.statusText;
      try { detail = (await response.json()).detail; } catch (e) { /* not JSON */ }
      out.replaceChildren(el("p", { class: "error", role: "alert" }, `${response.status}: ${detail}`));
    } else if (type.includes("n-triples")) {
      const text = await response.text(), view = TKG.triplesView(text);
      out.replaceChildren(el("p", { id: "row-count" }, `${text.split("\n").filter(Boolean).length} triples`),
        el("button", { type: "button", id: "csv", onclick: () => download("results.nt", text, "application/n-triples") }, "N-Triples"),
        TKG.graph(view), took);
    } else {
      out.replaceChildren(table(await response.json(), truncated), took);
    }
  }

  TKG.views = Object.assign(TKG.views || {}, {
    sparql: (data) => {
      const params = new URLSearchParams(window.location.search);
      const first = data.examples.find((e) => e.name === "triple_count") || data.examples[0];
      const ed = editor(params.get("query") || (first ? first.text : "SELECT * WHERE { ?s ?p ?o } LIMIT 10"));
      const out = el("div", { id: "results" });
      const go = () => run(ed.area.value, out);
      ed.area.addEventListener("keydown", (ev) => { if (ev.key === "Enter" && (ev.ctrlKey || ev.metaKey)) go(); });
      const examples = el("div", { class: "examples" }, data.examples.map((e) =>
        el("button", { type: "button", class: "example", "data-name": e.name, title: e.summary + (e.params.length ? ` (${e.params.join(", ")} unbound: all)` : ""),
          onclick: () => { ed.area.value = e.text; ed.sync(); go(); } }, e.name)));
      return [el("h1", {}, "SPARQL"),
        el("p", { class: "sub" }, TKG.lang() === "en" ? "Named queries run with one click; Ctrl+Enter runs the editor. Endpoint: /sparql"
          : "点击命名查询即可运行；Ctrl+Enter 运行编辑器中的查询。端点：/sparql"),
        examples, ed.box, el("p", {}, el("button", { type: "button", class: "primary", id: "run", onclick: go }, TKG.lang() === "en" ? "Run" : "运行")), out];
    },
  });
})();
