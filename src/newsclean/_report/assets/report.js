/* newsclean removal report. Every string from the data is put in the page with textContent
   or as an attribute value set through the DOM: nothing from a document is parsed as HTML. */
(function () {
  "use strict";
  var D = JSON.parse(document.getElementById("report-data").textContent);
  var docs = D.docs, dets = D.detectors, reasons = D.reasons, T = D.totals;
  var LIST_STEP = 200;
  var state = { det: "", reason: "", lost: 0, q: "", hide: false };
  var filtered = [], selected = -1, limit = LIST_STEP;
  var byId = new Map();

  function $(id) { return document.getElementById(id); }
  function el(tag, props, kids) {
    var n = document.createElement(tag);
    if (props) {
      for (var k in props) {
        if (k === "text") n.textContent = props[k];
        else if (k === "cls") n.className = props[k];
        else if (k === "color") n.style.setProperty("--c", props[k]);
        else n.setAttribute(k, props[k]);
      }
    }
    if (kids) kids.forEach(function (c) { if (c != null) n.appendChild(typeof c === "string" ? document.createTextNode(c) : c); });
    return n;
  }
  var SVG = "http://www.w3.org/2000/svg";
  function svg(tag, attrs, text) {
    var n = document.createElementNS(SVG, tag);
    for (var k in attrs) n.setAttribute(k, String(attrs[k]));
    if (text != null) n.textContent = text;
    return n;
  }
  function color(i) { return "hsl(" + Math.round((i * 137.508) % 360) + ", 62%, 42%)"; }
  function num(n) { return Number(n).toLocaleString("en-US"); }
  function pct(x) { return (x * 100).toFixed(1) + "%"; }
  function mb(n) { return n >= 1e6 ? (n / 1e6).toFixed(1) + " MB" : (n / 1e3).toFixed(1) + " kB"; }
  function docHref(id) { return "#doc=" + encodeURIComponent(id); }
  function clear(n) { while (n.firstChild) n.removeChild(n.firstChild); return n; }

  // -- per-document indexes ---------------------------------------------------------------
  docs.forEach(function (d, i) {
    d.dset = new Set(); d.rset = new Set();
    d.removals.forEach(function (r) { d.dset.add(r[0]); d.rset.add(r[1]); });
    if (!byId.has(d.id)) byId.set(d.id, i);
  });
  function hay(d) {
    if (d.hay === undefined) {
      d.hay = (d.id + "\n" + d.segments.map(function (s) { return s[1]; }).join("")).toLowerCase();
    }
    return d.hay;
  }

  // -- header, summary ----------------------------------------------------------------------
  function header() {
    var m = D.meta;
    $("title").textContent = m.title || "newsclean removal report";
    var bits = [];
    if (m.input) bits.push("input " + m.input);
    if (m.generated) bits.push("generated " + m.generated);
    if (m.newsclean) bits.push("newsclean " + m.newsclean);
    bits.push("sample seed " + m.seed);
    $("meta").textContent = bits.join(" · ");
  }
  function summary() {
    var cards = [
      ["Documents", num(T.documents)], ["Cleaned", num(T.cleaned)], ["Errors", num(T.errors)],
      ["Text in", mb(T.bytes_in)], ["Text out", mb(T.bytes_out)],
      ["Share removed", pct(T.share_removed)], ["Removals", num(T.removals)],
      ["Untouched documents", num(T.untouched)], ["Documents in this report", num(T.sampled)]
    ];
    var box = $("cards");
    cards.forEach(function (c) {
      box.appendChild(el("div", { cls: "card" }, [el("div", { cls: "v", text: c[1] }), el("div", { cls: "k", text: c[0] })]));
    });
    var types = Object.keys(D.errors.types);
    if (!types.length) return;
    var t = el("table", null, [el("tr", null, [el("th", { text: "error type" }), el("th", { cls: "num", text: "rows" })])]);
    types.sort(function (a, b) { return D.errors.types[b] - D.errors.types[a]; }).forEach(function (k) {
      t.appendChild(el("tr", null, [el("td", { text: k }), el("td", { cls: "num", text: num(D.errors.types[k]) })]));
    });
    var ex = el("table", null, [el("tr", null, [el("th", { text: "id" }), el("th", { text: "type" }), el("th", { text: "error" })])]);
    D.errors.examples.slice(0, 8).forEach(function (e) {
      ex.appendChild(el("tr", null, [el("td", { text: e.id }), el("td", { text: e.error_type }), el("td", { text: String(e.error).slice(0, 300) })]));
    });
    $("errors").appendChild(el("h3", { text: "Errors" }));
    $("errors").appendChild(t);
    $("errors").appendChild(ex);
  }

  // -- charts -------------------------------------------------------------------------------
  function barChart(box, rows, onPick, maxRows) {
    var shown = rows.slice(0, maxRows), W = 620, L = 210, BW = 300, RH = 24;
    var maxA = Math.max.apply(null, shown.map(function (r) { return r.a; }).concat([1]));
    var maxB = Math.max.apply(null, shown.map(function (r) { return r.b; }).concat([1]));
    var s = svg("svg", { viewBox: "0 0 " + W + " " + (shown.length * RH + 6), width: W, role: "img" });
    shown.forEach(function (r, i) {
      var y = i * RH + 4;
      var g = svg("g", { "class": "bar", tabindex: "0", role: "button", "data-key": r.key });
      g.appendChild(svg("title", {}, r.tip));
      var label = r.label.length > 30 ? r.label.slice(0, 29) + "…" : r.label;
      g.appendChild(svg("text", { x: L - 8, y: y + 12, "text-anchor": "end" }, label));
      g.appendChild(svg("rect", { "class": "main", x: L, y: y, height: 10, width: Math.max(1, BW * r.a / maxA), fill: r.color }));
      g.appendChild(svg("rect", { x: L, y: y + 12, height: 5, width: Math.max(1, BW * r.b / maxB), fill: r.color, opacity: 0.45 }));
      g.appendChild(svg("text", { x: L + BW + 8, y: y + 12, "class": "dim" }, num(r.a) + " · " + num(r.b) + " ch"));
      g.addEventListener("click", function () { onPick(r.key); });
      g.addEventListener("keydown", function (e) { if (e.key === "Enter" || e.key === " ") { e.preventDefault(); onPick(r.key); } });
      s.appendChild(g);
    });
    box.appendChild(s);
    var legend = el("div", { cls: "legend" }, ["long bar: removals; thin bar: removed characters"]);
    if (rows.length > shown.length) legend.appendChild(document.createTextNode(" · " + (rows.length - shown.length) + " more in the Reason menu below"));
    box.appendChild(legend);
  }
  function charts() {
    barChart($("chart-detectors"), dets.map(function (d, i) {
      return { key: String(i), label: d.name, a: d.removals, b: d.chars, color: color(i),
        tip: d.name + ": " + num(d.removals) + " removals, " + num(d.chars) + " characters, in " + num(d.docs) + " documents" };
    }), function (k) { setFilter("det", k); }, 40);
    barChart($("chart-reasons"), reasons.map(function (r, i) {
      var di = r.detectors.length ? r.detectors[0] : 0;
      return { key: String(i), label: r.name, a: r.removals, b: r.chars, color: color(di),
        tip: r.name + ": " + num(r.removals) + " removals, " + num(r.chars) + " characters, in " + num(r.docs) + " documents" };
    }), function (k) { setFilter("reason", k); }, 40);
  }
  function histogram() {
    var H = D.histogram, n = H.bins, W = 640, Hh = 170, B = 20, bw = (W - 60) / n;
    var maxC = Math.max.apply(null, H.counts.concat([1]));
    var s = svg("svg", { viewBox: "0 0 " + W + " " + (Hh + 40), width: W, role: "img" });
    H.counts.forEach(function (c, i) {
      var h = c ? Math.max(2, (Hh - B) * c / maxC) : 0, x = 40 + i * bw;
      var lo = Math.round(100 * i / n), hi = Math.round(100 * (i + 1) / n);
      var g = svg("g", { "class": "bar", tabindex: "0", role: "button", "data-bin": i });
      g.appendChild(svg("title", {}, num(c) + " documents lost " + lo + "–" + hi + "% of their text"));
      g.appendChild(svg("rect", { "class": "main", x: x + 1, y: Hh - h, width: bw - 2, height: h, fill: i >= n / 2 ? "#c0392b" : "#0b5cad" }));
      if (c) g.appendChild(svg("text", { x: x + bw / 2, y: Hh - h - 3, "text-anchor": "middle", "class": "dim" }, num(c)));
      var pick = function () { $("f-lost").value = String(lo); setFilter("lost", lo); };
      g.addEventListener("click", pick);
      g.addEventListener("keydown", function (e) { if (e.key === "Enter" || e.key === " ") { e.preventDefault(); pick(); } });
      s.appendChild(g);
      if (i % 2 === 0) s.appendChild(svg("text", { x: x, y: Hh + 14, "text-anchor": "middle", "class": "dim" }, lo + "%"));
    });
    s.appendChild(svg("text", { x: 40 + n * bw, y: Hh + 14, "text-anchor": "middle", "class": "dim" }, "100%"));
    s.appendChild(svg("line", { x1: 40, x2: 40 + n * bw, y1: Hh, y2: Hh, stroke: "#999" }));
    $("histogram").appendChild(s);
    $("histogram").appendChild(el("div", { cls: "legend" }, [num(T.untouched) + " documents had nothing removed (in the first bar); bars from 50% on are red"]));
    var ol = $("most-lost");
    D.most_lost.forEach(function (i) {
      var d = docs[i], top = topDetectors(d, 2);
      ol.appendChild(el("li", null, [el("a", { href: docHref(d.id), text: d.id }),
        " — " + pct(d.lost) + " of " + num(d.chars) + " characters" + (top ? " (" + top + ")" : "")]));
    });
  }
  function topDetectors(d, k) {
    var c = new Map();
    d.removals.forEach(function (r) { c.set(r[0], (c.get(r[0]) || 0) + (r[4] - r[3])); });
    return Array.from(c.entries()).sort(function (a, b) { return b[1] - a[1]; }).slice(0, k)
      .map(function (e) { return dets[e[0]].name; }).join(", ");
  }

  // -- filters and the document list ---------------------------------------------------------
  function fillFilters() {
    dets.forEach(function (d, i) { $("f-detector").appendChild(el("option", { value: String(i), text: d.name + " (" + num(d.removals) + ")" })); });
    reasons.forEach(function (r, i) { $("f-reason").appendChild(el("option", { value: String(i), text: r.name + " (" + num(r.removals) + ")" })); });
    var m = D.meta;
    $("sample-note").textContent = "(a seeded sample of " + num(docs.length) + " of " + num(T.documents) +
      ": up to " + m.per_detector + " per detector and " + m.per_reason + " per reason, and the " + m.top +
      " that lost most; seed " + m.seed + ")";
    $("f-detector").addEventListener("change", function () { state.det = this.value; apply(); });
    $("f-reason").addEventListener("change", function () { state.reason = this.value; apply(); });
    $("f-lost").addEventListener("input", function () { state.lost = Number(this.value) || 0; apply(); });
    $("f-search").addEventListener("input", function () { state.q = this.value.trim().toLowerCase(); apply(); });
    $("f-hide").addEventListener("change", function () { setHide(this.checked); });
    $("f-reset").addEventListener("click", function () { resetFilters(); apply(); });
    $("filters").addEventListener("submit", function (e) { e.preventDefault(); });
  }
  function resetFilters() {
    state.det = state.reason = state.q = ""; state.lost = 0;
    $("f-detector").value = ""; $("f-reason").value = ""; $("f-lost").value = "0"; $("f-search").value = "";
  }
  function setFilter(which, v) {
    state[which] = v;
    if (which === "det") $("f-detector").value = v;
    if (which === "reason") $("f-reason").value = v;
    apply();
    $("browse").scrollIntoView();
  }
  function setHide(on) { state.hide = on; $("f-hide").checked = on; $("doc-view").classList.toggle("hide-removed", on); }
  function matches(d) {
    if (state.det !== "" && !d.dset.has(Number(state.det))) return false;
    if (state.reason !== "" && !d.rset.has(Number(state.reason))) return false;
    if (state.lost > 0 && !(d.lost * 100 > state.lost)) return false;
    if (state.q && hay(d).indexOf(state.q) < 0) return false;
    return true;
  }
  function apply() {
    filtered = [];
    for (var i = 0; i < docs.length; i++) if (matches(docs[i])) filtered.push(i);
    limit = LIST_STEP;
    $("f-count").textContent = num(filtered.length) + " of " + num(docs.length) + " documents shown";
    renderList();
    if (filtered.indexOf(selected) < 0) select(filtered.length ? filtered[0] : -1, false);
    else renderDoc();
  }
  function renderList() {
    var ul = clear($("doc-list"));
    filtered.slice(0, limit).forEach(function (i) {
      var d = docs[i];
      var li = el("li", { role: "option", "data-i": String(i), "aria-selected": String(i === selected), title: d.id }, [
        el("span", { cls: "id", text: d.id }), el("span", { cls: "pct", text: pct(d.lost) }),
        el("span", { cls: "meter" }, [el("span", { style: "width:" + Math.min(100, d.lost * 100).toFixed(1) + "%" })])]);
      ul.appendChild(li);
    });
    if (filtered.length > limit) {
      ul.appendChild(el("li", { cls: "more", "data-more": "1", text: "show " + num(Math.min(LIST_STEP, filtered.length - limit)) + " more" }));
    }
    if (!filtered.length) ul.appendChild(el("li", { cls: "more", text: "no document matches" }));
  }
  $("doc-list").addEventListener("click", function (e) {
    var li = e.target.closest("li");
    if (!li) return;
    if (li.getAttribute("data-more")) { limit += LIST_STEP; renderList(); return; }
    if (li.hasAttribute("data-i")) select(Number(li.getAttribute("data-i")), true);
  });
  function select(i, updateHash) {
    selected = i;
    var ul = $("doc-list"), cur = ul.querySelector('li[aria-selected="true"]');
    if (cur) cur.setAttribute("aria-selected", "false");
    var li = ul.querySelector('li[data-i="' + i + '"]');
    if (li) {
      li.setAttribute("aria-selected", "true");
      // Scroll the list only, never the page.
      if (li.offsetTop < ul.scrollTop) ul.scrollTop = li.offsetTop;
      else if (li.offsetTop + li.offsetHeight > ul.scrollTop + ul.clientHeight) ul.scrollTop = li.offsetTop + li.offsetHeight - ul.clientHeight;
    }
    renderDoc();
    if (updateHash && i >= 0) {
      try { history.replaceState(null, "", docHref(docs[i].id)); } catch (err) { /* some file:// setups refuse */ }
    }
  }
  function move(step) {
    if (!filtered.length) return;
    var at = filtered.indexOf(selected), next = at < 0 ? 0 : Math.min(filtered.length - 1, Math.max(0, at + step));
    while (next >= limit) { limit += LIST_STEP; renderList(); }
    select(filtered[next], true);
  }

  // -- one document ---------------------------------------------------------------------------
  function renderDoc() {
    var box = clear($("doc-view"));
    if (selected < 0) { box.appendChild(el("p", { cls: "empty", text: "No document matches the filters." })); return; }
    var d = docs[selected];
    box.setAttribute("data-id", d.id);
    var chips = el("div");
    Array.from(d.dset).forEach(function (k) { chips.appendChild(el("span", { cls: "chip", color: color(k), text: dets[k].name })); });
    box.appendChild(el("div", { cls: "head" }, [
      el("h3", { text: d.id }),
      el("a", { cls: "permalink", href: docHref(d.id), text: "permalink" }),
      el("span", { text: "lost " + pct(d.lost) + " (" + num(d.removed) + " of " + num(d.chars) + " characters), " + d.removals.length + " removals; row " + (d.row + 1) }),
      el("span", { cls: "muted", text: "in the sample as: " + d.why.join(", ") }),
      chips]));
    if (d.context != null) box.appendChild(el("p", { cls: "muted", text: "Long stretches of kept text are shortened to " + d.context + " characters each side to keep this file small." }));
    var fd = state.det === "" ? -1 : Number(state.det), fr = state.reason === "" ? -1 : Number(state.reason);
    var text = el("div", { cls: "text" }), texts = d.removals.map(function () { return ""; });
    d.segments.forEach(function (s) {
      var k = s[0];
      if (k === -1) { text.appendChild(document.createTextNode(s[1])); return; }
      if (k < 0 || k >= d.removals.length) { text.appendChild(el("span", { cls: "mark", text: s[1] })); return; }
      var r = d.removals[k];
      texts[k] += s[1];
      var cls = (r[2] < 0.7 ? "low" : "") + (r[0] === fd || r[1] === fr ? " hit" : "");
      text.appendChild(el("del", { cls: cls.trim(), color: color(r[0]), "data-r": String(k),
        title: dets[r[0]].name + " · " + reasons[r[1]].name + " · confidence " + r[2].toFixed(2) + (r[5] >= 0 ? " · line " + (r[5] + 1) : "") }, [s[1]]));
    });
    box.appendChild(text);
    var t = el("table", { cls: "removals" }, [el("tr", null, ["#", "detector", "reason", "confidence", "line", "chars", "text"].map(function (h) { return el("th", { text: h }); }))]);
    d.removals.forEach(function (r, k) {
      t.appendChild(el("tr", null, [el("td", { cls: "num", text: String(k + 1) }),
        el("td", null, [el("span", { cls: "chip", color: color(r[0]), text: dets[r[0]].name })]),
        el("td", { text: reasons[r[1]].name }), el("td", { cls: "num", text: r[2].toFixed(2) }),
        el("td", { cls: "num", text: r[5] >= 0 ? String(r[5] + 1) : "" }), el("td", { cls: "num", text: num(r[4] - r[3]) }),
        el("td", { cls: "t", text: texts[k].slice(0, 200), title: texts[k].slice(0, 1000) })]));
    });
    box.appendChild(el("h3", { text: "Removals" }));
    box.appendChild(t);
  }

  // -- permalinks and keys -----------------------------------------------------------------------
  function fromHash(scroll) {
    var m = /^#doc=(.*)$/.exec(location.hash), id;
    if (!m) return false;
    try { id = decodeURIComponent(m[1]); } catch (err) { id = m[1]; }
    var box = $("doc-view");
    if (!byId.has(id)) {
      clear(box).appendChild(el("p", { cls: "empty", text: "Document " + id + " is not in this report's sample (" + num(docs.length) + " of " + num(T.documents) + " documents are)." }));
      selected = -1;
      return true;
    }
    var i = byId.get(id);
    if (!matches(docs[i])) { resetFilters(); apply(); }
    select(i, false);
    if (scroll) box.scrollIntoView();
    return true;
  }
  window.addEventListener("hashchange", function () { fromHash(true); });
  document.addEventListener("keydown", function (e) {
    var tag = e.target && e.target.tagName;
    if (e.ctrlKey || e.metaKey || e.altKey) return;
    if (tag === "INPUT" || tag === "SELECT" || tag === "TEXTAREA") {
      if (e.key === "Escape") e.target.blur();
      return;
    }
    var listFocused = e.target === $("doc-list");
    if (e.key === "j" || (listFocused && e.key === "ArrowDown")) { e.preventDefault(); move(1); }
    else if (e.key === "k" || (listFocused && e.key === "ArrowUp")) { e.preventDefault(); move(-1); }
    else if (e.key === "/") { e.preventDefault(); $("f-search").focus(); }
    else if (e.key === "h") { setHide(!state.hide); }
  });

  header();
  summary();
  charts();
  histogram();
  fillFilters();
  apply();
  fromHash(true);
  document.documentElement.setAttribute("data-ready", "1");
})();
