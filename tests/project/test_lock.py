"""The lock (constraints.txt) pins every dependency pyproject.toml names, inside its range."""

from __future__ import annotations

import tomllib
from collections.abc import Callable, Mapping
from importlib import metadata
from pathlib import Path
from typing import Any

import pytest
from packaging.requirements import InvalidRequirement, Requirement
from packaging.utils import NormalizedName, canonicalize_name
from packaging.version import Version

ROOT = Path(__file__).resolve().parents[2]
LOCK = ROOT / "constraints.txt"

#: The platform the lock is compiled for (scripts/lock.sh): Python 3.11 on Linux.
LOCK_ENV = {
    "python_version": "3.11",
    "python_full_version": "3.11.0",
    "sys_platform": "linux",
    "platform_system": "Linux",
    "os_name": "posix",
    "platform_machine": "x86_64",
    "implementation_name": "cpython",
    "platform_python_implementation": "CPython",
}

#: Given a distribution's name, its Requires-Dist lines, or None when it is not installed.
RequiresOf = Callable[[str], list[str] | None]


def installed_requires(name: str) -> list[str] | None:
    try:
        return metadata.requires(name) or []
    except metadata.PackageNotFoundError:
        return None


def read_lock(text: str) -> tuple[dict[NormalizedName, Version], list[str]]:
    """The lock's pins by normalised name, and the lines that are not a plain `name==version`."""
    pins: dict[NormalizedName, Version] = {}
    problems: list[str] = []
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        try:
            req = Requirement(line)
        except InvalidRequirement:
            problems.append(f"lock line {number}: not a requirement: {line!r}")
            continue
        specs = list(req.specifier)
        if req.extras or req.url or req.marker or len(specs) != 1 or specs[0].operator != "==":
            problems.append(f"lock line {number}: not a plain name==version pin: {line!r}")
            continue
        name = canonicalize_name(req.name)
        if name in pins:
            problems.append(f"lock line {number}: {name} is pinned twice")
        pins[name] = Version(specs[0].version)
    return pins, problems


def _applies(req: Requirement, extra: str = "") -> bool:
    return req.marker is None or req.marker.evaluate({**LOCK_ENV, "extra": extra})


def _extra_requirements(req: Requirement, requires_of: RequiresOf) -> list[Requirement]:
    """What `name[extra]` adds to `name`, read from the installed distribution's metadata."""
    lines = requires_of(req.name)
    if not req.extras or lines is None:
        return []
    added = []
    for line in lines:
        dep = Requirement(line)
        if dep.marker is None or _applies(dep):  # a plain dependency, not one of an extra
            continue
        if any(_applies(dep, extra) for extra in req.extras):
            added.append(dep)
    return added


def lock_problems(
    project: Mapping[str, Any], lock_text: str, requires_of: RequiresOf = installed_requires
) -> list[str]:
    """Each way the lock fails pyproject.toml's [project]: a name it lacks, a pin out of range."""
    pins, problems = read_lock(lock_text)
    own_name = canonicalize_name(project["name"])
    extras: dict[str, list[str]] = project.get("optional-dependencies", {})
    own_extras = {canonicalize_name(extra) for extra in extras}
    named = [("dependencies", line) for line in project.get("dependencies", [])]
    named += [(f"[{extra}]", line) for extra, lines in extras.items() for line in lines]

    def check(where: str, req: Requirement) -> None:
        name = canonicalize_name(req.name)
        wanted = f"{req.name}{req.specifier}"
        if name not in pins:
            problems.append(f"{where}: {wanted} is not in the lock")
        elif not req.specifier.contains(pins[name], prereleases=True):
            problems.append(f"{where}: the lock pins {name}=={pins[name]}, outside {wanted}")

    for where, line in named:
        req = Requirement(line)
        if not _applies(req):
            continue
        # A self-reference such as careerkit[postgres]: that extra is checked on its own.
        if canonicalize_name(req.name) == own_name:
            for extra in sorted({canonicalize_name(e) for e in req.extras} - own_extras):
                problems.append(f"{where}: {req} names no extra {extra!r} of {own_name}")
            continue
        check(where, req)
        for dep in _extra_requirements(req, requires_of):
            check(f"{where}, {req.name}[{','.join(sorted(req.extras))}]", dep)
    return problems


