"""Erasure on request: what was removed, and the codes people type turned into ids to look for."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..languages import N_, _, ngettext

#: What `careerkit erase --help` says, so the command and its documentation agree.
ERASE_HELP = N_("""\
Remove one person's data for good, by the code they were shown.

--participant CODE  a survey result code (with or without its dashes): removes the
                    response and its answers, any draft of the form it came from (answers
                    saved while it was being filled in) with the receipt that showed the
                    result again after a reload, and every development plan that took
                    this result (the plan's "survey result code"), since the plan repeats it;
                    a comment of it that the facilitator hid is no longer listed as hidden.
--plan CODE         removes that development plan. Brainstorms that sent crossings to it
                    keep their own items; they only point at a plan that no longer exists.
--brainstorm CODE   removes that crossing brainstorm; plans it fed keep their goals.

Afterwards no copy stays in the database files: SQLite overwrites deleted rows
(secure_delete) and its journal is emptied (wal_checkpoint TRUNCATE); on PostgreSQL
the touched tables are vacuumed, though the server's own write-ahead log, archives
and backups keep old copies until they expire. Files written earlier (CSV, Excel,
reports) are not touched: delete those yourself.
""")


@dataclass(frozen=True)
class Erased:
    """What one erasure removed, and whether the database files are free of old copies."""

    responses: int = 0
    answers: int = 0
    docs: dict[str, int] = field(default_factory=dict)  # kind ("plan", "brainstorm") -> count
    scrubbed: bool = True
    note: str = ""
    drafts: int = 0  # drafts of the survey form (answers in progress) that were removed

    @property
    def found(self) -> bool:
        return bool(self.responses or self.drafts or any(self.docs.values()))

    def summary(self) -> str:
        """One line for people, e.g. "Removed 1 response with 17 answers and 1 draft"."""
        docs = _both([_docs(kind, n) for kind, n in sorted(self.docs.items()) if n])
        drafts = ngettext("{n} draft", "{n} drafts", self.drafts).format(n=self.drafts)
        if self.responses:
            head = _("{responses} with {answers}").format(
                responses=ngettext("{n} response", "{n} responses", self.responses).format(
                    n=self.responses
                ),
                answers=ngettext("{n} answer", "{n} answers", self.answers).format(n=self.answers),
            )
            if self.drafts:
                head = _both([head, drafts])
            if docs:
                return ngettext(
                    "Removed {what}, and {docs} that took its result.",
                    "Removed {what}, and {docs} that took their results.",
                    self.responses,
                ).format(what=head, docs=docs)
            return _("Removed {what}.").format(what=head)
        if self.drafts:
            return _("Removed {what}.").format(what=drafts)
        if docs:
            return _("Removed {what}.").format(what=docs)
        return _("Nothing found for that code.")


def _docs(kind: str, n: int) -> str:
    if kind == "plan":
        return ngettext("{n} plan", "{n} plans", n).format(n=n)
    if kind == "brainstorm":
        return ngettext("{n} brainstorm", "{n} brainstorms", n).format(n=n)
    return f"{n} {kind}"  # pragma: no cover  (only plans and brainstorms are documents)


def _both(parts: list[str]) -> str:
    """The parts joined as "a and b" (or "a, b and c"), in the reader's language."""
    if len(parts) <= 1:
        return "".join(parts)
    return _("{first} and {last}").format(first=", ".join(parts[:-1]), last=parts[-1])


def code_candidates(text: str, *, fold_case: bool) -> list[str]:
    """The ids a typed code may stand for: as typed, then without dashes (and lower-case).

    Result codes are shown in groups of four (`a1b2-c3d4-...`) but stored without dashes;
    plan and brainstorm codes are case-sensitive, so only result codes fold case.
    """
    typed = "".join(text.split()).strip("<>\"'")
    found = [typed, typed.replace("-", "")]
    if fold_case:
        found += [c.lower() for c in found]
    return [c for i, c in enumerate(found) if c and c not in found[:i]]
