/* Pokjanal outbox: a form marked data-outbox that cannot reach the server is kept in IndexedDB and
   sent later, in order, each once (client_id makes a replay harmless), with a fresh token from /token.
   Runs in pages (queue, notices, badge) and in the service worker (Background Sync). */
(function (self) {
  "use strict";
  var DB = "pokjanal", ITEMS = "outbox", META = "meta", LOCK = "pokjanal-outbox";
  var LOGIN = "/masuk", TOKEN = "/token", SYNC_TAG = "pokjanal-outbox";
  var REASONS = {
    400: "Formulir kedaluwarsa. Buka formulirnya lagi, lalu tekan Kirim ulang.",
    403: "Anda tidak berwenang mengirim isian ini.",
    404: "Formulir atau data ini tidak ditemukan."
  };
  var channel = self.BroadcastChannel ? new BroadcastChannel("pokjanal-outbox") : null;

  function open() {
    return new Promise(function (resolve, reject) {
      var req = indexedDB.open(DB, 1);
      req.onupgradeneeded = function () {
        req.result.createObjectStore(ITEMS, { keyPath: "id", autoIncrement: true });
        req.result.createObjectStore(META);
      };
      req.onsuccess = function () { resolve(req.result); };
      req.onerror = function () { reject(req.error); };
    });
  }
  function run(store, mode, work) {
    return open().then(function (db) {
      return new Promise(function (resolve, reject) {
        var t = db.transaction(store, mode), req = work(t.objectStore(store));
        t.oncomplete = function () { db.close(); resolve(req ? req.result : undefined); };
        t.onerror = t.onabort = function () { db.close(); reject(t.error); };
      });
    });
  }
  function all() { return run(ITEMS, "readonly", function (s) { return s.getAll(); }); }
  function put(item) { return run(ITEMS, "readwrite", function (s) { return s.put(item); }); }
  function remove(id) { return run(ITEMS, "readwrite", function (s) { return s.delete(id); }); }
  function getMeta(key) { return run(META, "readonly", function (s) { return s.get(key); }); }
  function setMeta(key, value) { return run(META, "readwrite", function (s) { return s.put(value, key); }); }
  function path(url) { return new URL(url, self.location.href).pathname; }
  function settle(url) {
    // Accepted: the same form's refusals before it are answered.
    return mine().then(function (items) {
      return Promise.all(items.filter(function (i) { return i.state === "rejected" && path(i.url) === path(url); })
        .map(function (i) { return remove(i.id); }));
    });
  }
  function mine() {
    return Promise.all([all(), getMeta("user")]).then(function (r) {
      return r[0].filter(function (item) { return r[1] && item.user === r[1]; });
    });
  }

  function text(html) {
    return html.replace(/<(script|style|title|head)[\s\S]*?<\/\1>/gi, " ").replace(/<[^>]*>/g, " ")
      .replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, "\"").replace(/&#(39|x27);/g, "'")
      .replace(/&nbsp;/g, " ").replace(/&amp;/g, "&").replace(/\s+/g, " ").trim();
  }
  function reasonFrom(html, status) {
    // Refusals: .error next to a field, .alert atop a form.
    var found = [], re = /<([a-z]+)[^>]*class="[^"]*\b(?:error|alert)\b[^"]*"[^>]*>([\s\S]*?)<\/\1>/gi, m;
    while ((m = re.exec(html)) && found.length < 6) { if (text(m[2])) { found.push(text(m[2])); } }
    return found.join(" ") || REASONS[status] || text(html).slice(0, 240) || ("Ditolak server (" + status + ").");
  }
  function signedOut(response) { return response.status === 401 || response.redirected && path(response.url) === LOGIN; }
  function freshToken() {
    // Never the page's token: the shell's offline page is fetched without cookies.
    return fetch(TOKEN, { credentials: "same-origin", cache: "no-store", headers: { "Accept": "application/json" } })
      .then(function (response) {
        if (signedOut(response)) { return { signin: true }; }
        return response.ok ? response.json() : null;
      }, function () { return null; });
  }
  function send(item, token) {
    var body = new URLSearchParams();
    item.fields.forEach(function (f) { body.append(f[0], f[0] === "csrf_token" ? token : f[1]); });
    var headers = { "HX-Request": "true", "X-Pokjanal-Outbox": "1", "X-CSRFToken": token };
    return fetch(item.url, { method: item.method, body: body, headers: headers, credentials: "same-origin" })
      .then(function (response) {
        if (signedOut(response)) { return "signin"; }
        if (response.ok) { return "sent"; }
        if (response.status >= 500 || response.status === 429) { return "retry"; }
        return response.text().then(function (html) {
          return { status: response.status, reason: reasonFrom(html, response.status) };
        });
      }, function () { return "retry"; });
  }
  function sendFrom(queue, i, token, done) {
    var item = queue[i];
    if (!item) { return done; }
    return send(item, token).then(function (outcome) {
      if (outcome === "retry" || outcome === "signin") {
        // Kept waiting for the next flush or sign-in.
        done.left = queue.length - i;
        done.signin = outcome === "signin";
        return done;
      }
      if (outcome === "sent") {
        done.sent += 1;
        return remove(item.id).then(function () { return settle(item.url); })
          .then(function () { tell("sent", item); return sendFrom(queue, i + 1, token, done); });
      }
      item.state = "rejected"; item.reason = outcome.reason; item.status = outcome.status;
      done.refused += 1;
      return put(item).then(function () { tell("rejected", item); return sendFrom(queue, i + 1, token, done); });
    });
  }
  function sendAll(queue) {
    if (!queue.length) { return Promise.resolve({ sent: 0, refused: 0, left: 0 }); }
    return freshToken().then(function (answer) {
      if (!answer || answer.signin || !answer.csrf_token) {
        return { sent: 0, refused: 0, left: queue.length, signin: !!(answer && answer.signin) };
      }
      // Only the saving account sends its items.
      var own = queue.filter(function (item) { return item.user === answer.user; });
      return sendFrom(own, 0, answer.csrf_token, { sent: 0, refused: 0, left: 0 }).then(function (result) {
        result.left += queue.length - own.length;
        return result;
      });
    });
  }
  var flushing = null;
  function flush() {
    // One sender at a time (pages and worker): never sent twice at once.
    if (flushing) { return flushing; }
    var work = function () {
      return mine().then(function (items) {
        return sendAll(items.filter(function (item) { return item.state === "waiting"; }));
      });
    };
    var locks = self.navigator && self.navigator.locks;
    flushing = (locks ? locks.request(LOCK, work) : work()).then(function (result) {
      flushing = null; tell("flushed", result || {}); return result;
    }, function (error) { flushing = null; throw error; });
    return flushing;
  }
  function tell(kind, data) {
    var message = Object.assign({}, data, { kind: kind });
    if (channel) { channel.postMessage(message); }
    if (self.PokjanalOutbox.onchange) { self.PokjanalOutbox.onchange(message); }
  }

  self.PokjanalOutbox = { flush: flush, all: all, put: put, remove: remove, path: path, onchange: null };
  if (typeof document === "undefined") { return; }

  // Every page (one file, one request fewer): a refused form's summary of problems takes the focus, in what was
  // just swapped in, in the swap's task (after settling, 20 ms later, she may be typing in it).
  function toSummary(event) {
    var root = (event && event.detail && event.detail.elt) || document;
    var summary = root.querySelector && root.querySelector("[data-error-summary]");
    if (summary && document.activeElement !== summary) { summary.focus(); }
  }
  // On a slow phone she may already be typing when the page's scripts run: never take her field away.
  document.addEventListener("DOMContentLoaded", function () {
    if (!document.activeElement || document.activeElement === document.body) { toSummary(); }
  });
  document.addEventListener("htmx:afterSwap", toSummary);

  var user = "", lastSent = null;

  function el(tag, attrs, content) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    if (content !== undefined) { node.textContent = content; }
    return node;
  }
  function forgetPages() {
    if (!self.caches) { return Promise.resolve(); }
    return caches.keys().then(function (names) {
      return Promise.all(names.filter(function (n) { return n.indexOf("pokjanal-pages-") === 0; })
        .map(function (n) { return caches.delete(n); }));
    });
  }
  // What a form sends, less what changes on every save (and the step button that sent it).
  function fieldsOf(form, submitter) {
    var fields = [];
    new FormData(form, submitter || undefined).forEach(function (value, name) {
      if (typeof value === "string") { fields.push([name, value]); }
    });
    return fields;
  }
  function contentOf(fields) {
    return JSON.stringify(fields.filter(function (f) { return ["client_id", "csrf_token", "base", "go"].indexOf(f[0]) < 0; }));
  }
  var saved = new WeakMap();  // form -> content the server (or the outbox) already has
  function remember(root) {
    root.querySelectorAll("form[data-outbox]").forEach(function (form) {
      // Values carried over from last month (marked) are shown, not saved.
      if (!saved.has(form) && !form.querySelector(".carried:not([hidden])")) { saved.set(form, contentOf(fieldsOf(form))); }
    });
  }
  function store(item) {
    // A later save of the same form replaces the waiting one.
    return mine().then(function (items) {
      var waiting = flushing ? null : items.filter(function (i) { return i.state === "waiting" && i.url === item.url; })[0];
      if (waiting) { item.id = waiting.id; }
      return put(item);
    });
  }
  function unsaved(except) {
    // Autosaved sections with unkept changes (typed or carried), in page order.
    return Array.prototype.filter.call(document.querySelectorAll("form[data-outbox][hx-post]"), function (f) {
      return f !== except && saved.get(f) !== contentOf(fieldsOf(f));
    });
  }
  function queueUnsaved(except) {
    return unsaved(except).reduce(function (done, f) { return done.then(function () { return queue(f); }); }, Promise.resolve());
  }
  function queue(form, submitter, url) {
    var fields = fieldsOf(form, submitter), content = contentOf(fields), autosave = form.hasAttribute("hx-post");
    if (autosave && saved.get(form) === content) { return Promise.resolve(); }  // nothing new to keep
    saved.set(form, content);
    var idInput = form.querySelector("input[name=client_id]");
    var heading = document.querySelector("main h1");
    var item = {
      url: url || form.getAttribute("hx-post") || form.action, method: "POST", fields: fields, user: user,
      client_id: idInput ? idInput.value : "", page: location.pathname + location.search, state: "waiting",
      label: form.getAttribute("data-outbox-label") || (heading ? heading.textContent.trim() : document.title),
      created: Date.now()
    };
    // The next save is new work: a new id, not a replay.
    if (idInput) { idInput.value = crypto.randomUUID(); }
    return (autosave ? Promise.resolve() : queueUnsaved(form)).then(function () { return store(item); }).then(function () {
      notice("Belum terkirim — akan dikirim otomatis", "warning");
      refresh();
      if (navigator.serviceWorker && navigator.serviceWorker.ready) {
        navigator.serviceWorker.ready.then(function (reg) {
          return reg.sync && reg.sync.register(SYNC_TAG);
        }).catch(function () { /* no Background Sync: the online event and the next page load send it */ });
      }
    });
  }
  function notice(message, kind) {
    var box = document.getElementById("outbox-status"), main = document.getElementById("main");
    if (!box && main) {
      box = el("div", { id: "outbox-status" });
      main.insertBefore(box, main.firstChild);
    }
    if (!box) { return; }
    box.className = kind === "ok" ? "flash" : kind === "refused" ? "alert" : "warning";
    box.setAttribute("role", kind === "refused" ? "alert" : "status");
    box.textContent = message + " ";
    if (kind !== "ok") { box.appendChild(el("a", { href: "/kotak-keluar" }, "Lihat kotak keluar")); }
  }
  function badge(items) {
    var link = document.getElementById("outbox-link"), top = document.querySelector("header.top");
    var refused = items.filter(function (i) { return i.state === "rejected"; }).length, waiting = items.length - refused;
    if (!items.length) { if (link) { link.remove(); } return; }
    if (!link && top) {
      link = el("a", { id: "outbox-link", href: "/kotak-keluar" });
      top.insertBefore(link, top.querySelector(".who"));
    }
    if (!link) { return; }
    link.className = refused ? "outbox-link refused" : "outbox-link";
    link.textContent = refused ? "Ditolak " : "Belum terkirim ";
    link.appendChild(el("span", { "class": "badge" }, String(refused || waiting)));
    link.setAttribute("aria-label", "Kotak keluar: " + (refused ? refused + " ditolak, " : "") + waiting + " belum terkirim");
  }
  function extras(then) {
    // outbox-list.js: fetched only when needed.
    if (self.PokjanalOutbox.drawList) { return then(); }
    var main = document.getElementById("main"), src = main && main.getAttribute("data-outbox-extras");
    var script = document.getElementById("outbox-list-js");
    if (!src) { return; }
    if (!script) {
      script = el("script", { id: "outbox-list-js", src: src });
      document.head.appendChild(script);
    }
    script.addEventListener("load", then);
  }
  var count = 0, refusedNow = [];
  function refresh() {
    return mine().then(function (items) {
      count = items.length;
      badge(items);
      var host = document.querySelector("[data-outbox-list]");
      if (host || document.querySelector("[data-outbox-refusal]") || items.some(function (i) { return i.state === "rejected"; })) {
        extras(function () { self.PokjanalOutbox.markForms(items); if (host) { self.PokjanalOutbox.drawList(host, items); } });
      }
      if (refusedNow.length) {
        notice("Ditolak: " + refusedNow.map(function (m) { return m.label + " — " + m.reason; }).join("; "), "refused");
        refusedNow = [];
        lastSent = null;
      } else if (lastSent && !items.some(function (i) { return i.state === "waiting"; })) {
        notice("Terkirim: " + lastSent, "ok");
        lastSent = null;
      }
    });
  }
  function onMessage(message) {
    if (message.kind === "sent") { lastSent = message.label || "isian"; }
    if (message.kind === "rejected") { refusedNow.push(message); }
    if (message.kind === "flushed" && (message.sent || message.refused) && document.querySelector("[data-live]")) {
      extras(function () { self.PokjanalOutbox.refreshLive(); });
    }
    refresh();
  }
  self.PokjanalOutbox.onchange = onMessage;
  self.PokjanalOutbox.refresh = refresh;
  self.PokjanalOutbox.el = el;
  self.PokjanalOutbox.unsaved = unsaved;
  if (channel) { channel.onmessage = function (event) { onMessage(event.data); }; }

  // Capture phase on window: before htmx sees the submit.
  self.addEventListener("submit", function (event) {
    var form = event.target;
    if (form.matches("form[data-outbox]")) {
      form.outboxSubmitter = event.submitter || null;
      if (!navigator.onLine) {
        event.preventDefault();
        event.stopImmediatePropagation();
        queue(form, event.submitter);
      }
    } else if (/\/keluar$/.test(form.getAttribute("action") || "") && (form.method || "").toLowerCase() === "post") {
      if (count && !confirm("Masih ada " + count + " isian belum terkirim di ponsel ini. Isian itu tetap disimpan " +
                            "dan dikirim setelah Anda masuk lagi. Tetap keluar?")) {
        event.preventDefault();
        event.stopImmediatePropagation();
        return;
      }
      forgetPages();
    }
  }, true);
  document.addEventListener("htmx:sendError", function (event) {
    var config = event.detail.requestConfig || {}, form = null;
    // A boosted form reports the body; the submit event names the form.
    [config.triggeringEvent && config.triggeringEvent.target, config.elt, event.detail.elt].forEach(function (elt) {
      form = form || (elt && elt.closest && elt.closest("form[data-outbox]"));
    });
    if (form && (config.verb || "post").toLowerCase() === "post") { return queue(form, form.outboxSubmitter, config.path); }
    // A kept form says what will happen; htmx is silent for the others.
    var note = document.getElementById("net-status"), main = document.getElementById("main");
    if (!note && main) {
      note = el("p", { id: "net-status", "class": "alert", role: "alert" });
      main.insertBefore(note, main.firstChild);
    }
    if (note) { note.textContent = "Tidak ada koneksi. Periksa sinyal lalu coba lagi; isian Anda masih ada di layar."; }
  });
  self.addEventListener("online", function () { flush().then(refresh); });
  document.addEventListener("htmx:afterRequest", function (event) {
    var form = event.detail.requestConfig.elt;  // a boosted form swapped away tells its ancestor
    if (event.detail.successful && form && form.matches && form.matches("form[data-outbox]")) {
      saved.set(form, contentOf(fieldsOf(form)));
      settle(event.detail.pathInfo.requestPath).then(refresh);
    }
  });

  if ("serviceWorker" in navigator) {
    navigator.serviceWorker.register("/sw.js").catch(function () { /* the app works without it */ });
  }
  function arrive() {
    // Every page load and boosted swap (sign-in too): the signed-in user owns the items and kept pages.
    var main = document.getElementById("main");
    user = (main && main.getAttribute("data-user")) || "";
    remember(document);
    if (document.querySelector("[data-offline-page]")) { return refresh(); }
    return getMeta("user").then(function (before) {
      if (before !== user) { forgetPages(); }
      if (user && before !== user && navigator.serviceWorker) {  // keep this account's offline pages
        navigator.serviceWorker.ready.then(function (reg) { reg.active.postMessage({ warm: user }); });
      }
      return before === user ? null : setMeta("user", user);
    }).then(function () {
      return user && navigator.onLine ? flush() : null;
    }).then(refresh, refresh);
  }
  document.addEventListener("htmx:afterSettle", function (event) {
    if (event.detail.boosted || event.target === document.body) { arrive(); }
  });
  arrive();
})(self);

