// Tells the participant, plainly, when the page has lost its kernel or its server, so nobody
// keeps typing into a form that can no longer save. Saved work lives in the database, so the
// advice is always the same: reload the page.
(function () {
  "use strict";

  var MESSAGE =
    "The connection to the server was lost, so this page cannot save any more. " +
    "Please reload the page: everything that showed \u201cSaved\u201d is kept.";
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
    reload.textContent = "Reload the page";
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
    text.textContent = offline ? MESSAGE : "";
    notice.hidden = !offline;
    document.body.classList.toggle("careerkit-offline", offline);
    var cells = document.getElementById("rendered_cells");
    if (cells !== null) {
      cells.inert = offline; // nothing behind the notice can be focused or typed into
    }
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
