// Behaviour that would otherwise be inline handlers (the CSP allows no inline script).
document.addEventListener("change", function (event) {
  var field = event.target;
  if (field.matches && field.matches("select[data-autosubmit]") && field.form) {
    field.form.submit();
  }
});

// A form showing a conflict panel waits for the person's choice (keep mine, take
// theirs, edit): its autosave does not fire until then. The choices themselves are
// plain form submissions, which htmx does not handle here.
document.addEventListener("htmx:confirm", function (event) {
  var element = event.detail.elt;
  if (element && element.querySelector && element.querySelector("[data-conflict]")) {
    event.preventDefault();
  }
});

// A header checkbox ticks or clears every row checkbox of its name in the same table.
document.addEventListener("change", function (event) {
  var all = event.target;
  if (!all.matches || !all.matches("input[data-check-all]")) {
    return;
  }
  var table = all.closest("table");
  var boxes = table.querySelectorAll('input[type=checkbox][name="' + all.dataset.checkAll + '"]');
  Array.prototype.forEach.call(boxes, function (box) {
    box.checked = all.checked;
  });
});
