/* Pokjanal outbox list (/kotak-keluar): what waits on this phone, refusals with their reason, and
   "Kirim ulang" / "Buang" for each refused item. Loaded by outbox.js only on that page. */
(function (self) {
  "use strict";
  var box = self.PokjanalOutbox, el = box.el;

  function when(ms) {
    return new Date(ms).toLocaleString("id-ID", { day: "numeric", month: "long", hour: "2-digit", minute: "2-digit" });
  }
  function button(label, cls, action) {
    var b = el("button", { type: "button", "class": cls }, label);
    b.addEventListener("click", action);
    return b;
  }
  function entry(item) {
    var li = el("li", { "data-state": item.state });
    li.appendChild(el("strong", {}, item.label));
    li.appendChild(el("br"));
    li.appendChild(el("small", { "class": "muted" }, "Disimpan " + when(item.created)));
    if (item.state !== "rejected") {
      li.appendChild(el("p", { "class": "warning" }, "Belum terkirim — akan dikirim otomatis"));
      return li;
    }
    li.appendChild(el("p", { "class": "error" }, "Ditolak: " + item.reason));
    var row = el("div", { "class": "row" });
    row.appendChild(button("Kirim ulang", "primary", function () {
      item.state = "waiting";
      delete item.reason;
      box.put(item).then(box.flush).then(box.refresh, box.refresh);
    }));
    row.appendChild(button("Buang", "danger", function () {
      if (confirm("Buang isian \"" + item.label + "\"? Isian ini tidak akan dikirim dan tidak bisa dikembalikan.")) {
        box.remove(item.id).then(box.refresh);
      }
    }));
    if (item.page) { row.appendChild(el("a", { href: item.page, "class": "button" }, "Buka formulir")); }
    li.appendChild(row);
    return li;
  }
  box.drawList = function (host, items) {
    host.textContent = "";
    if (!items.length) {
      host.appendChild(el("p", {}, "Tidak ada isian yang menunggu. Semua sudah terkirim."));
      return;
    }
    var list = el("ul", { "class": "list" });
    items.forEach(function (item) { list.appendChild(entry(item)); });
    host.appendChild(list);
  };
})(self);
