"""A SQLite data folder on a network file system is refused at start, with the way to PostgreSQL."""

from __future__ import annotations

from pathlib import Path

import pytest

from careerkit.errors import StoreError
from careerkit.store import filesystems, open_store
from careerkit.store.filesystems import (
    ALLOW_NETWORK_FS_ENV,
    Mount,
    is_network_fs,
    mount_of,
    network_mount,
    parse_mountinfo,
)


def line(n: int, point: str, fstype: str, source: str = "server:/export") -> str:
    """One /proc/self/mountinfo line, with optional fields as the kernel writes them."""
    return f"{n} 1 0:{n} / {point} rw,relatime shared:{n} master:1 - {fstype} {source} rw,vers=4.2"


NETWORK = [
    "nfs", "nfs4", "cifs", "smb3", "smbfs", "sshfs", "fuse.sshfs", "9p", "afs", "ceph",
    "fuse.ceph-fuse", "glusterfs", "fuse.glusterfs", "lustre",
]  # fmt: skip
LOCAL = ["ext4", "xfs", "btrfs", "zfs", "tmpfs", "overlay", "fuse.portal", "fuseblk", "apfs"]


@pytest.mark.parametrize("fstype", NETWORK)
@pytest.mark.parametrize(
    ("mounted_at", "folder"),
    [
        ("/home", "/home/ann/.local/share/careerkit"),
        ("/srv/share", "/srv/share"),
        ("/mnt/a b", "/mnt/a b/careerkit"),  # written \040 in mountinfo
    ],
)
def test_network_types_are_found_at_any_depth(fstype: str, mounted_at: str, folder: str) -> None:
    """Each network type is found for the folder itself or anything under its mount point."""
    point = mounted_at.replace(" ", "\\040")
    info = "\n".join([line(1, "/", "ext4", "/dev/vda1"), line(2, point, fstype)])
    found = network_mount(Path(folder), info)
    assert found == Mount(point=mounted_at, fstype=fstype, source="server:/export")


@pytest.mark.parametrize("fstype", LOCAL)
def test_local_types_pass(fstype: str) -> None:
    """Local disks, memory and container file systems are fine for SQLite."""
    info = "\n".join([line(1, "/", "nfs4"), line(2, "/data", fstype, "/dev/sdb1")])
    assert network_mount(Path("/data/careerkit"), info) is None
    assert not is_network_fs(fstype)


@pytest.mark.parametrize(
    ("folder", "expected"),
    [
        ("/home/ann/careerkit", "nfs4"),  # under the NFS home
        ("/home/ann/scratch/careerkit", "ext4"),  # a local disk mounted inside the NFS home
        ("/home/ann/scratch", "ext4"),  # the mount point itself
        ("/home/ann/scratch2/careerkit", "nfs4"),  # a name that merely starts like a mount point
        ("/mnt/share/cache/x", "tmpfs"),  # local inside a CIFS share
        ("/mnt/share/x", "cifs"),
        ("/srv", "ext4"),  # overmounted: the later line for / wins
    ],
)
def test_the_longest_mount_point_decides(folder: str, expected: str) -> None:
    """Nested mounts: the deepest mount point holding the folder decides, not a string prefix."""
    info = "\n".join(
        [
            line(1, "/", "nfs4"),
            line(2, "/", "ext4", "/dev/vda1"),
            line(3, "/home", "nfs4"),
            line(4, "/home/ann/scratch", "ext4", "/dev/vdb1"),
            line(5, "/mnt/share", "cifs", "//files/share"),
            line(6, "/mnt/share/cache", "tmpfs", "tmpfs"),
            "garbage line without a separator",
        ]
    )
    found = mount_of(folder, parse_mountinfo(info))
    assert found is not None and found.fstype == expected


def test_no_mountinfo_means_no_check() -> None:
    """Without /proc/self/mountinfo (macOS, Windows) nothing is refused."""
    assert network_mount(Path("/anything"), "") is None
    assert parse_mountinfo("1 2 3\n") == []


def test_the_real_mountinfo_parses() -> None:
    """This machine's own mountinfo yields mounts, and / is one of them."""
    text = filesystems.read_mountinfo()
    if text is None:
        pytest.skip("no /proc/self/mountinfo on this system")
    assert "/" in {m.point for m in parse_mountinfo(text)}


@pytest.fixture
def on_nfs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """tmp_path, seen through a mountinfo that puts it on NFS."""
    info = "\n".join([line(1, "/", "ext4", "/dev/vda1"), line(2, str(tmp_path.resolve()), "nfs4")])
    monkeypatch.setattr(filesystems, "read_mountinfo", lambda: info)
    return tmp_path


def test_open_store_refuses_sqlite_on_nfs(on_nfs: Path) -> None:
    """open_store on a SQLite URL there raises StoreError naming PostgreSQL and the URL variable."""
    with pytest.raises(StoreError) as raised:
        open_store(f"sqlite:///{on_nfs / 'data' / 'careerkit.sqlite3'}")
    message = str(raised.value)
    assert "PostgreSQL" in message and "CAREERKIT_DATABASE_URL=postgresql://" in message
    assert "nfs4" in message and "CAREERKIT_DATA_DIR" in message
    assert not (on_nfs / "data").exists()  # refused before anything was created there


def test_default_data_folder_on_nfs_is_refused(
    on_nfs: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The default store (the data folder's SQLite file) is refused the same way."""
    monkeypatch.setenv("CAREERKIT_DATA_DIR", str(on_nfs / "home-data"))
    with pytest.raises(StoreError, match="network file system"):
        open_store()


def test_override_keeps_sqlite_on_nfs(on_nfs: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """With the override set to 1 the store opens there, and memory:// is never checked."""
    monkeypatch.setenv(ALLOW_NETWORK_FS_ENV, "1")
    store = open_store(f"sqlite:///{on_nfs / 'careerkit.sqlite3'}")
    assert store.count_responses() == 0
    store.close()
    monkeypatch.setenv(ALLOW_NETWORK_FS_ENV, "yes")  # only "1" counts
    with pytest.raises(StoreError):
        open_store(f"sqlite:///{on_nfs / 'careerkit.sqlite3'}")
    assert open_store("memory://").count_responses() == 0


def test_the_refusal_in_german(on_nfs: Path) -> None:
    """With German words the refusal says the same in German, keeping the variables' names."""
    from careerkit.languages import use_language

    use_language("de")
    with pytest.raises(StoreError) as raised:
        open_store(f"sqlite:///{on_nfs / 'data' / 'careerkit.sqlite3'}")
    message = str(raised.value)
    assert message.startswith(
        f"Der Datenordner {on_nfs / 'data'} liegt auf einem Netzwerkdateisystem"
    )
    assert "Verwenden Sie stattdessen PostgreSQL: Setzen Sie CAREERKIT_DATABASE_URL=" in message
    assert "behält CAREERKIT_SQLITE_ON_NETWORK_FS=1 SQLite hier" in message
