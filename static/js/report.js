/* Report form: a client-made id per outbox form, pending sections saved before sending, error marks. */
(function () {
  "use strict";
  function newId() {
    if (window.crypto && crypto.randomUUID) { return crypto.randomUUID().replace(/-/g, ""); }
    var a = new Uint8Array(16); crypto.getRandomValues(a);
    return Array.prototype.map.call(a, function (b) { return ("0" + b.toString(16)).slice(-2); }).join("");
  }
  function fillIds(root) {
    (root.querySelectorAll ? root : document).querySelectorAll("form[data-outbox] input[name=client_id]").forEach(function (input) {
      if (!input.value) { input.value = newId(); }
    });
  }
  var dirty = new Set();
  document.addEventListener("input", function (e) {
    var form = e.target.form;
    if (form && form.hasAttribute("hx-post")) { dirty.add(form); }
  });
  document.addEventListener("htmx:afterRequest", function (e) {
    if (e.detail.successful) { dirty.delete(e.detail.elt); }
  });
  function flush() { dirty.forEach(function (form) { if (window.htmx) { htmx.trigger(form, "submit"); } }); }
  document.addEventListener("visibilitychange", function () { if (document.visibilityState === "hidden") { flush(); } });
  document.addEventListener("submit", function (e) {
    var form = e.target;
    if (form.id !== "kirim" || form.dataset.flushing || dirty.size === 0 || !window.htmx) { return; }
    e.preventDefault();
    e.stopImmediatePropagation();
    flush();
    var tries = 0;
    var wait = setInterval(function () {
      tries += 1;
      if (dirty.size === 0 || tries > 50) {
        clearInterval(wait);
        form.dataset.flushing = "1";
        form.requestSubmit();
        delete form.dataset.flushing;
      }
    }, 100);
  }, true);
  function markFields() {
    // A field's red border and aria-invalid follow its message box (swapped out of band).
    document.querySelectorAll("form[data-outbox] .msgs[id^='msg-']").forEach(function (box) {
      var wrong = !!box.querySelector(".error"), field = box.closest(".field");
      if (field) { field.classList.toggle("invalid", wrong); }
      document.querySelectorAll("[aria-describedby='" + box.id + "']").forEach(function (input) {
        if (wrong) { input.setAttribute("aria-invalid", "true"); } else { input.removeAttribute("aria-invalid"); }
      });
    });
  }
  document.addEventListener("htmx:afterSettle", markFields);
  document.addEventListener("DOMContentLoaded", function () { fillIds(document); });
  document.addEventListener("htmx:load", function (e) { fillIds(e.detail.elt); });
})();
