// What assistive technology needs from careerkit's pages, on top of the widgets ipywidgets draws.
//
// - The rendered cells are the page's main landmark.
// - A scale (`.careerkit-likert`, ipywidgets ToggleButtons) is a radio group: named by its
//   question's text (`.careerkit-prompt`) or the label beside it, each point a radio named by
//   its tooltip ("4 of 5"), aria-checked following the widget's `mod-active` class. It is one
//   Tab stop; the arrow keys, Home and End move and choose, Space and Enter choose.
// - Choice and multi questions keep their native inputs, grouped and named by the question.
// - A ranking (`.careerkit-ranking`) is a group named by its question; each button is named by
//   its tooltip ("Move Better pay up"), and after a move the keyboard focus follows the option
//   to its new place (its rows stay, the options they show change). A number field gets the
//   decimal keyboard on phones.
// - A question's error (`.careerkit-question-error`) describes its inputs, which are then
//   aria-invalid; status lines (`.careerkit-live`) are polite live regions, so what they say is
//   announced.
// The kernel's widgets stay the only source of answers: a key press clicks the button a mouse
// would have clicked.
(function () {
  "use strict";

  var made = 0;

  function idOf(el, prefix) {
    if (!el.id) {
      made += 1;
      el.id = "careerkit-" + prefix + "-" + made;
    }
    return el.id;
  }

  function setAttr(el, name, value) {
    if (el.getAttribute(name) !== value) {
      el.setAttribute(name, value);
    }
  }

  function shown(el) {
    return !!el && el.getClientRects().length > 0;
  }

  function landmarks() {
    var cells = document.getElementById("rendered_cells");
    if (cells) {
      setAttr(cells, "role", "main");
    }
  }

  // The element naming a group: its question's text, or the label just before it in its row.
  function nameFor(group) {
    var question = group.closest(".careerkit-question");
    var prompt = question ? question.querySelector(".careerkit-prompt") : null;
    if (prompt) {
      return prompt;
    }
    var before = group.previousElementSibling;
    return before && before.textContent.trim() ? before : null;
  }

  function errorFor(group) {
    var question = group.closest(".careerkit-question");
    var error = question ? question.querySelector(".careerkit-question-error") : null;
    return error && shown(error) && error.textContent.trim() ? error : null;
  }

  function describe(target, group) {
    var error = errorFor(group);
    if (error) {
      setAttr(target, "aria-describedby", idOf(error, "error"));
      setAttr(target, "aria-invalid", "true");
    } else {
      target.removeAttribute("aria-describedby");
      target.removeAttribute("aria-invalid");
    }
  }

  function name(target, group) {
    var label = nameFor(group);
    if (label) {
      setAttr(target, "aria-labelledby", idOf(label, "name"));
    }
  }

  function points(scale) {
    return Array.prototype.slice.call(scale.querySelectorAll("button"));
  }

  function likert(group) {
    var scale = group.querySelector(":scope > div") || group;
    setAttr(scale, "role", "radiogroup");
    name(scale, group);
    describe(scale, group);
    var buttons = points(scale);
    var checked = buttons.filter(function (b) {
      return b.classList.contains("mod-active");
    });
    var stop = checked[0] || buttons[0];
    buttons.forEach(function (b) {
      setAttr(b, "role", "radio");
      setAttr(b, "aria-checked", b.classList.contains("mod-active") ? "true" : "false");
      setAttr(b, "aria-label", b.getAttribute("title") || b.textContent.trim());
      setAttr(b, "tabindex", b === stop ? "0" : "-1");
    });
    if (!scale.careerkitKeys) {
      scale.careerkitKeys = true;
      scale.addEventListener("keydown", onScaleKey);
    }
  }

  var MOVES = { ArrowRight: 1, ArrowDown: 1, ArrowLeft: -1, ArrowUp: -1 };

  function onScaleKey(event) {
    var buttons = points(event.currentTarget).filter(function (b) {
      return !b.disabled;
    });
    var at = buttons.indexOf(document.activeElement);
    if (!buttons.length || at < 0) {
      return;
    }
    var to;
    if (event.key in MOVES) {
      to = (at + MOVES[event.key] + buttons.length) % buttons.length;
    } else if (event.key === "Home") {
      to = 0;
    } else if (event.key === "End") {
      to = buttons.length - 1;
    } else {
      return; // Space and Enter click the focused button as any button does
    }
    event.preventDefault();
    buttons.forEach(function (b, i) {
      b.setAttribute("tabindex", i === to ? "0" : "-1");
    });
    buttons[to].focus();
    if (!buttons[to].classList.contains("mod-active")) {
      buttons[to].click();
    }
  }

  function choice(group) {
    var box = group.querySelector(".widget-radio-box") || group;
    setAttr(box, "role", "radiogroup");
    name(box, group);
    describe(box, group);
  }

  function multi(group) {
    setAttr(group, "role", "group");
    name(group, group);
    describe(group, group);
  }

  function text(field) {
    var input = field.querySelector("input, textarea");
    if (input) {
      name(input, field);
      describe(input, field);
    }
  }

  function ranking(group) {
    setAttr(group, "role", "group");
    name(group, group);
    describe(group, group);
    group.querySelectorAll("button").forEach(function (b) {
      if (b.getAttribute("title")) {
        setAttr(b, "aria-label", b.getAttribute("title"));
      }
    });
    if (!group.careerkitKeys) {
      group.careerkitKeys = true;
      group.addEventListener("click", onRankClick);
    }
    focusPending();
  }

  // The button to focus once the option that moved shows in its new row.
  var pending = null;

  function slotButton(slot) {
    var found = null;
    ["careerkit-rank-up", "careerkit-rank-down", "careerkit-rank-remove"].some(function (css) {
      var b = slot.querySelector("button." + css);
      if (b && !b.disabled) {
        found = b;
      }
      return !!found;
    });
    return found;
  }

  function focusPending() {
    if (!pending || !shown(pending.slot)) {
      return;
    }
    var target = pending.css ? pending.slot.querySelector("button." + pending.css) : null;
    if (!target || target.disabled) {
      target = slotButton(pending.slot);
    }
    if (target) {
      pending = null;
      target.focus();
    }
  }

  function onRankClick(event) {
    var button = event.target.closest("button");
    var group = event.currentTarget;
    if (!button) {
      return;
    }
    var slots = Array.prototype.slice.call(group.querySelectorAll(".careerkit-rank-slot"));
    var filled = slots.filter(shown).length;
    var row = button.closest(".careerkit-rank-slot");
    var at = slots.indexOf(row);
    var to = null;
    var css = null;
    if (button.classList.contains("careerkit-rank-up")) {
      to = at - 1;
      css = "careerkit-rank-up";
    } else if (button.classList.contains("careerkit-rank-down")) {
      to = at + 1;
      css = "careerkit-rank-down";
    } else if (button.classList.contains("careerkit-rank-remove")) {
      to = Math.min(at, filled - 2);
      css = "careerkit-rank-remove";
    } else if (button.classList.contains("careerkit-rank-add")) {
      to = filled;
      css = "careerkit-rank-remove";
    }
    if (to === null || to < 0 || to >= slots.length) {
      return;
    }
    pending = { slot: slots[to], css: css };
    focusPending();
  }

  function number(field) {
    var input = field.querySelector("input");
    if (input) {
      setAttr(input, "inputmode", "decimal");
      name(input, field);
      describe(input, field);
    }
  }

  function live(line) {
    setAttr(line, "role", "status");
    setAttr(line, "aria-live", "polite");
  }

  var KINDS = [
    [".careerkit-likert", likert],
    [".careerkit-choice", choice],
    [".careerkit-multi", multi],
    [".careerkit-text", text],
    [".careerkit-ranking", ranking],
    [".careerkit-number", number],
    [".careerkit-live", live],
  ];

  function upgrade() {
    landmarks();
    KINDS.forEach(function (kind) {
      document.querySelectorAll(kind[0]).forEach(kind[1]);
    });
  }

  // Attribute changes made here are not watched (only class and the tree), so this never loops.
  new MutationObserver(upgrade).observe(document.documentElement, {
    subtree: true,
    childList: true,
    attributes: true,
    attributeFilter: ["class", "style"],
  });
  document.addEventListener("DOMContentLoaded", upgrade);
})();
