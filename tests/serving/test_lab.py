"""What `careerkit lab` prepares before JupyterLab starts: private config, token, argv, environment."""

from __future__ import annotations

import json
import stat
import sys
from pathlib import Path
from typing import Any

import pytest

from careerkit.cli import main
from careerkit.errors import ConfigError
from careerkit.serving import lab
from careerkit.serving.lab import LabOptions, prepare_lab

ROOT = Path(__file__).resolve().parents[2]


def _token(url: str) -> str:
    return url.split("?token=", 1)[1]


def test_token_lives_in_a_private_config_file_not_on_the_command_line(tmp_path: Path) -> None:
    """The link's token is in a 0600 file in a 0700 folder that Jupyter reads, and in no argument."""
    launch = prepare_lab(LabOptions(port=9123))
    token = _token(launch.url)
    assert len(token) >= 24
    assert json.loads(launch.config_file.read_text()) == {"IdentityProvider": {"token": token}}
    assert stat.S_IMODE(launch.config_file.stat().st_mode) == 0o600
    assert stat.S_IMODE(launch.config_file.parent.stat().st_mode) == 0o700
    assert launch.config_file.parent == tmp_path / "data" / "lab-config"
    assert launch.env["JUPYTER_CONFIG_DIR"] == str(launch.config_file.parent)
    assert not any(token in a for a in launch.argv)


def test_each_start_gets_a_new_token() -> None:
    """Two starts give two tokens, and the file holds the newer one."""
    first, second = prepare_lab(LabOptions()), prepare_lab(LabOptions())
    assert _token(first.url) != _token(second.url)
    saved = json.loads(second.config_file.read_text())["IdentityProvider"]["token"]
    assert saved == _token(second.url)


def test_lab_listens_on_loopback_over_the_workbooks_folder() -> None:
    """JupyterLab opens the workbooks folder on 127.0.0.1 and the given port only, fetching nothing."""
    launch = prepare_lab(LabOptions(port=9124))
    argv = launch.argv
    assert argv[1:3] == ["-m", "jupyterlab"]
    assert f"--ServerApp.root_dir={ROOT / 'workbooks'}" in argv
    assert "--ServerApp.ip=127.0.0.1" in argv and "--ServerApp.port=9124" in argv
    assert "--ServerApp.port_retries=0" in argv and "--ServerApp.open_browser=False" in argv
    assert "--LabApp.news_url=None" in argv and "--LabApp.extension_manager=readonly" in argv
    assert launch.url.startswith("http://127.0.0.1:9124/lab?token=")


def test_kernels_get_the_environment_serve_gives_them(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The same data, survey folder and (absolute) database URL as `careerkit serve`; no tokens."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("CAREERKIT_DATABASE_URL", "sqlite:///workshop.sqlite3")
    monkeypatch.setenv("CAREERKIT_DASHBOARD_TOKEN", "d" * 24)
    monkeypatch.setenv("JUPYTER_TOKEN", "j" * 24)
    env = prepare_lab(LabOptions()).env
    assert env["CAREERKIT_DATA_DIR"] == str((tmp_path / "data").resolve())
    assert env["CAREERKIT_SURVEY_DIR"] == str((ROOT / "survey").resolve())
    assert env["CAREERKIT_DATABASE_URL"] == f"sqlite:///{tmp_path.resolve() / 'workshop.sqlite3'}"
    assert "CAREERKIT_DASHBOARD_TOKEN" not in env and "JUPYTER_TOKEN" not in env
    assert stat.S_IMODE((tmp_path / "data").stat().st_mode) == 0o700


def test_bad_port_and_missing_workbooks_are_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Port 0 and a workbooks folder that is not there each raise ConfigError saying what to do."""
    with pytest.raises(ConfigError, match="between 1 and 65535"):
        prepare_lab(LabOptions(port=0))
    monkeypatch.setenv("CAREERKIT_WORKBOOK_DIR", str(tmp_path / "nowhere"))
    with pytest.raises(ConfigError, match="CAREERKIT_WORKBOOK_DIR"):
        prepare_lab(LabOptions())


def test_cli_prints_the_link_and_hands_over_to_jupyterlab(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """`careerkit lab --port N` prints the link with its token, then execs JupyterLab with that setup."""
    seen: dict[str, Any] = {}

    def fake_execve(path: str, argv: list[str], env: dict[str, str]) -> None:
        seen.update(path=path, argv=argv, env=env)

    monkeypatch.setattr(lab.os, "execve", fake_execve)
    assert main(["lab", "--port", "9125"]) == 0
    out = capsys.readouterr().out
    link = next(line.strip() for line in out.splitlines() if "?token=" in line)
    assert link.startswith("http://127.0.0.1:9125/lab?token=")
    config = Path(seen["env"]["JUPYTER_CONFIG_DIR"]) / "jupyter_server_config.json"
    assert json.loads(config.read_text())["IdentityProvider"]["token"] == _token(link)
    assert seen["argv"][:3] == [seen["path"], "-m", "jupyterlab"]
    assert seen["path"] == sys.executable
