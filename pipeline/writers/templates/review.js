// Filters, worst-first order and keyboard navigation for review.html. Reads only data-* attributes.
(function () {
  "use strict";
  const rows = Array.from(document.querySelectorAll(".seg[data-index]"));
  const shown = document.getElementById("shown");
  let filter = "all";
  let current = null;

  function visible(row) {
    return filter === "all" || row.dataset[filter] === "true";
  }

  function apply() {
    let n = 0;
    for (const row of rows) {
      row.hidden = !visible(row);
      if (!row.hidden) n += 1;
    }
    shown.textContent = n + " of " + rows.length + " segments";
  }

  function press(attr, value) {
    for (const b of document.querySelectorAll("button[" + attr + "]")) {
      b.setAttribute("aria-pressed", String(b.getAttribute(attr) === value));
    }
  }

  function order(by) {
    const key = by === "worst" ? "worst" : "index";
    for (const grid of document.querySelectorAll(".grid")) {
      const segs = Array.from(grid.querySelectorAll(".seg[data-index]"));
      segs.sort((a, b) => Number(a.dataset[key]) - Number(b.dataset[key]));
      for (const s of segs) grid.appendChild(s);
    }
    press("data-order", by);
  }

  function step(delta) {
    const flagged = Array.from(document.querySelectorAll(".seg[data-flagged='true']")).filter((r) => !r.hidden);
    if (!flagged.length) return;
    let i = flagged.indexOf(current);
    i = i < 0 ? (delta > 0 ? 0 : flagged.length - 1) : Math.min(Math.max(i + delta, 0), flagged.length - 1);
    if (current) current.classList.remove("current");
    current = flagged[i];
    current.classList.add("current");
    current.focus({ preventScroll: true });
    current.scrollIntoView({ block: "center" });
  }

  for (const b of document.querySelectorAll("button[data-filter]")) {
    b.addEventListener("click", () => { filter = b.dataset.filter; press("data-filter", filter); apply(); });
  }
  for (const b of document.querySelectorAll("button[data-order]")) {
    b.addEventListener("click", () => order(b.dataset.order));
  }
  // a "fix first" link to a row the filter hides shows every row again
  function reveal() {
    const target = location.hash ? document.getElementById(location.hash.slice(1)) : null;
    if (!target || !target.hidden) return;
    filter = "all";
    press("data-filter", filter);
    apply();
    target.scrollIntoView({ block: "center" });
  }
  window.addEventListener("hashchange", reveal);
  document.addEventListener("keydown", (e) => {
    if (e.altKey || e.ctrlKey || e.metaKey) return;
    if (e.key === "j" || e.key === "n") { step(1); e.preventDefault(); }
    if (e.key === "k" || e.key === "p") { step(-1); e.preventDefault(); }
  });
  apply();
})();
