"""`careerkit erase`: remove one person's response, plan or brainstorm for good, by its code."""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING, Any

from careerkit.languages import _
from careerkit.store.erasure import ERASE_HELP, Erased, code_candidates

if TYPE_CHECKING:
    from careerkit.model import Versioned
    from careerkit.store import Store


def add_erase_command(sub: Any) -> None:
    """Add `erase` to the `careerkit` subcommands (`sub` is argparse's subparsers object)."""
    p = sub.add_parser(
        "erase",
        help=_("remove a participant's response, a plan or a brainstorm for good"),
        description=_(ERASE_HELP),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    which = p.add_mutually_exclusive_group(required=True)
    which.add_argument("--participant", metavar="CODE", help=_("a survey result code, as shown"))
    which.add_argument("--plan", metavar="CODE", help=_("a development plan code"))
    which.add_argument("--brainstorm", metavar="CODE", help=_("a crossing brainstorm code"))
    p.set_defaults(func=cmd_erase)


def cmd_erase(args: argparse.Namespace) -> int:
    """Erase what the code names; 1 when nothing had it or old copies may remain."""
    from careerkit.store import open_store

    store = open_store()
    try:
        erased = _erase(store, args)
    finally:
        store.close()
    if not erased.found:
        print(_("Nothing found for that code."), file=sys.stderr)
    else:
        print(erased.summary())
    if erased.note:
        print(erased.note, file=sys.stdout if erased.scrubbed else sys.stderr)
    return 0 if erased.found and erased.scrubbed else 1


def _erase(store: Store, args: argparse.Namespace) -> Erased:
    if args.participant is not None:
        ids = code_candidates(args.participant, fold_case=True)
        if not ids:
            return Erased()
        found = next((i for i in ids if store.get_response(i) is not None), None)
        if found is not None:
            from careerkit.reporting.moderation import forget_response

            response = store.get_response(found)
            if response is not None and response.workshop:
                forget_response(store, response.workshop, found)  # before erasing: it scrubs
            return store.erase_response(found)
        # No response under any spelling: a form's draft may still carry one of them.
        return _merged([store.erase_response(i) for i in ids])
    from careerkit.crossings.model import Brainstorm
    from careerkit.plans.model import Plan

    model: type[Versioned] = Plan if args.plan is not None else Brainstorm
    codes = code_candidates(
        args.plan if args.plan is not None else args.brainstorm, fold_case=False
    )
    if not codes:
        return Erased()
    found = next((c for c in codes if store.get_doc(model, c) is not None), codes[0])
    return store.erase_doc(model, found)


def _merged(parts: list[Erased]) -> Erased:
    """One summary of several erasures (each spelling of a code that may name a draft)."""
    docs: dict[str, int] = {}
    for part in parts:
        for kind, n in part.docs.items():
            docs[kind] = docs.get(kind, 0) + n
    return Erased(
        responses=sum(p.responses for p in parts),
        answers=sum(p.answers for p in parts),
        docs=docs,
        scrubbed=all(p.scrubbed for p in parts),
        note=next((p.note for p in reversed(parts) if not p.scrubbed), parts[-1].note),
        drafts=sum(p.drafts for p in parts),
    )
