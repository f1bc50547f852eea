"""Instrument quality in words: the trainers' guide to reading it, and the plain-text table."""

from __future__ import annotations

from careerkit.languages import N_, _, decimal, ngettext

from .reliability import NEGATIVE, ONE_POINT, Reliability, ScaleResult

#: How to read the figures; the CLI prints it, the dashboard tab and survey/README.md show it
#: (in English there; shown through `_` in the reader's language).
GUIDE = (
    N_(
        "Cronbach's alpha: how well the items of a score hang together (at most 1). 0.7 or more is "
        "usual for a score like these; alpha under 0.6: the items may not measure one thing, so "
        "read that score with care and look at its items."
    ),
    N_(
        "The 95% CI (confidence interval): where alpha probably lies. With few people it is wide; wait for more "
        "answers before changing an item because of it."
    ),
    N_(
        "Item-total correlation (corrected): how closely an item follows the rest of its score "
        "(the other items added up), from -1 to 1. Above 0.3 the item goes with its score; near 0 "
        "it goes its own way; below 0 it runs against the score, often a reversed wording whose "
        "weight has the wrong sign."
    ),
    N_(
        "Alpha if deleted: the score's alpha without this item. Clearly higher than alpha means "
        "the score would hang together better without the item."
    ),
    N_(
        "Reversed items (a negative weight in `score:`) are turned around before all this: on a "
        "5-point scale a 1 counts as 5. Alpha counts every item alike, whatever its weight."
    ),
    N_(
        "A flagged item: reword it, check the sign of its weight, or take it out of the score "
        "(leave that side out of its `score:`). Raise the survey's `version` when you change it, "
        "run `careerkit validate`, and look again once a new workshop has answered."
    ),
)

FLAG_WORDS = {
    ONE_POINT: N_("most answers (over 80%) on one point: it barely tells people apart"),
    NEGATIVE: N_(
        "runs against its score (item-total below 0): check its wording and weight's sign"
    ),
}

SCORE_TITLES = {"advancement": N_("Advancement score"), "development": N_("Development score")}


def guide_points() -> tuple[str, ...]:
    """The guide's points in the language in use."""
    return tuple(_(g) for g in GUIDE)


def score_title(score: str) -> str:
    """'Advancement score' in the language in use; another score by its id."""
    return _(SCORE_TITLES[score]) if score in SCORE_TITLES else score


def number(value: float | None) -> str:
    """A figure with two decimals in the reader's language, or a dash when it cannot be computed."""
    return "-" if value is None else decimal(value, 2)


def headline(scale: ScaleResult) -> str:
    """'alpha 0.78 (95% CI 0.61 to 0.89), 20 people, 7 items', or why nothing is shown."""
    title = score_title(scale.score)
    if not scale.shown:
        return _("{title}: {why}").format(title=title, why=scale.note)
    ci = (
        _(" (95% CI {low} to {high})").format(low=number(scale.ci[0]), high=number(scale.ci[1]))
        if scale.ci
        else ""
    )
    low = (
        " " + _("Under 0.6: the items may not measure one thing.")
        if (scale.alpha is not None and scale.alpha < 0.6)
        else ""
    )
    rest = f" {scale.note}" if scale.note else ""
    people = ngettext(
        "{title}: alpha {alpha}{ci}, {people} person who answered all {items} items.",
        "{title}: alpha {alpha}{ci}, {people} people who answered all {items} items.",
        scale.people or 0,
    ).format(
        title=title, alpha=number(scale.alpha), ci=ci, people=scale.people, items=len(scale.items)
    )
    return people + low + rest


def flags_text(flags: tuple[str, ...]) -> str:
    return "; ".join(_(FLAG_WORDS[f]) for f in flags)


def as_text(rel: Reliability, *, guide: bool = True) -> str:
    """The whole result as the terminal shows it: per score a headline and an item table."""
    lines: list[str] = []
    if rel.workshops:
        lines.append(
            _("Instrument quality, workshops {codes}:").format(codes=", ".join(rel.workshops))
        )
    else:
        lines.append(_("Instrument quality:"))
    if not rel.scales:
        lines.append(_("This survey has no scored items, so there is nothing to check."))
    reversed_mark = " " + _("(reversed)")
    for scale in rel.scales:
        lines += ["", headline(scale)]
        if not scale.results:
            continue
        heads = (_("item"), _("item-total"), _("alpha if deleted"), _("flags"))
        width = max(max(len(r.item.id) for r in scale.results) + len(reversed_mark), len(heads[0]))
        w1, w2 = max(10, len(heads[1])), max(16, len(heads[2]))
        lines.append(f"  {heads[0]:<{width}}  {heads[1]:>{w1}}  {heads[2]:>{w2}}  {heads[3]}")
        for r in scale.results:
            name = r.item.id + (reversed_mark if r.item.reversed else "")
            lines.append(
                f"  {name:<{width}}  {number(r.item_total):>{w1}}  {number(r.alpha_if_deleted):>{w2}}"
                f"  {flags_text(r.flags)}".rstrip()
            )
    notes = [n for n in (rel.release, rel.note) if n]
    if notes:
        lines += ["", *notes]
    if guide:
        lines += ["", _("How to read this:")] + [f"- {g}" for g in guide_points()]
    return "\n".join(lines)
