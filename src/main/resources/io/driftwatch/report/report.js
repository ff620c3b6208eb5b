(function () {
  "use strict";
  var table = document.getElementById("cols");
  if (!table) { return; }
  var bodies = Array.prototype.slice.call(table.tBodies);
  bodies.forEach(function (tb, i) { tb.dataset.i = String(i); });

  function toggle(tb, open) {
    var row = tb.rows[0], detail = tb.rows[1];
    if (open === undefined) { open = detail.hidden; }
    detail.hidden = !open;
    row.setAttribute("aria-expanded", open ? "true" : "false");
    tb.classList.toggle("open", open);
  }
  bodies.forEach(function (tb) {
    var row = tb.rows[0];
    row.addEventListener("click", function () { toggle(tb); });
    row.addEventListener("keydown", function (e) {
      if (e.key === "Enter" || e.key === " ") { e.preventDefault(); toggle(tb); }
    });
  });

  var filter = document.getElementById("filter");
  var onlyDrifted = document.getElementById("only-drifted");
  var shown = document.getElementById("shown");
  function applyFilter() {
    var q = filter.value.trim().toLowerCase(), n = 0;
    bodies.forEach(function (tb) {
      var ok = tb.dataset.name.toLowerCase().indexOf(q) >= 0 && (!onlyDrifted.checked || tb.dataset.drift === "1");
      tb.hidden = !ok;
      if (ok) { n++; }
    });
    shown.textContent = n + " of " + bodies.length + " columns";
  }
  filter.addEventListener("input", applyFilter);
  onlyDrifted.addEventListener("change", applyFilter);

  var expand = document.getElementById("expand");
  expand.addEventListener("click", function () {
    var open = expand.getAttribute("aria-pressed") !== "true";
    bodies.forEach(function (tb) { if (!tb.hidden) { toggle(tb, open); } });
    expand.setAttribute("aria-pressed", open ? "true" : "false");
    expand.textContent = open ? "Collapse all" : "Expand all";
  });

  var heads = Array.prototype.slice.call(table.tHead.rows[0].cells);
  heads.forEach(function (th) {
    var key = th.dataset.sort;
    if (!key) { return; }
    th.querySelector("button").addEventListener("click", function () {
      var current = th.getAttribute("aria-sort");
      var dir = current ? (current === "ascending" ? -1 : 1) : (th.dataset.first === "desc" ? -1 : 1);
      heads.forEach(function (h) { h.removeAttribute("aria-sort"); });
      th.setAttribute("aria-sort", dir > 0 ? "ascending" : "descending");
      var numeric = th.dataset.kind === "num";
      bodies.sort(function (a, b) {
        var pin = Number(a.dataset.pin) - Number(b.dataset.pin);
        if (pin !== 0) { return pin; }
        var x = a.dataset[key], y = b.dataset[key], c;
        if (numeric) { c = Number(x) - Number(y); } else { c = x.localeCompare(y, undefined, {numeric: true, sensitivity: "base"}); }
        return c !== 0 ? dir * c : Number(a.dataset.i) - Number(b.dataset.i);
      });
      bodies.forEach(function (tb) { table.appendChild(tb); });
    });
  });
}());
