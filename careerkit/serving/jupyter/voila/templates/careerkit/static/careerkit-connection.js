// Tells the participant, plainly, when the page has lost its kernel or its server, so nobody
// keeps typing into a form that can no longer save. Saved work and drafts live in the
// database, so the way back is always a reload: once the server answers again this page
// reloads by itself (at most RELOADS times in RELOAD_WINDOW_MS, so a broken server cannot make
// it loop), and the Reload button is always there.
(function () {
  "use strict";

  // In the page's language (`<html lang>`, set from the link's `lang=`): the kernel that would
  // translate it is the one that is gone.
  var WORDS = {
    en: {
      message:
        "The connection to the server was lost, so this page cannot save any more. " +
        "Your answers so far are kept as a draft and everything that showed \u201cSaved\u201d is " +
        "stored: this page reloads by itself as soon as the server answers, or reload the page now.",
      reload: "Reload the page",
    },
    de: {
      message:
        "Die Verbindung zum Server ist unterbrochen, deshalb kann diese Seite nichts mehr " +
        "speichern. Ihre bisherigen Antworten sind als Entwurf gesichert, und alles, wobei " +
        "\u201eGespeichert\u201c stand, ist gespeichert: Die Seite l\u00e4dt sich von selbst neu, " +
        "sobald der Server wieder antwortet, oder laden Sie sie jetzt neu.",
      reload: "Seite neu laden",
    },
  };

  function words() {
    var lang = (document.documentElement.lang || "en").split("-")[0];
    return WORDS[lang] || WORDS.en;
  }
  var PROBE_MS = 5000;
  var RELOADS = 3;
  var RELOAD_WINDOW_MS = 180000;
  var probing = null;
  // Kernel states after which the widgets on this page are gone for good.
  var GONE = ["dead", "autorestarting", "restarting", "terminating"];
  var notice = null;
  var watched = null;
  var kernelGone = false;
  var leaving = false; // a reload or a new link: Voilà closes the connection on purpose

  function build() {
    notice = document.createElement("div");
    notice.className = "careerkit-connection-lost";
    notice.setAttribute("role", "alert");
    notice.hidden = true;
    var text = document.createElement("span");
    text.className = "careerkit-connection-text";
    var reload = document.createElement("button");
    reload.type = "button";
    reload.className = "careerkit-connection-reload";
    reload.textContent = words().reload;
    reload.addEventListener("click", function () {
      window.location.reload();
    });
    notice.appendChild(text);
    notice.appendChild(reload);
    document.body.appendChild(notice);
  }

  function setOffline(offline) {
    if (leaving) {
      return;
    }
    if (notice === null) {
      build();
    }
    var text = notice.querySelector(".careerkit-connection-text");
    // Filling the text when the notice appears makes screen readers announce it (role=alert).
    text.textContent = offline ? words().message : "";
    notice.querySelector(".careerkit-connection-reload").textContent = words().reload;
    notice.hidden = !offline;
    document.body.classList.toggle("careerkit-offline", offline);
    var cells = document.getElementById("rendered_cells");
    if (cells !== null) {
      cells.inert = offline; // nothing behind the notice can be focused or typed into
    }
    if (offline && probing === null) {
      probing = window.setTimeout(probe, PROBE_MS);
    }
  }

  function baseUrl() {
    var config = document.getElementById("jupyter-config-data");
    try {
      var base = JSON.parse(config.textContent).baseUrl || "/";
      return base.charAt(base.length - 1) === "/" ? base : base + "/";
    } catch (e) {
      return "/";
    }
  }

  function mayReload() {
    var name = "careerkit-reloads";
    var now = Date.now();
    var recent = [];
    try {
      recent = JSON.parse(window.sessionStorage.getItem(name) || "[]").filter(function (t) {
        return now - t < RELOAD_WINDOW_MS;
      });
    } catch (e) {
      return false; // without storage we cannot count: leave it to the button
    }
    if (recent.length >= RELOADS) {
      return false;
    }
    recent.push(now);
    window.sessionStorage.setItem(name, JSON.stringify(recent));
    return true;
  }

  // While the notice shows, ask the server every few seconds whether it is back and whether
  // this page's kernel still exists. A kernel that is gone (culled while a phone slept, or a
  // restarted server) means a reload, which brings the draft back.
  function probe() {
    probing = null;
    if (notice === null || notice.hidden || watched === null) {
      return;
    }
    window
      .fetch(baseUrl() + "api/kernels/" + encodeURIComponent(watched.id), { cache: "no-store" })
      .then(function (answer) {
        var lost = answer.status === 404 || kernelGone || watched.connectionStatus === "disconnected";
        if (answer.status < 500 && lost && mayReload()) {
          leaving = true;
          window.location.reload();
          return;
        }
        probing = window.setTimeout(probe, PROBE_MS);
      })
      .catch(function () {
        probing = window.setTimeout(probe, PROBE_MS); // the server is still away
      });
  }

  function onStatus(_kernel, status) {
    if (GONE.indexOf(status) !== -1) {
      kernelGone = true; // a restarted kernel has none of this page's widgets
      setOffline(true);
    }
  }

  function onConnection(_kernel, status) {
    if (status === "connected") {
      setOffline(kernelGone);
    } else {
      setOffline(true); // "connecting" right after a drop, "disconnected" after the retries
    }
  }

  function watch(kernel) {
    watched = kernel;
    kernel.statusChanged.connect(onStatus);
    kernel.connectionStatusChanged.connect(onConnection);
    onStatus(kernel, kernel.status);
    if (kernel.isDisposed || kernel.connectionStatus === "disconnected") {
      setOffline(true);
    }
  }

  function findKernel() {
    var app = window.jupyterapp;
    var manager = app && app.widgetManager;
    var kernel = manager && manager.kernel;
    if (kernel && kernel.statusChanged && kernel.connectionStatusChanged) {
      watch(kernel);
    } else {
      window.setTimeout(findKernel, 250);
    }
  }

  window.addEventListener("beforeunload", function () {
    leaving = true;
    // Still here a moment later (the page did not unload): say so if the connection went.
    window.setTimeout(function () {
      leaving = false;
      if (watched !== null && (watched.isDisposed || watched.connectionStatus !== "connected")) {
        setOffline(true);
      }
    }, 1500);
  });
  window.addEventListener("load", findKernel);
})();
