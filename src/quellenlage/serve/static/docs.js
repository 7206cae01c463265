// A self-hosted API overview: lists the operations of /openapi.json (no CDN needed).
(function () {
  "use strict";
  var box = document.getElementById("operations");
  function el(tag, cls, text) { var e = document.createElement(tag); if (cls) e.className = cls; if (text) e.textContent = text; return e; }
  fetch("/openapi.json").then(function (r) { return r.json(); }).then(function (spec) {
    Object.keys(spec.paths).sort().forEach(function (path) {
      var ops = spec.paths[path];
      Object.keys(ops).forEach(function (method) {
        var op = ops[method], div = el("div", "op");
        div.appendChild(el("span", "method", method.toUpperCase()));
        div.appendChild(el("code", "path", path));
        div.appendChild(el("p", "summary", op.summary || ""));
        var params = (op.parameters || []).map(function (p) {
          var s = p.schema || {}, range = [];
          if (s.minimum !== undefined) range.push("≥ " + s.minimum);
          if (s.maximum !== undefined) range.push("≤ " + s.maximum);
          return p.name + " (" + p.in + (p.required ? ", required" : "") + (range.length ? ", " + range.join(" ") : "") + ")";
        });
        if (params.length) div.appendChild(el("p", "params", "Parameters: " + params.join("; ")));
        box.appendChild(div);
      });
    });
  }).catch(function (err) { box.textContent = "Could not load /openapi.json: " + err; });
})();