def _project() -> dict[str, Any]:
    return tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]


def test_the_lock_pins_every_dependency_inside_its_range() -> None:
    """pyproject.toml's runtime and extra dependencies are all pinned in the lock, each in range."""
    text = LOCK.read_text()
    assert lock_problems(_project(), text) == []
    pins, _ = read_lock(text)
    # The lock holds the whole installed set, far more than pyproject.toml names.
    assert len(pins) > 100
    # Extras' own dependencies and the packages careerkit relies on through Voilà are pinned too.
    for name in ("pillow", "psycopg-binary", "jupyter-server", "jinja2", "tornado", "nbconvert"):
        assert name in pins, name


def test_the_extras_metadata_is_read_where_careerkit_is_installed() -> None:
    """qrcode[pil] and psycopg[binary] add pillow and psycopg-binary, found in installed metadata."""
    if installed_requires("qrcode") is None or installed_requires("psycopg") is None:
        pytest.skip("qrcode or psycopg is not installed here")
    names = {
        canonicalize_name(dep.name)
        for line in ("qrcode[pil]", "psycopg[binary]")
        for dep in _extra_requirements(Requirement(line), installed_requires)
    }
    assert {"pillow", "psycopg-binary"} <= names


TINY_PROJECT = {
    "name": "tiny",
    "dependencies": ["Alpha>=1.2,<2", "qrcode[pil]>=7", "windows-only>=1; sys_platform == 'win32'"],
    "optional-dependencies": {"db": ["psycopg>=3.1"], "test": ["tiny[db]", "ruamel.yaml>=0.18"]},
}
TINY_METADATA = {
    "qrcode": ["pillow>=9.1; extra == 'pil'", "colorama; platform_system == 'Windows'"]
}
TINY_LOCK = """\
# a comment
alpha==1.4.0              # via tiny
pillow==11.0.0            # via qrcode
psycopg==3.2.1
qrcode==8.0
ruamel-yaml==0.18.6
"""


def _tiny(lock: str = TINY_LOCK, **changes: Any) -> list[str]:
    return lock_problems({**TINY_PROJECT, **changes}, lock, TINY_METADATA.get)


def test_a_lock_that_fits_passes() -> None:
    """Extras, a self-reference, a marker for another platform and spelling variants all fit."""
    assert _tiny() == []


