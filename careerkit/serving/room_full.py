"""The page a participant gets when every kernel is taken: the room is full, it tries again."""

from __future__ import annotations

#: Self-contained: no scripts or styles from anywhere else, readable on a phone. It asks for the
#: same link again (query string included) after `{seconds}` seconds: a small script that the
#: participant can stop (WCAG 2.2.1, timing adjustable), or a refresh where scripts do not run.
_PAGE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<noscript><meta http-equiv="refresh" content="{seconds}"></noscript>
<title>{title} - careerkit</title>
<style>
body {{ font-family: system-ui, sans-serif; margin: 0; color: #1a1a1a; background: #fafafa; }}
main {{ max-width: 34rem; margin: 3rem auto; padding: 0 1.25rem; line-height: 1.5; }}
h1 {{ font-size: 1.5rem; }}
p {{ font-size: 1.05rem; }}
button {{ font: inherit; padding: 0.3em 1em; margin: 0 0.6em 0.6em 0; }}
</style>
</head>
<body>
<main class="careerkit-room-full">
<h1>{title}</h1>
<p>{why} Please keep this page open:
it tries again by itself every {seconds} seconds, and your form appears as soon as {when}.</p>
<p>You do not need to reload or to open the link again.</p>
<p><button type="button" id="again">Try again now</button>
<button type="button" id="stop">Stop trying by itself</button></p>
<p id="state" role="status"></p>
</main>
<script>
(function () {{
  var timer = setTimeout(function () {{ location.reload(); }}, {seconds} * 1000);
  document.getElementById("again").onclick = function () {{ location.reload(); }};
  document.getElementById("stop").onclick = function () {{
    clearTimeout(timer);
    this.disabled = true;
    document.getElementById("state").textContent =
      "This page no longer tries by itself: press Try again now when you are ready.";
  }};
}})();
</script>
</body>
</html>
"""


_FULL = {
    "title": "The room is full right now",
    "why": "Every place on this server is taken at the moment.",
    "when": "a place is free",
}
#: `careerkit serve --expect N` before its preheated forms are up.
_PREPARING = {
    "title": "The forms are being prepared",
    "why": "The server is getting a form ready for everyone expected in the room.",
    "when": "the forms are ready",
}


def room_full_page(seconds: int, *, preparing: bool = False) -> str:
    """The HTML of the room-full page (or, `preparing`, the one before the start), retrying."""
    return _PAGE.format(seconds=int(seconds), **(_PREPARING if preparing else _FULL))
