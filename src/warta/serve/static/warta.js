// warta web UI: small progressive enhancements; every page works without this file.
(function () {
  "use strict";
  // "/" focuses the search box (unless typing somewhere already)
  document.addEventListener("keydown", function (ev) {
    var t = ev.target.tagName;
    if (ev.key === "/" && t !== "INPUT" && t !== "TEXTAREA") {
      var box = document.querySelector(".searchbox input");
      if (box) { ev.preventDefault(); box.focus(); box.select(); }
    }
  });
  // touch screens have no hover: a tap on a quote toggles its speaker tooltip
  document.addEventListener("click", function (ev) {
    var q = ev.target.closest && ev.target.closest(".quote");
    document.querySelectorAll(".quote.show").forEach(function (el) { if (el !== q) el.classList.remove("show"); });
    if (q && !ev.target.closest("a")) q.classList.toggle("show");
  });
  // hovering a piece of a quote split around other markup lights up the whole quote
  document.querySelectorAll(".quote").forEach(function (el) {
    el.addEventListener("mouseenter", function () {
      document.querySelectorAll('.quote[data-q="' + el.dataset.q + '"]').forEach(function (o) { o.classList.add("hl"); });
    });
    el.addEventListener("mouseleave", function () {
      document.querySelectorAll(".quote.hl").forEach(function (o) { o.classList.remove("hl"); });
    });
  });
})();
