"""Refuse a SQLite data folder on a network file system, where WAL mode is not safe.

SQLite's WAL mode keeps its index in shared memory (the -shm file, mapped into every process),
which only works when all processes run on one machine; network file systems also get file
locking wrong often enough to corrupt a database. PostgreSQL is the way to share data between
machines. Linux only: elsewhere (no /proc/self/mountinfo) nothing is checked.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from ..config import DATA_DIR_ENV, DATABASE_URL_ENV
from ..errors import StoreError
from ..languages import _

MOUNTINFO = Path("/proc/self/mountinfo")

#: Set to 1 to keep SQLite on a network file system anyway, when every program that opens the
#: database runs on this one machine (e.g. a home folder on NFS); it is at your own risk.
ALLOW_NETWORK_FS_ENV = "CAREERKIT_SQLITE_ON_NETWORK_FS"

NETWORK_FS_TYPES = frozenset(
    {
        "nfs", "nfs4", "cifs", "smb3", "smbfs", "sshfs", "9p", "afs", "ceph", "glusterfs",
        "lustre", "ncpfs", "coda", "davfs", "gfs2", "ocfs2", "gpfs", "beegfs", "orangefs",
    }
)  # fmt: skip
#: FUSE mounts report `fuse.<program>`; these programs reach over the network.
NETWORK_FUSE_PROGRAMS = frozenset(
    {"sshfs", "glusterfs", "ceph", "ceph-fuse", "rclone", "s3fs", "gcsfuse", "davfs2", "smbnetfs"}
)


@dataclass(frozen=True)
class Mount:
    """One line of /proc/self/mountinfo: where a file system is mounted, and its type."""

    point: str
    fstype: str
    source: str


def read_mountinfo() -> str | None:
    """The text of /proc/self/mountinfo, or None where there is none (not Linux)."""
    try:
        return MOUNTINFO.read_text(encoding="utf-8", errors="surrogateescape")
    except OSError:
        return None


def _unescape(field: str) -> str:
    # The kernel writes space, tab, newline and backslash in paths as octal escapes (\040 ...).
    out, i = [], 0
    while i < len(field):
        digits = field[i + 1 : i + 4]
        if field[i] == "\\" and len(digits) == 3 and all(c in "01234567" for c in digits):
            out.append(chr(int(digits, 8)))
            i += 4
        else:
            out.append(field[i])
            i += 1
    return "".join(out)


def parse_mountinfo(text: str) -> list[Mount]:
    """The mounts in mountinfo text; lines that do not parse are skipped."""
    mounts = []
    for line in text.splitlines():
        before, sep, after = line.partition(" - ")
        fields, tail = before.split(), after.split()
        if not sep or len(fields) < 5 or len(tail) < 2:
            continue
        mounts.append(Mount(point=_unescape(fields[4]), fstype=tail[0], source=_unescape(tail[1])))
    return mounts


def mount_of(path: str | Path, mounts: list[Mount]) -> Mount | None:
    """The mount a path lies on: the longest mount point containing it (the last one wins a tie)."""
    target = PurePosixPath(os.path.normpath(path))
    best: Mount | None = None
    for m in mounts:
        point = PurePosixPath(m.point)
        if (target == point or point in target.parents) and (
            best is None or len(point.parts) >= len(PurePosixPath(best.point).parts)
        ):
            best = m
    return best


def is_network_fs(fstype: str) -> bool:
    kind = fstype.lower()
    if kind.startswith("fuse."):
        return kind.removeprefix("fuse.") in NETWORK_FUSE_PROGRAMS
    return kind in NETWORK_FS_TYPES


def network_mount(folder: Path, mountinfo: str | None = None) -> Mount | None:
    """The network file system `folder` lies on, or None (local, or nothing to read)."""
    text = read_mountinfo() if mountinfo is None else mountinfo
    if not text:
        return None
    found = mount_of(folder.expanduser().resolve(), parse_mountinfo(text))
    return found if found is not None and is_network_fs(found.fstype) else None


def refuse_network_folder(folder: Path) -> None:
    """StoreError if the SQLite data folder is on a network file system (see the module text)."""
    if os.environ.get(ALLOW_NETWORK_FS_ENV, "").strip() == "1":
        return
    found = network_mount(folder)
    if found is None:
        return
    raise StoreError(
        _(
            "The data folder {folder} is on a network file system ({fstype} from {source}, "
            "mounted at {point}). SQLite keeps careerkit's database safe for many writers only "
            "with shared memory on one machine, which a network file system cannot give. Use "
            "PostgreSQL instead: set {url_env}=postgresql://user@host/dbname (and pip install "
            "'careerkit[postgres]'), or set {dir_env} to a folder on a local disk. If every "
            "program that opens the database runs on this machine, {allow_env}=1 keeps SQLite "
            "here at your own risk."
        ).format(
            folder=folder,
            fstype=found.fstype,
            source=found.source,
            point=found.point,
            url_env=DATABASE_URL_ENV,
            dir_env=DATA_DIR_ENV,
            allow_env=ALLOW_NETWORK_FS_ENV,
        )
    )
