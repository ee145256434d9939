// Quality report: show that a long generation or export is under way.
document.addEventListener("DOMContentLoaded", function () {
  var status = document.getElementById("busy-status");
  function busy(message) {
    if (!status) return;
    status.textContent = message;
    status.hidden = false;
  }
  document.querySelectorAll("form[data-busy]").forEach(function (form) {
    form.addEventListener("submit", function () {
      busy(form.getAttribute("data-busy"));
      form.setAttribute("aria-busy", "true");
      form.querySelectorAll("button").forEach(function (b) { b.disabled = true; });
    });
  });
  document.querySelectorAll("a[data-busy]").forEach(function (link) {
    link.addEventListener("click", function () {
      busy(link.getAttribute("data-busy"));
      window.setTimeout(function () { status.hidden = true; }, 8000);
    });
  });
});
