// Statement cards: hovering or focusing a highlighted statement shows its card
// (speaker, cue, source chain, hedging). Plain JavaScript, no libraries.
(function () {
  "use strict";
  var shown = null;
  function cardFor(el) {
    var st = el.closest && el.closest("span.st[data-st]");
    if (!st) return null;
    return { anchor: st, card: document.getElementById("card-" + st.getAttribute("data-st")) };
  }
  function show(target) {
    var found = cardFor(target);
    if (!found || !found.card) return;
    if (shown && shown !== found.card) shown.hidden = true;
    var r = found.anchor.getBoundingClientRect();
    found.card.hidden = false;
    found.card.style.left = Math.max(8, Math.min(window.scrollX + r.left, window.scrollX + document.documentElement.clientWidth - found.card.offsetWidth - 8)) + "px";
    found.card.style.top = (window.scrollY + r.bottom + 6) + "px";
    shown = found.card;
  }
  function hide(target) {
    var found = cardFor(target);
    if (found && found.card && found.card === shown) { found.card.hidden = true; shown = null; }
  }
  document.addEventListener("mouseover", function (e) { show(e.target); });
  document.addEventListener("mouseout", function (e) {
    if (!e.relatedTarget || !cardFor(e.relatedTarget) || cardFor(e.relatedTarget).card !== shown) hide(e.target);
  });
  document.addEventListener("focusin", function (e) { show(e.target); });
  document.addEventListener("focusout", function (e) { hide(e.target); });
  document.addEventListener("keydown", function (e) { if (e.key === "Escape" && shown) { shown.hidden = true; shown = null; } });
})();
