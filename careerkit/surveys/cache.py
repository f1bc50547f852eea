"""Validated survey definitions kept as JSON, so a survey kernel need not read YAML at all."""

from __future__ import annotations

import contextlib
import hashlib
import logging
import os
import tempfile
from pathlib import Path

from pydantic import BaseModel, ConfigDict, ValidationError

from .. import __version__
from ..config import data_dir
from ..model import Survey

log = logging.getLogger(__name__)


class Entry(BaseModel):
    """One cached survey: the careerkit that validated it, the file's sha256, the survey."""

    model_config = ConfigDict(extra="forbid")

    careerkit: str
    sha256: str
    survey: Survey


def cache_dir() -> Path:
    """`cache/surveys/` in the data folder."""
    return data_dir() / "cache" / "surveys"


def entry_path(path: Path, digest: str) -> Path:
    """`<stem>-<first 16 hex digits of the file's sha256>.json`: a changed file gets a new entry."""
    return cache_dir() / f"{path.stem}-{digest[:16]}.json"


def cached_survey(path: Path, raw: bytes) -> Survey | None:
    """The survey validated from exactly these bytes by this careerkit, or None."""
    digest = hashlib.sha256(raw).hexdigest()
    try:
        text = entry_path(path, digest).read_bytes()
    except OSError:
        return None
    try:
        entry = Entry.model_validate_json(text)
    except ValidationError:
        log.debug("careerkit: ignoring an unreadable survey cache entry for %s", path)
        return None
    if entry.careerkit != __version__ or entry.sha256 != digest:
        return None
    return entry.survey


def keep_survey(path: Path, raw: bytes, survey: Survey) -> None:
    """Write the entry for `raw` atomically, owner only; a cache that cannot be written is skipped."""
    digest = hashlib.sha256(raw).hexdigest()
    target = entry_path(path, digest)
    body = Entry(careerkit=__version__, sha256=digest, survey=survey).model_dump_json()
    tmp: str | None = None
    try:
        _private_folders(target.parent)
        fd, tmp = tempfile.mkstemp(prefix=f".{target.stem}-", suffix=".tmp", dir=target.parent)
        with os.fdopen(fd, "w", encoding="utf-8") as out:  # mkstemp made it 0600
            out.write(body)
        os.replace(tmp, target)
        tmp = None
    except OSError as exc:
        log.debug("careerkit: cannot cache the survey %s in %s: %s", path, target.parent, exc)
    finally:
        if tmp is not None:
            with contextlib.suppress(OSError):
                os.unlink(tmp)


def _private_folders(folder: Path) -> None:
    """Make the data folder and the cache folders below it, each for its owner only."""
    data = data_dir()
    data.mkdir(parents=True, exist_ok=True, mode=0o700)
    for part in (data / "cache", folder):
        part.mkdir(exist_ok=True, mode=0o700)
