"""One hierarchy of errors, so screens and commands can show a message instead of a traceback."""

from __future__ import annotations

from dataclasses import dataclass

from careerkit.languages import N_, _


class CareerkitError(Exception):
    """Base of every error careerkit raises on purpose; its text is meant for people."""


@dataclass(frozen=True)
class Problem:
    """One thing wrong in a definition file, with where it is and what to do."""

    path: str
    line: int
    col: int
    field: str
    message: str

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}:{self.col}"
        return (
            f"{where}: {self.field}: {self.message}" if self.field else f"{where}: {self.message}"
        )


class DefinitionError(CareerkitError):
    """Raised when a survey or worksheet file cannot be used; carries every problem found."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = list(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


class SurveyNotFound(CareerkitError):
    """Raised when a survey is asked for by a name or path that does not exist."""


class ConfigError(CareerkitError):
    """Raised when settings (environment variables, options) cannot be used as given."""


class StoreError(CareerkitError):
    """Raised when the store cannot save or read; the text says why and what to try."""


class MissingExtra(CareerkitError):
    """Raised when an optional feature needs a package that is not installed."""


class VersionConflict(StoreError):
    """Raised when a plan or brainstorm was saved elsewhere (another tab) since this copy was loaded."""

    def __init__(self, what: str, found: int, mine: int) -> None:
        self.found, self.mine = found, mine
        if what == "plan":
            text = _(
                "this plan was changed in another window or by someone else (now at version "
                "{found}, this page has version {mine}). Reload to see the latest version, then "
                "make your change again."
            )
        elif what == "brainstorm":
            text = _(
                "this brainstorm was changed in another window or by someone else (now at "
                "version {found}, this page has version {mine}). Reload to see the latest "
                "version, then make your change again."
            )
        else:
            text = _(
                "this document was changed in another window or by someone else (now at version "
                "{found}, this page has version {mine}). Reload to see the latest version, then "
                "make your change again."
            )
        super().__init__(text.format(found=found, mine=mine))


class WorkshopClosed(CareerkitError):
    """Raised when an answer arrives for a workshop the facilitator has closed."""

    def __init__(self, code: str) -> None:
        self.code = code
        super().__init__(
            _(
                "Workshop {code} has closed, so new answers are no longer collected. Thank you "
                "for your interest; please ask the facilitator if you still want to take part."
            ).format(code=code)
        )


#: What the store was doing when it failed, as careerkit/store names it to `could_not`
#: (a document's kind filled in: plan, brainstorm); tests/base/test_store_words.py keeps
#: this list and the store's calls together.
STORE_ACTIONS = (
    N_("count answers"),
    N_("count drafts"),
    N_("count orientations"),
    N_("count responses"),
    N_("count responses per edition"),
    N_("count the workshop's answers"),
    N_("create the brainstorm"),
    N_("create the plan"),
    N_("create the workshop"),
    N_("empty the database journal"),
    N_("erase the brainstorm"),
    N_("erase the plan"),
    N_("erase the response"),
    N_("match responses to their edition"),
    N_("open the database"),
    N_("prepare the database"),
    N_("read answers"),
    N_("read brainstorms"),
    N_("read plans"),
    N_("read responses"),
    N_("read survey editions"),
    N_("read the release threshold"),
    N_("read the release thresholds"),
    N_("read the survey editions"),
    N_("read the brainstorm"),
    N_("read the plan"),
    N_("read the schema version"),
    N_("read the workshop"),
    N_("read workshop activity"),
    N_("read workshops"),
    N_("read your answers"),
    N_("read your draft"),
    N_("record the survey edition"),
    N_("save the brainstorm"),
    N_("save the plan"),
    N_("save your answers"),
    N_("save your draft"),
    N_("store the release threshold"),
    N_("update the workshop"),
    N_("vacuum the database"),
)
#: Why the store failed, in the words careerkit/store gives (others keep the database's text).
STORE_REASONS = (
    N_("the database is busy; try again in a moment"),
    N_("the database is read-only; ask the facilitator to check the data folder"),
    N_("the database server cannot be reached; try again shortly"),
    N_("the database server does not support SSL, but the URL's sslmode requires it"),
    N_("the database stayed busy; try again."),
)


def could_not(what: str, reason: str) -> str:
    """'Could not save your answers: the database is busy; try again in a moment', translated.

    `what` is one of STORE_ACTIONS and `reason` one of STORE_REASONS or a database's own
    words (which no catalog holds, so they stay as the database gave them).
    """
    said = {"what": what, "reason": reason}
    return _("Could not {what}: {reason}").format(**{k: _(v) if v else v for k, v in said.items()})
