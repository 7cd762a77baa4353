/* Pokjanal page behaviour: say so when a request could not be sent (htmx is silent otherwise), and put the
   focus on a refused form's summary of problems. */
(function () {
  "use strict";
  document.addEventListener("htmx:sendError", function () {
    var note = document.getElementById("net-status");
    if (!note) {
      note = document.createElement("p");
      note.id = "net-status";
      note.className = "alert";
      note.setAttribute("role", "alert");
      var main = document.getElementById("main");
      if (main) { main.insertBefore(note, main.firstChild); }
    }
    note.textContent = "Tidak ada koneksi. Periksa sinyal lalu coba lagi; isian Anda masih ada di layar.";
  });
  function toSummary(event) {
    // Only in what was just swapped in: an autosave elsewhere keeps the focus.
    var root = (event && event.detail && event.detail.elt) || document;
    var summary = root.querySelector && root.querySelector("[data-error-summary]");
    if (summary && document.activeElement !== summary) { summary.focus(); }
  }
  document.addEventListener("DOMContentLoaded", function () { toSummary(); });
  document.addEventListener("htmx:afterSettle", toSummary);
})();
