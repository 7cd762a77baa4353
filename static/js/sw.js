/* Pokjanal service worker. The /sw.js view puts `var CONFIG = {...}` in front of this file: the
   versioned app shell, the offline page and the version that names the caches, so a deploy never
   serves a mix of old and new files. Pages go network-first; only the signed-in user's home page and
   pages holding an outbox form are kept, and outbox.js drops them when the account changes or signs out. */
/* global CONFIG */
"use strict";
importScripts(CONFIG.outbox);

var SHELL = "pokjanal-shell-" + CONFIG.version;
var PAGES = "pokjanal-pages-" + CONFIG.version;
var MAX_PAGES = 8;

self.addEventListener("install", function (event) {
  event.waitUntil(caches.open(SHELL).then(function (cache) {
    // Pages of the shell are fetched without cookies, so they hold nobody's data; static files are the same
    // for everyone and usually come straight from the HTTP cache the page just filled.
    return cache.addAll(CONFIG.shell.map(function (url) {
      return new Request(url, { credentials: url.indexOf("/static/") === 0 ? "same-origin" : "omit" });
    }));
  }).then(function () { return self.skipWaiting(); }));
});

self.addEventListener("activate", function (event) {
  event.waitUntil(caches.keys().then(function (names) {
    return Promise.all(names.filter(function (name) {
      return name.indexOf("pokjanal-") === 0 && name !== SHELL && name !== PAGES;
    }).map(function (name) { return caches.delete(name); }));
  }).then(function () { return self.clients.claim(); }));
});

function fromShell(request) {
  return caches.match(request, { ignoreVary: true, cacheName: SHELL }).then(function (hit) {
    return hit || fetch(request).then(function (response) {
      if (response.ok && new URL(request.url).searchParams.has("v")) {
        var copy = response.clone();
        caches.open(SHELL).then(function (cache) { return cache.put(request, copy); });
      }
      return response;
    });
  });
}

function keepPage(key, response) {
  // Keep a page only when it was made for a signed-in user and is one worth having offline.
  return response.clone().text().then(function (html) {
    var own = html.indexOf(" data-user=\"") > 0;
    var wanted = CONFIG.keep.indexOf(key) >= 0 || html.indexOf("data-outbox=") > 0;
    if (!own || !wanted) { return; }
    return caches.open(PAGES).then(function (cache) {
      return cache.put(key, new Response(html, { status: 200, headers: { "Content-Type": "text/html; charset=utf-8" } }))
        .then(function () { return cache.keys(); })
        .then(function (keys) {
          // The pages of CONFIG.keep (home, outbox, offline) stay; the oldest of the others make room.
          var others = keys.filter(function (k) { return CONFIG.keep.indexOf(new URL(k.url).pathname) < 0; });
          return Promise.all(others.slice(0, Math.max(0, others.length - MAX_PAGES)).map(function (k) { return cache.delete(k); }));
        });
    });
  });
}

function page(request, url) {
  var key = url.pathname + url.search;
  return fetch(request).then(function (response) {
    if (response.ok && !response.redirected && response.type === "basic") {
      keepPage(key, response).catch(function () { /* a full disk only costs the offline copy */ });
    }
    return response;
  }, function () {
    return caches.open(PAGES).then(function (cache) { return cache.match(key, { ignoreVary: true }); })
      .then(function (hit) { return hit || offlinePage(); });
  });
}

function offlinePage() {
  // The signed-in offline page (header, bottom bar) when this account's copy is kept, else the shell's.
  return caches.open(PAGES).then(function (cache) { return cache.match(CONFIG.offline, { ignoreVary: true }); })
    .then(function (hit) { return hit || caches.match(CONFIG.offline, { ignoreVary: true, cacheName: SHELL }); });
}

function warm(user) {
  // At sign-in (outbox.js asks once): fetch with the cookies the pages of CONFIG.keep not yet kept for this user.
  return caches.open(PAGES).then(function (cache) {
    return Promise.all(CONFIG.keep.map(function (key) {
      return cache.match(key).then(function (hit) {
        if (hit) {
          return hit.clone().text().then(function (html) {
            return html.indexOf(" data-user=\"" + user + "\"") > 0 ? null : fetchAndKeep(key);
          });
        }
        return fetchAndKeep(key);
      });
    }));
  });
}

function fetchAndKeep(key) {
  return fetch(key, { credentials: "same-origin" }).then(function (response) {
    return response.ok && !response.redirected ? keepPage(key, response) : null;
  }, function () { return null; });
}

self.addEventListener("fetch", function (event) {
  var request = event.request, url = new URL(request.url);
  if (request.method !== "GET" || url.origin !== self.location.origin) { return; }
  if (url.pathname.indexOf("/static/") === 0 || url.pathname === "/manifest.webmanifest" || url.pathname === CONFIG.offline) {
    event.respondWith(fromShell(request));
  } else if (request.mode === "navigate" || request.headers.get("HX-Boosted") === "true") {
    event.respondWith(page(request, url));
  }
  // Everything else (htmx fragments, PDFs, exports) goes to the network and is never stored.
});

function flushOrRetry() {
  return self.PokjanalOutbox.flush().then(function (result) {
    if (result && result.left) { throw new Error("outbox: still waiting, retry later"); }
  });
}

self.addEventListener("sync", function (event) {
  if (event.tag === "pokjanal-outbox") { event.waitUntil(flushOrRetry()); }
});

self.addEventListener("message", function (event) {
  if (event.data === "flush") { event.waitUntil(self.PokjanalOutbox.flush()); }
  if (event.data && event.data.warm) { event.waitUntil(warm(String(event.data.warm))); }
});
