"""Instrument quality in words: the trainers' guide to reading it, and the plain-text table."""

from __future__ import annotations

from .reliability import NEGATIVE, ONE_POINT, Reliability, ScaleResult

#: How to read the figures; the CLI prints it, the dashboard tab and survey/README.md show it.
GUIDE = (
    "Cronbach's alpha: how well the items of a score hang together (at most 1). 0.7 or more is "
    "usual for a score like these; alpha under 0.6: the items may not measure one thing, so "
    "read that score with care and look at its items.",
    "The 95% interval: where alpha probably lies. With few people it is wide; wait for more "
    "answers before changing an item because of it.",
    "Item-total correlation (corrected): how closely an item follows the rest of its score "
    "(the other items added up), from -1 to 1. Above 0.3 the item goes with its score; near 0 "
    "it goes its own way; below 0 it runs against the score, often a reversed wording whose "
    "weight has the wrong sign.",
    "Alpha if deleted: the score's alpha without this item. Clearly higher than alpha means "
    "the score would hang together better without the item.",
    "Reversed items (a negative weight in `score:`) are turned around before all this: on a "
    "5-point scale a 1 counts as 5. Alpha counts every item alike, whatever its weight.",
    "A flagged item: reword it, check the sign of its weight, or take it out of the score "
    "(leave that side out of its `score:`). Raise the survey's `version` when you change it, "
    "run `careerkit validate`, and look again once a new workshop has answered.",
)

FLAG_WORDS = {
    ONE_POINT: "over 80% of answers on one point: it barely tells people apart",
    NEGATIVE: "runs against its score (item-total below 0): check its wording and weight's sign",
}

SCORE_TITLES = {"advancement": "Advancement score", "development": "Development score"}


def number(value: float | None) -> str:
    """A figure with two decimals, or a dash when it cannot be computed."""
    return "-" if value is None else f"{value:.2f}"


def headline(scale: ScaleResult) -> str:
    """'alpha 0.78 (95% CI 0.61 to 0.89), 20 people, 7 items', or why nothing is shown."""
    title = SCORE_TITLES.get(scale.score, scale.score)
    if not scale.shown:
        return f"{title}: {scale.note}"
    ci = f" (95% CI {number(scale.ci[0])} to {number(scale.ci[1])})" if scale.ci else ""
    low = (
        " Under 0.6: the items may not measure one thing."
        if (scale.alpha is not None and scale.alpha < 0.6)
        else ""
    )
    rest = f" {scale.note}" if scale.note else ""
    return (
        f"{title}: alpha {number(scale.alpha)}{ci}, {scale.people} people who answered all "
        f"{len(scale.items)} items.{low}{rest}"
    )


def flags_text(flags: tuple[str, ...]) -> str:
    return "; ".join(FLAG_WORDS[f] for f in flags)


def as_text(rel: Reliability, *, guide: bool = True) -> str:
    """The whole result as the terminal shows it: per score a headline and an item table."""
    lines: list[str] = []
    if rel.workshops:
        lines.append(f"Instrument quality, workshops {', '.join(rel.workshops)}:")
    else:
        lines.append("Instrument quality:")
    if not rel.scales:
        lines.append("This survey has no scored items, so there is nothing to check.")
    for scale in rel.scales:
        lines += ["", headline(scale)]
        if not scale.results:
            continue
        width = max(len(r.item.id) for r in scale.results) + len(" (reversed)")
        lines.append(f"  {'item':<{width}}  item-total  alpha if deleted  flags")
        for r in scale.results:
            name = r.item.id + (" (reversed)" if r.item.reversed else "")
            lines.append(
                f"  {name:<{width}}  {number(r.item_total):>10}  {number(r.alpha_if_deleted):>16}"
                f"  {flags_text(r.flags)}".rstrip()
            )
    notes = [n for n in (rel.release, rel.note) if n]
    if notes:
        lines += ["", *notes]
    if guide:
        lines += ["", "How to read this:"] + [f"- {g}" for g in GUIDE]
    return "\n".join(lines)
