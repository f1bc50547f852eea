"""One hierarchy of errors, so screens and commands can show a message instead of a traceback."""

from __future__ import annotations

from dataclasses import dataclass

from careerkit.languages import _


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
        super().__init__(
            f"this {what} was changed in another window or by someone else (now at version {found}, "
            f"this page has version {mine}). Reload to see the latest version, then make your change again."
        )


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
