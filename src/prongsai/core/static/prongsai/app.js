// Item lists (methods, results): add, remove and reorder rows without a page reload. The numbers are
// written in the organisation's digit style, given by the list's data-digits ("thai" or "arabic").
(function () {
  var THAI = "๐๑๒๓๔๕๖๗๘๙";
  function numeral(n, style) {
    var text = String(n);
    return style === "arabic" ? text : text.replace(/[0-9]/g, function (d) { return THAI.charAt(+d); });
  }
  function renumber(list) {
    var style = list.getAttribute("data-digits");
    list.querySelectorAll(".item-row").forEach(function (row, i) {
      var n = row.querySelector(".item-no"); if (n) { n.textContent = numeral(i + 1, style) + "."; }
    });
  }
  document.addEventListener("click", function (ev) {
    var btn = ev.target.closest("[data-item-action]");
    if (!btn) { return; }
    ev.preventDefault();
    var list = btn.closest(".item-list");
    var row = btn.closest(".item-row");
    var action = btn.getAttribute("data-item-action");
    if (action === "add") {
      var tpl = list.querySelector("template");
      var fresh = tpl.content.firstElementChild.cloneNode(true);
      list.querySelector(".item-rows").appendChild(fresh);
      fresh.querySelector("textarea").focus();
    } else if (action === "remove") {
      row.remove();
    } else if (action === "up" && row.previousElementSibling) {
      row.parentNode.insertBefore(row, row.previousElementSibling);
    } else if (action === "down" && row.nextElementSibling) {
      row.parentNode.insertBefore(row.nextElementSibling, row);
    }
    renumber(list);
    // The form changed without an input event: tell whoever listens (the progress form's row preview).
    list.dispatchEvent(new Event("change", { bubbles: true }));
  });
})();

// Behaviour the templates ask for with data- attributes (the Content-Security-Policy allows no inline
// script and no on…= handler): a select that submits its form, a print button, a form that asks first.
(function () {
  document.addEventListener("change", function (ev) {
    var el = ev.target.closest ? ev.target.closest("[data-autosubmit]") : null;
    if (el && el.form) { el.form.submit(); }
  });
  document.addEventListener("click", function (ev) {
    if (ev.target.closest && ev.target.closest("[data-print]")) { ev.preventDefault(); window.print(); }
  });
  // A button that copies the text of the field it names (an invitation link to hand over).
  document.addEventListener("click", function (ev) {
    var btn = ev.target.closest ? ev.target.closest("[data-copy]") : null;
    var field = btn ? document.getElementById(btn.getAttribute("data-copy")) : null;
    if (!field) { return; }
    ev.preventDefault();
    field.select();
    var done = function () { btn.textContent = btn.getAttribute("data-copied") || btn.textContent; };
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(field.value).then(done, function () { document.execCommand("copy"); done(); });
    } else {
      document.execCommand("copy");
      done();
    }
  });
  // The staff menu on a phone: one button opens and closes it (app.css hides it only when this runs).
  document.documentElement.classList.add("js");
  document.addEventListener("click", function (ev) {
    var btn = ev.target.closest ? ev.target.closest("[data-menu-toggle]") : null;
    var nav = btn ? document.getElementById(btn.getAttribute("aria-controls")) : null;
    if (!nav) { return; }
    var open = nav.classList.toggle("open");
    btn.setAttribute("aria-expanded", open ? "true" : "false");
  });
  document.addEventListener("submit", function (ev) {
    var question = ev.target.getAttribute && ev.target.getAttribute("data-confirm");
    if (question && !window.confirm(question)) { ev.preventDefault(); ev.stopImmediatePropagation(); }
  }, true);
})();

// A table copied from Word or a web page (the import page): keep the clipboard's HTML in the form's
// hidden field named by data-paste-into (a line break inside a cell stays in the cell; plain text would
// make it a new row). The textarea shows the plain text; editing it afterwards drops the HTML.
(function () {
  document.addEventListener("paste", function (ev) {
    var area = ev.target.closest ? ev.target.closest("textarea[data-paste]") : null;
    var hidden = area && area.form ? area.form.elements.namedItem(area.getAttribute("data-paste-into") || "pasted_html") : null;
    if (!hidden) { return; }
    var data = ev.clipboardData || window.clipboardData;
    var html = data && data.getData ? data.getData("text/html") : "";
    hidden.value = html || "";
    setTimeout(function () { area.dataset.pasted = area.value; }, 0);
  });
  document.addEventListener("submit", function (ev) {
    var area = ev.target.querySelector ? ev.target.querySelector("textarea[data-paste]") : null;
    var hidden = area ? ev.target.elements.namedItem(area.getAttribute("data-paste-into") || "pasted_html") : null;
    if (hidden && hidden.value && area.dataset.pasted !== undefined && area.value !== area.dataset.pasted) { hidden.value = ""; }
  });
})();
