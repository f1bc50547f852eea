"""Validated survey definitions kept as JSON, so a survey kernel need not read YAML at all."""

from __future__ import annotations

import contextlib
import hashlib
import json
import logging
import os
import tempfile
from pathlib import Path

from careerkit import __version__
from careerkit.config import data_dir
from careerkit.model import Survey, survey_digest

from .trusted import Unfit, rebuild

log = logging.getLogger(__name__)
# An entry: the careerkit that validated the file, the file's sha256, the validated survey as
# `model_dump(mode="json")` gives it, and the sha256 of that survey's canonical JSON, so an entry
# damaged after it was written is never rebuilt (see trusted.py) but read from its file again.
ENTRY_KEYS = {"careerkit", "sha256", "survey", "survey_sha256"}


def cache_dir() -> Path:
    """`cache/surveys/` in the data folder."""
    return data_dir() / "cache" / "surveys"


def entry_path(path: Path, digest: str, lang: str | None = None) -> Path:
    """`<stem>-<first 16 hex digits of the file's sha256>[-<lang>].json`.

    A changed file gets a new entry, and each language its own (`lang` is a checked code).
    """
    suffix = f"-{lang}" if lang else ""
    return cache_dir() / f"{path.stem}-{digest[:16]}{suffix}.json"


def cached_survey(path: Path, raw: bytes, lang: str | None = None) -> Survey | None:
    """The survey validated from exactly these bytes in `lang` by this careerkit, or None."""
    digest = hashlib.sha256(raw).hexdigest()
    try:
        text = entry_path(path, digest, lang).read_bytes()
    except OSError:
        return None
    try:
        entry = json.loads(text)
        if not isinstance(entry, dict) or set(entry) != ENTRY_KEYS:
            raise Unfit("not a survey cache entry")
        if entry["careerkit"] != __version__ or entry["sha256"] != digest:
            return None
        if entry["survey_sha256"] != survey_digest(entry["survey"]):
            raise Unfit("the survey does not match its digest")
        return rebuild(Survey, entry["survey"])
    except (ValueError, TypeError, RecursionError) as exc:  # Unfit is a ValueError
        log.debug("careerkit: ignoring an unusable survey cache entry for %s: %s", path, exc)
        return None


def keep_survey(path: Path, raw: bytes, survey: Survey, lang: str | None = None) -> None:
    """Write the entry for `raw` in `lang` atomically, owner only; one that cannot be written is skipped."""
    digest = hashlib.sha256(raw).hexdigest()
    target = entry_path(path, digest, lang)
    dumped = survey.model_dump(mode="json")
    entry = {"careerkit": __version__, "sha256": digest, "survey": dumped}
    body = json.dumps({**entry, "survey_sha256": survey_digest(dumped)}, ensure_ascii=False)
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
