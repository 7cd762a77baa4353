/* Pokjanal page behaviour: say so when a request could not be sent (htmx is silent otherwise). */
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
})();
