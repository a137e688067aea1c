// Behaviour that would otherwise be inline handlers (the CSP allows no inline script).
document.addEventListener("change", function (event) {
  var field = event.target;
  if (field.matches && field.matches("select[data-autosubmit]") && field.form) {
    field.form.submit();
  }
});