/* Report form (here, not its own file: a request fewer): a step per screen, Lanjut saves then moves unless
   refused; error marks follow the messages; typed sections saved when hidden and before Kirim. */
(function (d) {
  "use strict";
  if (!d) { return; }  // the service worker
  var on = d.addEventListener.bind(d), all = function (s) { return d.querySelectorAll(s); }, dirty = new Set(), kirim;
  function attr(el, name, value) { if (value) { el.setAttribute(name, value); } else { el.removeAttribute(name); } }
  function flush() { dirty.forEach(function (f) { htmx.trigger(f, "submit"); }); }
  on("input", function (e) { var f = e.target.form; if (f && f.hasAttribute("data-step")) { dirty.add(f); } });
  // A cheap phone may close a hidden tab.
  on("visibilitychange", function () { if (d.hidden && window.htmx) { flush(); } });
  on("submit", function (e) {
    // Kirim saves the unsaved sections (typed or carried) first.
    if (e.target.id === "kirim" && e.target !== kirim && window.htmx) {
      PokjanalOutbox.unsaved().forEach(function (f) { dirty.add(f); });
      if (dirty.size) {
        e.preventDefault();
        e.stopImmediatePropagation();
        kirim = e.target;
        flush();
      }
    }
  }, true);
  function show(key, id, push) {
    var step = d.querySelector("[data-step='" + key + "']"), url, field;
    if (!step) { return false; }
    url = step.dataset.stepUrl;
    if (push) {
      // Back shows the step she leaves.
      history.replaceState(Object.assign({}, history.state, { step: d.querySelector("[data-step]:not([hidden])").dataset.step }), "");
      history.pushState({ step: key }, "", url + (id ? "#" + id : ""));
    }
    all("[data-step]").forEach(function (el) { el.hidden = el !== step; });
    step.querySelectorAll("[data-usually]").forEach(usual);
    all(".steps a").forEach(function (a) { attr(a, "aria-current", a.dataset.to === key && "step"); });
    if (key === "ringkasan" && navigator.onLine) { htmx.ajax("GET", url, { target: "#ringkasan", swap: "outerHTML" }); }
    field = id && d.getElementById(id);
    scrollTo(0, 0);
    (field || step.querySelector("h2")).focus({ preventScroll: !field });
    return true;
  }
  // A new section's blank count that usually equals one typed earlier this month shows that value, marked.
  function usual(i) {
    var from = d.getElementById(i.dataset.usually);
    if (!i.value && from && from.value) {
      i.value = from.value;
      i.removeAttribute("data-usually");
      i.parentNode.querySelector(".carried").hidden = false;
    }
  }
  on("change", function (e) { if (e.target.id) { all("[data-usually='" + e.target.id + "']").forEach(usual); } });
  function done(form, moves) {
    var to = form.dataset.go, field;
    dirty.delete(form);
    delete form.dataset.go;
    if (to && moves) { show(to, "", true); }
    if (to && !moves && (field = form.querySelector(".save-status a"))) { d.getElementById(field.hash.slice(1)).focus(); }
    if (kirim && !dirty.size) { kirim.requestSubmit(); kirim = null; }
  }
  on("click", function (e) {
    var b = e.target.closest("button[name=go]"), a = !b && e.target.closest("a[data-to]");
    if (a && show(a.dataset.to, a.hash.slice(1), true)) { e.preventDefault(); }
    if (!b || !window.htmx) { return; }
    if (b.value === "skip") { b.form.querySelectorAll("[inputmode]").forEach(function (i) { i.value = ""; }); }
    b.form.dataset.go = b.dataset.to;
    if (!navigator.onLine) { setTimeout(done, 0, b.form, true); }
  });
  on("htmx:afterRequest", function (e) {
    var x = e.detail.xhr;  // status 0: no network, the outbox keeps the save
    if (e.detail.elt.dataset) { done(e.detail.elt, !x.status || e.detail.successful && x.responseText.indexOf("save-status alert") < 0); }
  });
  on("htmx:afterSettle", function () {
    all("[data-step] .msgs[id^='msg-']").forEach(function (box) {
      var wrong = !!box.querySelector(".error"), field = box.closest(".field");
      if (field) { field.classList.toggle("invalid", wrong); }
      all("[aria-describedby='" + box.id + "']").forEach(function (i) { attr(i, "aria-invalid", wrong && "true"); });
    });
  });
  // Back to a step after a boosted link: load it.
  addEventListener("popstate", function (e) { if (e.state && e.state.step && !show(e.state.step, "", false)) { location.reload(); } });
})(self.document);
