"""The review page's style and script, inline so one HTML file works offline, from file:// and by e-mail.

Kept as Python strings (not package data) so nothing but the wheel's code is needed. The script
filters records by severity and text; the filter state lives in the URL hash (`#sev=error,warning&q=sở`)
so a link, a bookmark or a test can open the page already filtered. A click on a crop widens it.
"""

from __future__ import annotations

# No network at all: images only as data: URIs, no external style, script, font or frame.
CSP = "default-src 'none'; img-src data:; style-src 'unsafe-inline'; script-src 'unsafe-inline'"

CSS = """
:root{--err:#b3261e;--err-bg:#fde7e6;--warn:#8a5a00;--warn-bg:#fff3d6;--info:#1d5fa8;--info-bg:#e5f0fb;
--line:#d6d9de;--muted:#5d6673;--bg:#f6f7f9}
*{box-sizing:border-box}
body{margin:0;font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans",Arial,sans-serif;
color:#1b1f24;background:var(--bg)}
header.top{position:sticky;top:0;z-index:2;background:#fff;border-bottom:1px solid var(--line);padding:.5rem 1rem}
header.top h1{font-size:1.15rem;margin:0 0 .2rem}
header.top p{margin:0;color:var(--muted);font-size:.85rem}
form.filter{display:flex;flex-wrap:wrap;gap:.4rem 1rem;align-items:center;margin-top:.4rem}
form.filter fieldset{border:0;margin:0;padding:0;display:flex;flex-wrap:wrap;gap:.3rem .6rem}
form.filter legend{float:left;margin-right:.4rem;font-weight:600}
form.filter label{white-space:nowrap;padding:.1rem .4rem;border-radius:4px}
form.filter input[type=search]{width:min(26rem,80vw);padding:.3rem .5rem;font:inherit}
main{padding:.5rem 1rem 3rem;max-width:1500px;margin:0 auto}
section.plan{background:#fff;border:1px solid var(--line);border-radius:6px;padding:.6rem 1rem;margin:1rem 0}
section.plan>h2{font-size:1.1rem;margin:.2rem 0 .5rem}
dl.meta{display:grid;grid-template-columns:max-content minmax(0,1fr);gap:.15rem 1rem;margin:0 0 .5rem;font-size:.9rem}
dl.meta dt{color:var(--muted)}dl.meta dd{margin:0;overflow-wrap:anywhere}
p.note{background:var(--bg);border-left:3px solid var(--muted);padding:.3rem .6rem;font-size:.9rem}
article.rec{border:1px solid var(--line);border-radius:6px;margin:.7rem 0;background:#fff}
article.rec[hidden]{display:none}
article.rec>h3{margin:0;font-size:.95rem;padding:.35rem .6rem;background:var(--bg);border-bottom:1px solid var(--line);
display:flex;flex-wrap:wrap;gap:.2rem .7rem;align-items:baseline}
.rid{font-weight:700}.sec,.stt{color:var(--muted);font-weight:400}
.rbody{display:grid;grid-template-columns:minmax(0,1fr) minmax(0,1fr);gap:.6rem;padding:.5rem .6rem}
.rbody.nocrop,.rbody.zoomed{grid-template-columns:minmax(0,1fr)}
figure.crop img{cursor:zoom-in}.rbody.zoomed figure.crop img{cursor:zoom-out}
nav.toc{font-size:.9rem}
table.kv{border-collapse:collapse;width:100%;font-size:.92rem}
table.kv th{text-align:left;vertical-align:top;color:var(--muted);font-weight:500;width:8.5rem;
padding:.15rem .4rem .15rem 0}
table.kv td{padding:.15rem 0;vertical-align:top;overflow-wrap:anywhere}
table.kv tr.f-error td{background:var(--err-bg)}table.kv tr.f-warning td{background:var(--warn-bg)}
table.kv tr.f-info td{background:var(--info-bg)}
table.kv ul{margin:0;padding-left:1.1rem}
.num{font-variant-numeric:tabular-nums;color:var(--muted)}
.succ{display:inline-block;font-size:.82rem;color:var(--info);margin-left:.3rem}
.kind,.dates,.method{font-size:.82rem;color:var(--muted)}
ul.findings{list-style:none;margin:.4rem 0;padding:0;font-size:.9rem}
li.finding{margin:.2rem 0;padding:.2rem .5rem;border-left:4px solid;border-radius:3px}
li.finding[hidden]{display:none}
.s-error{border-color:var(--err);background:var(--err-bg)}.s-warning{border-color:var(--warn);background:var(--warn-bg)}
.s-info{border-color:var(--info);background:var(--info-bg)}
li.finding code{font-size:.8rem}
.badge{font-size:.75rem;padding:0 .4rem;border-radius:8px;border:1px solid}
.b-error{color:var(--err);border-color:var(--err)}.b-warning{color:var(--warn);border-color:var(--warn)}
.b-info{color:var(--info);border-color:var(--info)}
table.repairs{border-collapse:collapse;font-size:.88rem;margin:.3rem 0;width:100%}
table.repairs td,table.repairs th{border-top:1px solid var(--line);padding:.15rem .3rem;text-align:left;
vertical-align:top;overflow-wrap:anywhere}
.before del{color:var(--err);background:var(--err-bg)}.after ins{color:#17663a;background:#e3f4e8;text-decoration:none;
font-weight:600}
p.prov{font-size:.8rem;color:var(--muted);margin:.3rem 0 0}
figure.crop{margin:0}
figure.crop img{max-width:100%;height:auto;border:1px solid var(--line);display:block}
figure.crop figcaption{font-size:.8rem;color:var(--muted)}
p.empty[hidden]{display:none}
@media (max-width:900px){.rbody{grid-template-columns:minmax(0,1fr)}
table.kv th{width:6.5rem}main{padding:.3rem .4rem 2rem}section.plan{padding:.5rem}
header.top{position:static}}
@media (max-width:600px){dl.meta{grid-template-columns:minmax(0,1fr)}dl.meta dd{margin-bottom:.2rem}}
@media print{header.top{position:static}form.filter{display:none}}
"""

