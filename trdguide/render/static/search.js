/* trdguide website: the search box on every page. It searches the index the command line's `search`
   uses (assets/search-data.js, made by the same code: KnowledgeBase.search_export), so it finds the
   same things in the same order. Like search.py it only splits the words typed into tokens (folded,
   without stop words, stemmed, with the group token of every known phrase), reads a word not in the
   guide as the closest word of the guide (as difflib.get_close_matches does), and adds up the scores
   the index holds. The data is loaded the first time the box is used; results are put into the page
   as text (textContent), never as markup. Its sentences come from the language's assets/strings.js.
   The index and the words are the language's own (data-root: es/ for Spanish); the stemmer is shared
   (data-top: the site's top folder). */
(function () {
  "use strict";

  var form = document.getElementById("search");
  if (!form) { return; }
  var input = document.getElementById("search-q");
  var status = document.getElementById("search-status");
  var box = document.getElementById("search-results");
  var root = form.getAttribute("data-root") || "";
  var top = form.getAttribute("data-top") || root;
  var LIMIT = 10;
  var D = null;
  var WORDS = null;
  var waiting = false;

  function has(o, k) { return Object.prototype.hasOwnProperty.call(o, k); }

  function el(tag, text, attrs) {
    var node = document.createElement(tag);
    if (text !== undefined && text !== null) { node.textContent = text; }
    if (attrs) { Object.keys(attrs).forEach(function (k) { node.setAttribute(k, attrs[k]); }); }
    return node;
  }

  function fill(template, values) {
    return template.replace(/\{(\w+)\}/g, function (_, k) { return String(values[k]); });
  }

  function quoted(s) { return "\u201c" + s + "\u201d"; }

  /* folding.fold_words: lower case, no accents, anything but a-z and 0-9 as single spaces */
  function foldWords(s) {
    return s.normalize("NFKD").replace(/\p{M}/gu, "").toLowerCase().replace(/[^a-z0-9]+/g, " ")
      .split(" ").filter(Boolean);
  }

  /* search.stem: the index's own stem of every word it knows; the Snowball English stemmer
     (assets/stemmer.js) for any other word; digits as they are */
  function stem(w) {
    if (has(D.stems, w)) { return D.stems[w]; }
    if (/^[0-9]+$/.test(w)) { return w; }
    return window.TRDGUIDE_STEM(w);
  }

  /* search.tokens: stems of the words but stop words, then the group tokens of the phrases held */
  var PHRASES = null;
  function tokens(words) {
    var stems = words.map(stem);
    var out = stems.filter(function (s, i) { return !D.stop[words[i]]; });
    var covered = 0;
    for (var i = 0; i < stems.length; i += 1) {
      if (i < covered) { continue; }
      var rows = has(PHRASES, stems[i]) ? PHRASES[stems[i]] : [];
      for (var r = 0; r < rows.length; r += 1) {
        var p = rows[r][0];
        if (p.every(function (x, k) { return stems[i + k] === x; })) {
          out = out.concat(rows[r][1]);
          covered = i + p.length;
          break;
        }
      }
    }
    return out;
  }

  /* difflib.SequenceMatcher(None, a, b).ratio(), b being the word typed */
  function ratio(a, b) {
    var b2j = {}, n = b.length;
    for (var j = 0; j < n; j += 1) { (b2j[b[j]] = b2j[b[j]] || []).push(j); }
    if (n >= 200) {  /* difflib's "popular" characters of a long sequence */
      var ntest = Math.floor(n / 100) + 1;
      Object.keys(b2j).forEach(function (c) { if (b2j[c].length > ntest) { delete b2j[c]; } });
    }
    function longest(alo, ahi, blo, bhi) {
      var besti = alo, bestj = blo, size = 0, j2len = {};
      for (var i = alo; i < ahi; i += 1) {
        var next = {}, js = has(b2j, a[i]) ? b2j[a[i]] : [];
        for (var x = 0; x < js.length; x += 1) {
          var jj = js[x];
          if (jj < blo) { continue; }
          if (jj >= bhi) { break; }
          var k = next[jj] = (j2len[jj - 1] || 0) + 1;
          if (k > size) { besti = i - k + 1; bestj = jj - k + 1; size = k; }
        }
        j2len = next;
      }
      while (besti > alo && bestj > blo && a[besti - 1] === b[bestj - 1]) { besti -= 1; bestj -= 1; size += 1; }
      while (besti + size < ahi && bestj + size < bhi && a[besti + size] === b[bestj + size]) { size += 1; }
      return [besti, bestj, size];
    }
    var matches = 0, queue = [[0, a.length, 0, n]];
    while (queue.length) {
      var q = queue.pop(), m = longest(q[0], q[1], q[2], q[3]);
      if (m[2]) {
        matches += m[2];
        if (q[0] < m[0] && q[2] < m[1]) { queue.push([q[0], m[0], q[2], m[1]]); }
        if (m[0] + m[2] < q[1] && m[1] + m[2] < q[3]) { queue.push([m[0] + m[2], q[1], m[1] + m[2], q[3]]); }
      }
    }
    var total = a.length + n;
    return total ? 2.0 * matches / total : 1.0;
  }

  /* search._correct: difflib.get_close_matches(word, words, n=1, cutoff=0.8) */
  function correct(word) {
    var best = null, score = -1;
    for (var i = 0; i < WORDS.length; i += 1) {
      var r = ratio(WORDS[i], word);
      if (r >= 0.8 && (r > score || (r === score && WORDS[i] > best))) { best = WORDS[i]; score = r; }
    }
    return best;
  }

  /* search.query_tokens and search.search */
  function find(query) {
    var corrections = [], words = [];
    foldWords(query).forEach(function (w) {
      if (!D.stop[w] && !has(D.postings, stem(w)) && tokens([w]).length < 2) {
        var better = correct(w);
        if (better !== null && has(D.postings, stem(better))) {
          corrections.push([w, better]);
          w = better;
        }
      }
      words.push(w);
    });
    var toks = [];
    tokens(words).forEach(function (t) { if (toks.indexOf(t) === -1) { toks.push(t); } });
    var urgent = toks.some(function (t) { return D.urgent.indexOf(t) !== -1; });
    function add(scores, t) {
      var flat = has(D.postings, t) ? D.postings[t] : [];
      for (var i = 0; i < flat.length; i += 2) { scores[flat[i]] = (scores[flat[i]] || 0) + flat[i + 1]; }
    }
    function ranked(scores, share) {
      var ds = Object.keys(scores).map(Number);
      var top = Math.max.apply(null, ds.map(function (d) { return scores[d]; }));
      return ds.filter(function (d) { return scores[d] >= share * top; })
        .sort(function (x, y) { return scores[y] - scores[x] || x - y; });
    }
    var scores = {};
    toks.forEach(function (t) { add(scores, t); });
    var order = Object.keys(scores).length ? ranked(scores, D.cutoff) : [];
    if (order.length && urgent) {
      var danger = {};
      toks.forEach(function (t) { if (D.urgent.indexOf(t) !== -1) { add(danger, t); } });
      if (Object.keys(danger).length) {
        var first = ranked(danger, D.urgent_cutoff);
        order = first.concat(order.filter(function (d) { return first.indexOf(d) === -1; }));
      }
    }
    return { docs: order, corrections: corrections, urgent: urgent };
  }

  function show() {
    var T = window.TRDGUIDE_TEXT.search;
    var query = input.value.trim();
    Array.prototype.forEach.call(box.querySelectorAll(".search-out"), function (n) { n.remove(); });
    box.removeAttribute("data-query");
    if (!foldWords(query).length) { status.textContent = ""; return; }
    var found = find(query);
    var notes = el("div", null, { "class": "search-out" });
    if (found.urgent && found.docs.length) {
      var warn = el("p", T.urgent + " ", { "class": "warn" });
      warn.appendChild(el("a", T.crisis_link, { href: root + "crisis.html" }));
      notes.appendChild(warn);
    }
    found.corrections.forEach(function (c) {
      notes.appendChild(el("p", fill(T.corrected, { typed: quoted(c[0]), read_as: quoted(c[1]) }), { "class": "note" }));
    });
    var shown = found.docs.slice(0, LIMIT);
    if (shown.length) {
      var list = el("ol", null, { id: "search-list", "class": "search-list" });
      shown.forEach(function (d) {
        var li = el("li");
        li.appendChild(el("a", D.docs[d][0], { href: root + D.docs[d][1], "data-doc": String(d) }));
        list.appendChild(li);
      });
      notes.appendChild(list);
    } else {
      var more = el("p", null, { "class": "note" });
      more.appendChild(el("a", T.faq_link, { href: root + "faq.html#questions" }));
      notes.appendChild(more);
    }
    box.appendChild(notes);
    var q = quoted(query);
    status.textContent = !shown.length ? fill(T.none, { query: q })
      : fill(shown.length === 1 ? T.one : T.results, { n: shown.length, query: q });
    box.setAttribute("data-query", query);
  }

  var afterLoad = function () {};
  function load(then) {
    if (D) { then(); return; }
    afterLoad = then;  /* what the reader asked for last, done once the data is there */
    if (waiting) { return; }
    waiting = true;
    var pending = 2;
    var ready = function () {
      pending -= 1;
      if (pending) { return; }
      D = window.TRDGUIDE_SEARCH;
      D.stop = {};
      D.stop_words.forEach(function (w) { D.stop[w] = true; });
      PHRASES = {};
      D.phrases.forEach(function (row) { (PHRASES[row[0][0]] = PHRASES[row[0][0]] || []).push(row); });
      Object.keys(PHRASES).forEach(function (k) {  /* longest first, as search.Phrases keeps them */
        PHRASES[k].sort(function (x, y) { return y[0].length - x[0].length; });
      });
      WORDS = Object.keys(D.stems).filter(function (w) { return !D.stop[w] && !/^[0-9]+$/.test(w); }).sort();
      afterLoad();
    };
    [root + "assets/search-data.js", top + "assets/stemmer.js"].forEach(function (src) {
      var s = el("script", null, { src: src });
      s.addEventListener("load", ready);
      document.head.appendChild(s);
    });
  }

  var timer = null;
  function soon() {
    window.clearTimeout(timer);
    timer = window.setTimeout(function () { load(show); }, 200);
  }
  form.hidden = false;
  input.addEventListener("focus", function () { load(function () {}); });
  input.addEventListener("input", soon);
  input.addEventListener("keydown", function (e) {
    if (e.key === "Escape") { input.value = ""; soon(); }
  });
  form.addEventListener("submit", function (e) {
    e.preventDefault();
    window.clearTimeout(timer);
    load(show);
  });
}());
