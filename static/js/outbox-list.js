/* Pokjanal outbox list (/kotak-keluar): what waits on this phone, refusals with their reason, and
   "Kirim ulang" / "Buang" for each refused item; a refusal shown on the form it came from; the status
   pill fetched anew after a replay. Loaded by outbox.js only when one of these is needed. */
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
  function here(item) { return item.page === location.pathname + location.search; }
  box.markForms = function (items) {
    // A refused item shows on the form it came from, in red with the server's reason, until it is resent or thrown away.
    document.querySelectorAll("[data-outbox-refusal]").forEach(function (node) { node.remove(); });
    items.filter(function (i) { return i.state === "rejected" && here(i); }).forEach(function (item) {
      var form = Array.prototype.filter.call(document.querySelectorAll("form[data-outbox]"), function (f) {
        return box.path(f.getAttribute("hx-post") || f.action) === box.path(item.url);
      })[0];
      if (!form) { return; }
      var note = el("div", { "class": "alert", role: "alert", "data-outbox-refusal": "" });
      note.appendChild(el("p", {}, "Ditolak saat dikirim dari kotak keluar: " + item.reason));
      note.appendChild(el("a", { href: "/kotak-keluar" }, "Buka kotak keluar"));
      var heading = form.querySelector("h2");
      form.insertBefore(note, heading ? heading.nextSibling : form.firstChild);
    });
  };
  box.refreshLive = function () {
    // After a replay, the parts of this page that say where things stand (the report's status pill) are fetched anew.
    var live = document.querySelectorAll("[data-live][id]");
    if (!live.length || !navigator.onLine) { return; }
    fetch(location.href, { credentials: "same-origin", cache: "no-store" }).then(function (response) {
      return response.ok ? response.text() : null;
    }).then(function (html) {
      if (!html) { return; }
      var fresh = new DOMParser().parseFromString(html, "text/html");
      live.forEach(function (node) {
        var now = fresh.getElementById(node.id);
        if (now) { node.replaceWith(document.importNode(now, true)); }
      });
    }).catch(function () { /* the next page load shows it */ });
  };
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
