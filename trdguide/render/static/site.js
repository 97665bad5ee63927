/* trdguide website: the options filter, the compare page and the print buttons.
   Data is only ever put into the page as text (textContent), never as markup. Every sentence it shows
   comes from the language's assets/strings.js (window.TRDGUIDE_TEXT, made from the translation catalog). */
(function () {
  "use strict";

  function el(tag, text, attrs) {
    var node = document.createElement(tag);
    if (text !== undefined && text !== null) { node.textContent = text; }
    if (attrs) { Object.keys(attrs).forEach(function (k) { node.setAttribute(k, attrs[k]); }); }
    return node;
  }

  function norm(s) {
    return s.toLocaleLowerCase().replace(/[^\p{L}\p{N}]+/gu, " ").trim();
  }

  function fill(template, values) {
    return template.replace(/\{(\w+)\}/g, function (_, k) { return String(values[k]); });
  }

  /* names: looked up in the knowledge layer's name table (assets/names.js), exactly as the command
     line resolves them. The words typed are folded as folding.fold does: case, accents, punctuation,
     hyphens and plurals do not matter. */
  var N = window.TRDGUIDE_NAMES;
  var TEXT = window.TRDGUIDE_TEXT;
  function has(o, k) { return Object.prototype.hasOwnProperty.call(o, k); }
  function foldWords(s) {
    return s.normalize("NFKD").replace(/\p{M}/gu, "").toLowerCase().replace(/[^a-z0-9]+/g, " ")
      .split(" ").filter(Boolean);
  }
  function singular(w) {
    if (w.length > 4 && /ies$/.test(w)) { return w.slice(0, -3) + "y"; }
    if (w.length > 4 && /(xes|ches|shes|sses)$/.test(w)) { return w.slice(0, -2); }
    if (w.length > 3 && /s$/.test(w) && !/(ss|us|is)$/.test(w)) { return w.slice(0, -1); }
    return w;
  }
  function resolveName(raw) {
    var key = foldWords(raw).map(singular).join(" ");
    if (!key) { return { kind: "empty" }; }
    if (!has(N.names, key)) {
      var c = foldWords(raw).join("");
      if (has(N.compact, c)) { key = N.compact[c]; }
    }
    if (has(N.names, key)) {
      return { kind: "option", id: N.names[key], brand: has(N.brands, key) ? N.brands[key] : null };
    }
    if (has(N.families, key)) { return { kind: "family", ids: N.families[key] }; }
    if (key.replace(/ /g, "").length >= 4 && has(N.prefixes, key)) {
      var ids = N.prefixes[key];
      return ids.length === 1 ? { kind: "option", id: ids[0], prefix: true } : { kind: "ambiguous", ids: ids.slice(0, 10) };
    }
    return { kind: "unknown" };
  }
  function quoted(raw) {
    var s = raw.trim();
    var shown = Array.from(s).slice(0, N ? N.shown : 80).join("");
    return "\u201c" + shown + (shown.length < s.length ? "\u2026" : "") + "\u201d";
  }

  /* print buttons */
  Array.prototype.forEach.call(document.querySelectorAll("[data-print]"), function (b) {
    b.hidden = false;
    b.addEventListener("click", function () { window.print(); });
  });

  /* sections that fold (details): opened when a link or the address points into them, and for print */
  function openTarget() {
    var id = decodeURIComponent(window.location.hash.slice(1));
    var target = id && document.getElementById(id);
    for (var node = target; node; node = node.parentElement) {
      if (node.tagName === "DETAILS") { node.open = true; }
    }
    if (target && target.tagName === "DETAILS") { target.scrollIntoView(); }
  }
  window.addEventListener("hashchange", openTarget);
  openTarget();
  var reopen = [];
  window.addEventListener("beforeprint", function () {
    Array.prototype.forEach.call(document.querySelectorAll("details:not([open])"), function (d) {
      d.open = true; reopen.push(d);
    });
  });
  window.addEventListener("afterprint", function () {
    reopen.forEach(function (d) { d.open = false; });
    reopen = [];
  });

  /* the crisis page: the reader's own region first (from the browser's languages), changeable */
  var pick = document.getElementById("region-first");
  if (pick) {
    var regionsBox = document.getElementById("regions");
    var original = Array.prototype.slice.call(regionsBox.querySelectorAll("section[data-region]"));
    var offered = Array.prototype.map.call(pick.options, function (o) { return o.value; });
    var fromLanguage = function () {
      var langs = navigator.languages && navigator.languages.length ? navigator.languages : [navigator.language || ""];
      for (var i = 0; i < langs.length; i += 1) {
        var parts = String(langs[i]).split("-");
        var code = parts.length > 1 ? parts[parts.length - 1].toUpperCase() : "";
        if (code === "GB") { code = "UK"; }
        if (code && offered.indexOf(code) !== -1) { return code; }
      }
      return "";
    };
    var order = function (code) {
      original.forEach(function (s) { regionsBox.appendChild(s); });
      var first = original.filter(function (s) { return s.getAttribute("data-region") === code; })[0];
      if (first) { regionsBox.insertBefore(first, regionsBox.firstChild); }
    };
    pick.value = fromLanguage();
    order(pick.value);
    document.getElementById("region-pick").hidden = false;
    pick.addEventListener("change", function () { order(pick.value); });
  }

  /* the options filter on the home page: every row stays in the page without JavaScript */
  var filter = document.getElementById("filter");
  if (filter) {
    var box = document.getElementById("filter-box");
    var status = document.getElementById("filter-status");
    var table = document.querySelector("table.options");
    var total = Number(table.getAttribute("data-total"));
    box.hidden = false;
    var apply = function () {
      var words = norm(filter.value).split(" ").filter(Boolean);
      var found = N && words.length ? resolveName(filter.value) : { kind: "empty" };
      var byName = found.kind === "option" ? [found.id] : (found.ids || []);
      var shown = 0;
      Array.prototype.forEach.call(table.tBodies, function (body) {
        var any = false;
        Array.prototype.forEach.call(body.querySelectorAll("tr[data-search]"), function (row) {
          var hay = " " + row.getAttribute("data-search");
          var ok = words.every(function (w) { return hay.indexOf(w) !== -1; }) ||
            byName.indexOf(row.getAttribute("data-id")) !== -1;
          row.hidden = !ok;
          if (ok) { shown += 1; any = true; }
        });
        body.hidden = !any;
      });
      if (!words.length) { status.textContent = ""; }
      else if (shown === 0) { status.textContent = fill(TEXT.filter.none, { query: "\u201c" + filter.value.trim() + "\u201d" }); }
      else { status.textContent = fill(TEXT.filter.some, { shown: shown, n: total }); }
    };
    filter.addEventListener("input", apply);
    apply();
  }

  /* the compare page */
  var form = document.getElementById("compare-form");
  var D = window.TRDGUIDE_COMPARE;
  if (!form || !D || !N || !TEXT) { return; }
  var T = TEXT.compare;
  var statusBox = document.getElementById("compare-status");
  var result = document.getElementById("result");
  var chooser = document.getElementById("chooser");
  var detailBox = document.getElementById("detail");
  var boxes = Array.prototype.slice.call(form.querySelectorAll("input[name=options]"));
  var chosen = [];
  var unknown = [];
  form.hidden = false;

  var named = [];   /* what each name in the address was taken to mean */

  function readUrl() {
    var params = new URLSearchParams(window.location.search);
    chosen = []; unknown = []; named = [];
    params.getAll("options").forEach(function (v) {
      v.split(",").forEach(function (raw) {
        if (!raw.trim()) { return; }
        var r = resolveName(raw);
        r.typed = raw;
        if (r.kind === "option") {
          if (chosen.indexOf(r.id) === -1) { chosen.push(r.id); }
          if (r.brand || r.prefix) { named.push(r); }
        } else if (r.kind === "family" || r.kind === "ambiguous") {
          named.push(r);
        } else {
          unknown.push(raw);
        }
      });
    });
    detailBox.checked = params.get("detail") === "1";
    boxes.forEach(function (b) { b.checked = chosen.indexOf(b.value) !== -1; });
  }

  function writeUrl() {
    var q = "?options=" + chosen.join(",") + (detailBox.checked ? "&detail=1" : "");
    if (window.location.search !== q) { window.history.replaceState(null, "", q); }
  }

  /* how the names in the address were read, below the comparison: each typed name quoted and
     shortened as the command line does, never as a sentence of the page */
  function showNames() {
    var box = document.getElementById("compare-names");
    box.textContent = "";
    named.forEach(function (r) {
      if (r.kind === "option") {
        var t = r.brand ? T.brand : T.prefix;
        box.appendChild(el("p", fill(t, { name: r.brand ? quoted(r.brand) : quoted(r.typed), option: D.options[r.id].name })));
        return;
      }
      box.appendChild(el("p", fill(r.kind === "family" ? T.family : T.ambiguous, { name: quoted(r.typed) })));
      var ul = el("ul", null, { "class": "links", "data-kind": r.kind });
      r.ids.forEach(function (id) {
        var li = el("li", null, { "data-option": id });
        var with_ = chosen.indexOf(id) === -1 ? chosen.concat([id]) : chosen;
        li.appendChild(el("a", D.options[id].name, { href: "compare.html?options=" + with_.join(",") }));
        ul.appendChild(li);
      });
      box.appendChild(ul);
    });
    if (unknown.length) {
      box.appendChild(el("p", T.unknown));
      var list = el("ul", null, { id: "compare-unknown" });
      unknown.forEach(function (raw) { list.appendChild(el("li", quoted(raw))); });
      box.appendChild(list);
    }
  }

  function paras(parent, texts) {
    texts.forEach(function (t) { parent.appendChild(el("p", t)); });
  }

  function shown(cell, detail) {
    return detail || cell.short === null ? cell.detail : [cell.short];
  }

  function optionLink(id, text) {
    return el("a", text, { href: D.options[id].page });
  }

  function render() {
    var detail = detailBox.checked;
    showNames();
    if (chosen.length < 2 || chosen.length > 5) {
      result.hidden = true;
      chooser.open = true;
      statusBox.textContent = chosen.length > 5 ? fill(T.too_many, { n: chosen.length }) : T.choose;
      return;
    }
    var opts = chosen.map(function (id) { return D.options[id]; });
    var names = opts.map(function (o) { return o.name; });
    var unused = unknown.length || named.some(function (r) { return r.kind !== "option"; });
    statusBox.textContent = fill(T.showing, { names: names.join(", ") }) + (unused ? " " + T.see_below : "");
    document.getElementById("result-heading").textContent = T.comparing + names.join(" \u00b7 ");

    /* the grid: options as columns (wide screens and print) */
    var grid = document.getElementById("grid");
    grid.textContent = "";
    grid.appendChild(el("caption", detail ? T.grid_caption_detail : T.grid_caption, { "class": "visually-hidden" }));
    var headRow = el("tr");
    headRow.appendChild(el("th", T.question, { scope: "col" }));
    chosen.forEach(function (id) {
      var th = el("th", null, { scope: "col" });
      th.appendChild(optionLink(id, D.options[id].head));
      headRow.appendChild(th);
    });
    var thead = el("thead"); thead.appendChild(headRow); grid.appendChild(thead);
    var tbody = el("tbody");
    D.rows.forEach(function (r) {
      var tr = el("tr");
      tr.appendChild(el("th", r.label, { scope: "row" }));
      chosen.forEach(function (id) {
        var td = el("td", null, { "data-row": r.key, "data-option": id });
        paras(td, shown(D.options[id].cells[r.key], detail));
        tr.appendChild(td);
      });
      tbody.appendChild(tr);
    });
    grid.appendChild(tbody);

    /* the same, one card per option (phones) */
    var cards = document.getElementById("cards");
    cards.textContent = "";
    chosen.forEach(function (id) {
      var o = D.options[id];
      var card = el("section", null, { "class": "card", "aria-label": o.head });
      var h = el("h3"); h.appendChild(optionLink(id, o.head)); card.appendChild(h);
      var dl = el("dl");
      D.rows.forEach(function (r) {
        dl.appendChild(el("dt", r.question));
        var dd = el("dd", null, { "data-row": r.key, "data-option": id });
        paras(dd, shown(o.cells[r.key], detail));
        dl.appendChild(dd);
      });
      card.appendChild(dl);
      cards.appendChild(card);
    });

    /* trials that compared two or more of the chosen options directly */
    var trialsBox = document.getElementById("trials");
    trialsBox.textContent = "";
    var trials = D.trials.filter(function (t) {
      return t.options.filter(function (id) { return chosen.indexOf(id) !== -1; }).length >= 2;
    });
    if (trials.length) {
      trialsBox.appendChild(el("h2", T.trials));
      if (detail) {
        trials.forEach(function (t) {
          trialsBox.appendChild(el("h3", t.title));
          var ul = el("ul", null, { "class": "trials" });
          t.detail.forEach(function (x) { ul.appendChild(el("li", x)); });
          trialsBox.appendChild(ul);
        });
      } else {
        var list = el("ul", null, { "class": "trials" });
        trials.forEach(function (t) { list.appendChild(el("li", t.line)); });
        trialsBox.appendChild(list);
      }
    }
    document.getElementById("caveat").textContent = D.caveat;

    var more = document.getElementById("more");
    more.textContent = T.in_full;
    chosen.forEach(function (id, i) {
      if (i) { more.appendChild(document.createTextNode(", ")); }
      more.appendChild(optionLink(id, D.options[id].name));
    });
    var dates = opts.map(function (o) { return o.reviewed; }).sort();
    var when = dates[0] === dates[dates.length - 1] ? fill(T.reviewed, { when: dates[0] })
      : fill(T.reviewed_range, { oldest: dates[0], newest: dates[dates.length - 1] });
    more.appendChild(document.createTextNode(". " + when));
    result.hidden = false;
  }

  readUrl();
  if (chosen.length >= 2 && chosen.length <= 5) { chooser.open = false; }
  render();  /* the address stays as it was typed: it is rewritten only when the reader changes the choice */

  boxes.forEach(function (b) {
    b.addEventListener("change", function () {
      var at = chosen.indexOf(b.value);
      if (b.checked && at === -1) { chosen.push(b.value); }
      if (!b.checked && at !== -1) { chosen.splice(at, 1); }
      unknown = []; named = [];
      writeUrl();
      render();
    });
  });
  detailBox.addEventListener("change", function () { writeUrl(); render(); });
  form.addEventListener("submit", function (e) {
    e.preventDefault();
    writeUrl();
    render();
    if (!result.hidden) { document.getElementById("result-heading").scrollIntoView(); }
  });
  window.addEventListener("popstate", function () { readUrl(); render(); });
}());
