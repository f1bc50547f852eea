// The address bar never keeps the dashboard's token, and the projector view answers arrow keys.
//
// The dashboard's link carries `?token=...` once: the server answers it with the login cookie,
// so the address drops the token at once (history.replaceState), and a projected screen or a
// shared screenshot never shows the key to every individual answer. A reload then signs in
// with the cookie.
//
// On the projector view (its root widget has the class careerkit-projector), the right arrow,
// Page Down and the space bar press Next, the left arrow and Page Up press Previous.
(function () {
  "use strict";

  function dropToken() {
    var url = new URL(window.location.href);
    if (!url.searchParams.has("token")) {
      return;
    }
    url.searchParams.delete("token");
    window.history.replaceState(window.history.state, "", url.pathname + url.search + url.hash);
  }

  var NEXT = { ArrowRight: 1, PageDown: 1, " ": 1 };
  var PREVIOUS = { ArrowLeft: 1, PageUp: 1 };

  function onKey(event) {
    var view = document.querySelector(".careerkit-projector");
    if (!view || event.altKey || event.ctrlKey || event.metaKey) {
      return;
    }
    var target = event.target;
    if (target && /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName)) {
      return;
    }
    var which = NEXT[event.key] ? "next" : PREVIOUS[event.key] ? "prev" : null;
    var button = which && view.querySelector(".careerkit-projector-" + which);
    if (button) {
      event.preventDefault();
      button.click();
    }
  }

  dropToken();
  document.addEventListener("keydown", onKey);
})();
