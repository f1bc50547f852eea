// The tab's side of careerkit's drafts (careerkit/ui/tab.py).
//
// Each browser tab keeps one random draft key per page and workshop in its own sessionStorage:
// no other tab, window or person sees it, and it never travels in an address, a log or a
// referrer. The key reaches the kernel through a hidden field: `restore:KEY` when this page was
// reloaded (a reload, the connection notice's Reload button, the back button), `new:KEY` on a
// fresh visit (a new key, so a shared laptop never shows the last person's answers), and
// `flush:KEY:N` when the page is hidden or about to go, to save the last change at once.
// Text fields send their value when it is committed (the browser's change event), so what was
// typed last is committed first whenever the pointer goes down (a tap on Submit reaches the kernel
// after the text it follows) and before every flush.
// The other way, the kernel names a link parameter (`plan=CODE`) and this writes it into the
// address with history.replaceState, so a reload reopens the same plan or brainstorm; `lang=de`
// also becomes the page's language (`<html lang>`), so screen readers read it in German.
(function () {
  "use strict";

  var KEY = /^[0-9a-f]{32}$/;
  var LANG = /^[a-z]{2,3}(-[A-Z]{2})?$/;
  var linked = new URLSearchParams(window.location.search).get("lang") || "";
  if (LANG.test(linked)) {
    document.documentElement.lang = linked; // until the kernel says which language it shows
  }
  var key = null;
  var field = null;
  var flushes = 0;
  var looks = 0;

  function storageName() {
    var workshop = new URLSearchParams(window.location.search).get("workshop") || "";
    return "careerkit-draft:" + window.location.pathname + "|" + workshop;
  }

  function navigationType() {
    var entries = window.performance && performance.getEntriesByType
      ? performance.getEntriesByType("navigation")
      : [];
    return entries.length ? entries[0].type : "navigate";
  }

  function freshKey() {
    var bytes = new Uint8Array(16);
    window.crypto.getRandomValues(bytes);
    return Array.prototype.map
      .call(bytes, function (b) {
        return (b < 16 ? "0" : "") + b.toString(16);
      })
      .join("");
  }

  function chooseKey() {
    var stored = null;
    try {
      stored = window.sessionStorage.getItem(storageName());
    } catch (e) {
      stored = null; // storage turned off: every visit is a fresh one
    }
    var type = navigationType();
    if (stored && KEY.test(stored) && (type === "reload" || type === "back_forward")) {
      return { key: stored, intent: "restore" };
    }
    var made = freshKey();
    try {
      window.sessionStorage.setItem(storageName(), made);
    } catch (e) {
      // nothing kept: the draft lives as long as this page
    }
    return { key: made, intent: "new" };
  }

  function send(value) {
    if (field === null) {
      return;
    }
    field.value = value;
    field.dispatchEvent(new Event("input", { bubbles: true }));
  }

  function findField() {
    field = document.querySelector(".careerkit-tab-key input");
    if (field === null) {
      looks += 1; // pages without drafts have no field: look less often after a while
      window.setTimeout(findField, looks < 100 ? 200 : 1000);
      return;
    }
    var chosen = chooseKey();
    key = chosen.key;
    send(chosen.intent + ":" + key);
  }

  function commitTyping() {
    var el = document.activeElement;
    var typing = el && (el.tagName === "TEXTAREA" || (el.tagName === "INPUT" && el.type === "text"));
    if (typing && el.closest(".widget-text, .widget-textarea")) {
      el.dispatchEvent(new Event("change", { bubbles: true }));
    }
  }

  function flush() {
    commitTyping();
    if (key !== null) {
      flushes += 1;
      send("flush:" + key + ":" + flushes);
    }
  }

  function followAddress() {
    var asked = document.querySelectorAll(".careerkit-address [data-param]");
    for (var i = 0; i < asked.length; i++) {
      var name = asked[i].getAttribute("data-param");
      var value = asked[i].getAttribute("data-value") || "";
      var url = new URL(window.location.href);
      if (name && url.searchParams.get(name) !== value) {
        url.searchParams.set(name, value);
        window.history.replaceState(window.history.state, "", url.toString());
        if (asked[i].hasAttribute("data-reload")) {
          window.location.reload(); // e.g. the dashboard in another language: built anew
          return;
        }
      }
      if (name === "lang" && LANG.test(value)) {
        document.documentElement.lang = value;
      }
    }
  }

  document.addEventListener("pointerdown", commitTyping, true);
  window.addEventListener("beforeunload", flush);
  window.addEventListener("pagehide", flush);
  document.addEventListener("visibilitychange", function () {
    if (document.visibilityState === "hidden") {
      flush(); // a phone locking its screen: the last answer is saved before it sleeps
    }
  });
  window.addEventListener("load", function () {
    findField();
    new MutationObserver(followAddress).observe(document.body, {
      subtree: true,
      childList: true,
      attributes: true,
      attributeFilter: ["data-value"],
    });
  });
})();
