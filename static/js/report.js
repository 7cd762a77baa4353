/* Report form: a client-made id per outbox form, pending sections saved before sending, error marks,
   and one step per screen (Lanjut saves, then shows the next step without a page load: offline too). */
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

  // Steps: every section is in the page, one shown; the buttons post the section (htmx, or the outbox
  // offline), and the next step shows once the save is answered without an error, or kept offline.
  function stepEl(key) { return document.querySelector("[data-step='" + key + "']"); }
  function show(key, fieldId, push) {
    var target = stepEl(key);
    if (!target) { return; }
    document.querySelectorAll("[data-step]").forEach(function (el) { el.hidden = el !== target; });
    document.querySelectorAll(".steps a[data-to]").forEach(function (a) {
      if (a.getAttribute("data-to") === key) { a.setAttribute("aria-current", "step"); } else { a.removeAttribute("aria-current"); }
    });
    var url = target.getAttribute("data-step-url");
    if (push && url) { history.pushState({ step: key }, "", url + (fieldId ? "#" + fieldId : "")); }
    if (key === "ringkasan" && navigator.onLine && window.htmx) {
      htmx.ajax("GET", url, { target: "#ringkasan", swap: "outerHTML" });
    }
    var field = fieldId && document.getElementById(fieldId);
    window.scrollTo(0, 0);
    (field || target.querySelector("h2")).focus({ preventScroll: !field });
  }
  function going(form) { var to = form.getAttribute("data-go"); form.removeAttribute("data-go"); return to; }
  document.addEventListener("click", function (e) {
    var button = e.target.closest && e.target.closest("button[name=go][data-to]");
    var link = !button && e.target.closest && e.target.closest("a[data-to]");
    if (link && stepEl(link.getAttribute("data-to"))) {
      e.preventDefault();
      var hash = link.hash ? link.hash.slice(1) : "";
      show(link.getAttribute("data-to"), hash, true);
      return;
    }
    if (!button || !window.htmx) { return; }
    var form = button.form;
    if (button.value === "skip") {
      form.querySelectorAll("input[inputmode=numeric]").forEach(function (input) { input.value = ""; });
    }
    form.setAttribute("data-go", button.getAttribute("data-to"));
    if (!navigator.onLine) { setTimeout(function () { show(going(form), "", true); }, 0); }  // the outbox keeps it
  });
  document.addEventListener("htmx:afterRequest", function (e) {
    var form = e.detail.elt;
    if (!form.hasAttribute || !form.hasAttribute("data-go")) { return; }
    var to = going(form), answer = e.detail.xhr ? e.detail.xhr.responseText : "";
    // A refused save, or a saved section with an error, stays on screen with its messages.
    if (e.detail.successful && answer.indexOf("save-status alert") < 0) { show(to, "", true); }
  });
  document.addEventListener("htmx:sendError", function (e) {
    var form = e.detail.elt && e.detail.elt.closest && e.detail.elt.closest("form[data-go]");
    if (form) { show(going(form), "", true); }
  });
  window.addEventListener("popstate", function (e) {
    var key = e.state && e.state.step;
    if (!key) {
      var match = /\/bagian\/([a-z]+)$|\/(ringkasan)$/.exec(location.pathname);
      key = match ? match[1] || match[2] : null;
    }
    if (key) { show(key, "", false); }
  });
  document.addEventListener("DOMContentLoaded", function () {
    var field = location.hash && document.getElementById(location.hash.slice(1));
    if (field && field.matches("input, select, textarea") && !field.closest("[hidden]")) { field.focus(); }
    var shown = document.querySelector("[data-step]:not([hidden])");
    if (shown) { history.replaceState({ step: shown.getAttribute("data-step") }, "", location.href); }
  });
  document.addEventListener("DOMContentLoaded", function () { fillIds(document); });
  document.addEventListener("htmx:load", function (e) { fillIds(e.detail.elt); });
})();