@pytest.mark.parametrize(
    ("lock", "changes", "expected"),
    [
        pytest.param(
            TINY_LOCK.replace("psycopg==3.2.1\n", ""),
            {},
            ["[db]: psycopg>=3.1 is not in the lock"],
            id="extra's dependency not locked",
        ),
        pytest.param(
            TINY_LOCK.replace("alpha==1.4.0", "alpha==2.0.0"),
            {},
            ["dependencies: the lock pins alpha==2.0.0, outside Alpha<2,>=1.2"],
            id="pin above the ceiling",
        ),
        pytest.param(
            TINY_LOCK,
            {"dependencies": ["Alpha>=1.5"]},
            ["dependencies: the lock pins alpha==1.4.0, outside Alpha>=1.5"],
            id="floor raised past the pin",
        ),
        pytest.param(
            TINY_LOCK.replace("pillow==11.0.0", "pillow==9.0"),
            {},
            ["dependencies, qrcode[pil]: the lock pins pillow==9.0, outside pillow>=9.1"],
            id="pin outside what qrcode[pil] needs",
        ),
        pytest.param(
            TINY_LOCK.replace("pillow==11.0.0            # via qrcode\n", ""),
            {},
            ["dependencies, qrcode[pil]: pillow>=9.1 is not in the lock"],
            id="what qrcode[pil] adds not locked",
        ),
        pytest.param(
            TINY_LOCK,
            {"optional-dependencies": {"test": ["tiny[nope]"]}},
            ["[test]: tiny[nope] names no extra 'nope' of tiny"],
            id="self-reference to a missing extra",
        ),
        pytest.param(
            TINY_LOCK + "Beta>=1\n",
            {},
            ["lock line 7: not a plain name==version pin: 'Beta>=1'"],
            id="range in the lock",
        ),
        pytest.param(
            TINY_LOCK + "qrcode[pil]==8.0\n",
            {},
            ["lock line 7: not a plain name==version pin: 'qrcode[pil]==8.0'"],
            id="extras in the lock",
        ),
        pytest.param(
            TINY_LOCK + "Alpha==1.4.0\n",
            {},
            ["lock line 7: alpha is pinned twice"],
            id="pinned twice",
        ),
    ],
)
def test_each_kind_of_mismatch_is_found(
    lock: str, changes: dict[str, Any], expected: list[str]
) -> None:
    """A missing name, a pin out of range (here or in an extra's dependency), a bad lock line."""
    assert _tiny(lock, **changes) == expected


def test_a_changed_copy_of_pyproject_fails_against_the_real_lock() -> None:
    """A new dependency, or a floor raised past the pin, makes the real lock fail until refreshed."""
    text = LOCK.read_text()
    pins, _ = read_lock(text)
    project = _project()

    added = {**project, "dependencies": [*project["dependencies"], "no-such-package>=1"]}
    assert lock_problems(added, text) == ["dependencies: no-such-package>=1 is not in the lock"]

    voila = pins[canonicalize_name("voila")]
    raised = [
        f"voila>{voila}" if Requirement(line).name == "voila" else line
        for line in project["dependencies"]
    ]
    assert lock_problems({**project, "dependencies": raised}, text) == [
        f"dependencies: the lock pins voila=={voila}, outside voila>{voila}"
    ]

    test_extra = [*project["optional-dependencies"]["test"], "pytest<1"]
    extras = {**project["optional-dependencies"], "test": test_extra}
    problems = lock_problems({**project, "optional-dependencies": extras}, text)
    assert problems == [f"[test]: the lock pins pytest=={pins['pytest']}, outside pytest<1"]


#: (package, the last release with a published advisory that careerkit's floor must exclude)
ADVISORY_FIXED_AFTER = [
    ("voila", "0.5.5"),  # GHSA-2q59-h24c-w6fg, fixed in 0.5.6
    ("jupyter_server", "2.20.0"),  # GHSA-c3mw-737p-c7g2, fixed in 2.21.0
    ("Jinja2", "3.1.5"),  # GHSA-cpwx-vrp4-4pq7, fixed in 3.1.6
]


@pytest.mark.parametrize(("name", "vulnerable"), ADVISORY_FIXED_AFTER)
def test_security_floors_exclude_versions_with_advisories(name: str, vulnerable: str) -> None:
    """pyproject.toml names Voilà, jupyter_server and Jinja2 with floors past their advisories."""
    found = [
        Requirement(line)
        for line in _project()["dependencies"]
        if canonicalize_name(Requirement(line).name) == canonicalize_name(name)
    ]
    assert len(found) == 1, f"{name} is not a direct dependency"
    assert not found[0].specifier.contains(vulnerable, prereleases=True)


def test_setup_installs_with_the_lock() -> None:
    """scripts/setup.sh (start.sh, test.sh, CI) installs with the lock that lock.sh writes."""
    setup = (ROOT / "scripts" / "setup.sh").read_text()
    assert '-c "$CAREERKIT_ROOT/constraints.txt"' in setup
    assert 'LOCK="$CAREERKIT_ROOT/constraints.txt"' in (ROOT / "scripts" / "lock.sh").read_text()
