// Item lists (methods, results): add, remove and reorder rows without a page reload.
(function () {
  function renumber(list) {
    list.querySelectorAll(".item-row").forEach(function (row, i) {
      var n = row.querySelector(".item-no"); if (n) { n.textContent = (i + 1) + "."; }
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
  });
})();