JS = r"""
(function () {
  "use strict";
  var SEVS = ["error", "warning", "info", "none"];
  function norm(s) {
    return s.normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/[đĐ]/g, "d").toLowerCase();
  }
  var form = document.getElementById("filter");
  var q = document.getElementById("q");
  var boxes = Array.prototype.slice.call(form.querySelectorAll("input[name=sev]"));
  var recs = Array.prototype.slice.call(document.querySelectorAll("article.rec"));
  var items = Array.prototype.slice.call(document.querySelectorAll("li.finding"));
  var count = document.getElementById("shown-count");
  var texts = recs.map(function (r) { return norm(r.textContent); });

  function apply() {
    var on = {};
    boxes.forEach(function (b) { on[b.value] = b.checked; });
    var needle = norm(q.value.trim());
    var shown = 0;
    recs.forEach(function (r, i) {
      var sevs = (r.getAttribute("data-sev") || "none").split(" ");
      var ok = sevs.some(function (s) { return on[s]; }) && (!needle || texts[i].indexOf(needle) >= 0);
      r.hidden = !ok;
      if (ok) shown++;
    });
    items.forEach(function (li) { li.hidden = !on[li.getAttribute("data-sev")]; });
    Array.prototype.forEach.call(document.querySelectorAll("section.plan"), function (sec) {
      var any = sec.querySelector("article.rec:not([hidden])");
      var empty = sec.querySelector("p.empty");
      if (empty) empty.hidden = !!any || !sec.querySelector("article.rec");
    });
    count.textContent = String(shown);
    document.body.setAttribute("data-shown", String(shown));
  }

  function fromHash() {
    var params = new URLSearchParams(location.hash.replace(/^#/, ""));
    var sev = params.get("sev");
    var want = sev === null ? SEVS : sev.split(",");
    boxes.forEach(function (b) { b.checked = want.indexOf(b.value) >= 0; });
    q.value = params.get("q") || "";
    apply();
  }

  function toHash() {
    var params = new URLSearchParams();
    var sev = boxes.filter(function (b) { return b.checked; }).map(function (b) { return b.value; });
    if (sev.length !== SEVS.length) params.set("sev", sev.join(","));
    if (q.value.trim()) params.set("q", q.value.trim());
    var hash = params.toString();
    try { history.replaceState(null, "", hash ? "#" + hash : location.pathname + location.search); }
    catch (e) { /* some viewers forbid it; the filter still works */ }
  }

  document.addEventListener("click", function (ev) {
    var t = ev.target;
    if (t && t.classList && t.classList.contains("crop-img")) t.closest(".rbody").classList.toggle("zoomed");
  });
  form.addEventListener("input", function () { apply(); toHash(); });
  form.addEventListener("submit", function (e) { e.preventDefault(); });
  window.addEventListener("hashchange", fromHash);
  fromHash();
  document.body.setAttribute("data-ready", "1");
})();
"""
