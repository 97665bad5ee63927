/* trdguide website: the page "What matters to you" (weigh.html).
   Every conflict comes from the knowledge layer (assets/weigh-data.js, from weighing.weigh_table): this
   script only keeps the keys ticked and groups the options by how many conflicts are left, as
   `trdguide weigh` does. Nothing is stored or sent. Data goes into the page only as text. Its sentences
   come from the language's assets/strings.js. */
(function () {
  "use strict";

  var D = window.TRDGUIDE_WEIGH;
  var form = document.getElementById("weigh-form");
  if (!form || !D || !window.TRDGUIDE_TEXT) { return; }
  var T = window.TRDGUIDE_TEXT.weigh;

  function el(tag, text, attrs) {
    var node = document.createElement(tag);
    if (text !== undefined && text !== null) { node.textContent = text; }
    if (attrs) { Object.keys(attrs).forEach(function (k) { node.setAttribute(k, attrs[k]); }); }
    return node;
  }
  function fill(template, values) {
    return template.replace(/\{(\w+)\}/g, function (_, k) { return String(values[k]); });
  }
  function ticked(name) {
    return Array.prototype.filter.call(form.querySelectorAll("input[name=" + name + "]"), function (b) {
      return b.checked;
    }).map(function (b) { return b.value; });
  }

  var result = document.getElementById("weigh-result");
  var said = document.getElementById("weigh-said-lines");
  var groupsBox = document.getElementById("weigh-groups");
  var status = document.getElementById("weigh-status");
  var matterBoxes = Array.prototype.slice.call(form.querySelectorAll("input[name=matters]"));
  var matters = [];  /* in the order they were ticked, as --matters keeps the order typed */

  function render() {
    var avoid = ticked("avoid");
    var byGroup = {};
    D.groups.forEach(function (g) { byGroup[g[0]] = []; });
    D.order.forEach(function (id) {
      var o = D.options[id];
      var found = avoid.filter(function (k) { return o.avoid[k] !== null && o.avoid[k] !== "not-known"; });
      var group = D.groups[Math.min(found.length, 2)][0];
      byGroup[group].push({ id: id, o: o, found: found });
    });

    said.textContent = "";
    var named = avoid.map(function (k) { return D.avoid[k]; }).join("; ") || T.nothing_named;
    var chosen = matters.map(function (k) { return T.matter_words[k]; }).join(", ") || T.nothing_chosen;
    var lines = el("ul", null, { "class": "plain" });
    lines.appendChild(el("li", fill(T.avoid_list, { named: named })));
    lines.appendChild(el("li", fill(T.matters_list, { chosen: chosen })));
    said.appendChild(lines);
    if (!avoid.length) { said.appendChild(el("p", T.nothing_said, { "class": "note" })); }

    groupsBox.textContent = "";
    D.groups.forEach(function (g) {
      var members = byGroup[g[0]];
      var section = el("section", null, { "class": "weigh-group", "data-group": g[0], "aria-labelledby": "group-" + g[0] });
      section.appendChild(el("h2", fill(T.group, { group: g[1], n: members.length }), { id: "group-" + g[0] }));
      if (!members.length) {
        section.appendChild(el("p", T.group_empty));
      } else {
        var list = el("ul", null, { "class": "weigh-options" });
        members.forEach(function (m) {
          var li = el("li", null, { "data-id": m.id });
          var a = el("a", m.o.label, { href: m.o.page });
          li.appendChild(a);
          var sub = el("ul");
          m.found.forEach(function (k) {
            sub.appendChild(el("li", m.o.avoid[k].line, { "data-key": k, "class": "conflict" }));
          });
          matters.forEach(function (k) {
            sub.appendChild(el("li", m.o.matters[k], { "data-matter": k }));
          });
          var unknown = avoid.filter(function (k) { return m.o.avoid[k] === "not-known"; });
          if (unknown.length) {
            var things = unknown.map(function (k) { return D.avoid[k]; }).join("; ");
            sub.appendChild(el("li", fill(T.not_known, { things: things }), { "class": "not-known" }));
          }
          if (sub.children.length) { li.appendChild(sub); }
          list.appendChild(li);
        });
        section.appendChild(list);
      }
      groupsBox.appendChild(section);
    });
    result.hidden = false;
    document.getElementById("weigh-all").classList.add("after-result");

    var full = matters.length >= D.most;
    matterBoxes.forEach(function (b) { b.disabled = full && !b.checked; });
    status.textContent = full ? T.full : "";
  }

  form.hidden = false;
  /* a reload or the back button may keep ticks: start from what the boxes say, nothing from storage */
  matters = matterBoxes.filter(function (b) { return b.checked; }).map(function (b) { return b.value; }).slice(0, D.most);
  matterBoxes.forEach(function (b) { b.checked = matters.indexOf(b.value) !== -1; });
  form.addEventListener("change", function (e) {
    var b = e.target;
    if (b.name === "matters") {
      var at = matters.indexOf(b.value);
      if (b.checked && at === -1) {
        if (matters.length >= D.most) { b.checked = false; } else { matters.push(b.value); }
      }
      if (!b.checked && at !== -1) { matters.splice(at, 1); }
    }
    render();
  });
  form.addEventListener("submit", function (e) { e.preventDefault(); });
  render();
}());
