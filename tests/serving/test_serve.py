"""What `careerkit serve` and `careerkit dashboard` prepare before Voilà starts."""

from __future__ import annotations

import json
import stat
from pathlib import Path

import pytest

from careerkit.config import absolute_sqlite_url, database_url
from careerkit.errors import ConfigError
from careerkit.serving.serve import (
    _kernel_env,
    dashboard_token,
    hub_service_options,
    participant_links,
)
from careerkit.serving.staging import (
    HUB_AUTH_ARGS,
    ServeOptions,
    normalize_base_url,
    stage_apps,
    stage_config,
    trust_apps,
    voila_argv,
)
from careerkit.workshop_links import participant_links as workshop_links

ROOT = Path(__file__).resolve().parents[2]


def test_only_participant_workbooks_are_staged(tmp_path: Path) -> None:
    """The participants' folder gets the top-level workbooks, never the facilitator's dashboard."""
    names = stage_apps(tmp_path / "apps", ROOT / "workbooks")
    assert "interest_survey.ipynb" in names and "development_plan.ipynb" in names
    staged = {p.name for p in (tmp_path / "apps").rglob("*")}
    assert "dashboard.ipynb" not in staged and "facilitator" not in staged


def test_dashboard_token_is_kept_private_and_reused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A generated token is long, stored 0600 in the data folder and the same on the next start."""
    monkeypatch.delenv("CAREERKIT_DASHBOARD_TOKEN", raising=False)
    first = dashboard_token(tmp_path)
    assert len(first) >= 24 and dashboard_token(tmp_path) == first
    assert stat.S_IMODE((tmp_path / "dashboard-token").stat().st_mode) == 0o600
    monkeypatch.setenv("CAREERKIT_DASHBOARD_TOKEN", "short")
    with pytest.raises(ConfigError, match="at least 16"):
        dashboard_token(tmp_path)


def test_token_lives_in_the_config_file_not_on_the_command_line(tmp_path: Path) -> None:
    """The token is written to a private voila.json and never appears in Voilà's arguments."""
    config = stage_config(tmp_path / "cfg", token="t" * 32)
    assert json.loads(config.read_text())["Voila"]["token"] == "t" * 32
    assert stat.S_IMODE(config.stat().st_mode) == 0o600
    argv = voila_argv(tmp_path / "apps", ServeOptions(), config_dir=tmp_path / "cfg")
    assert not any("t" * 32 in a for a in argv)
    assert "--strip_sources=True" in argv and "--show_tracebacks=False" in argv


def test_voila_runs_with_the_kernel_cap_and_careerkit_culler(tmp_path: Path) -> None:
    """Voilà runs as careerkit's app with the capped kernel manager; jupyter_server's idle culler
    stays off (careerkit's culls by page), and pages still wait for their output."""
    argv = voila_argv(
        tmp_path / "apps", ServeOptions(), config_dir=tmp_path / "cfg", max_kernels=30
    )
    assert argv[1:3] == ["-m", "careerkit.serving.voila_app"]
    assert (
        "--VoilaConfiguration.multi_kernel_manager_class="
        "careerkit.serving.voila_app.CappedKernelManager"
    ) in argv
    assert "--CappedKernelManager.max_kernels=30" in argv
    assert not any("cull" in a for a in argv)
    assert "--pool_size=2" in argv and "--VoilaExecutor.iopub_timeout=300" in argv


def test_max_kernels_given_or_from_free_memory(monkeypatch: pytest.MonkeyPatch) -> None:
    """--max-kernels wins and must be positive; without it the cap follows the memory free now."""
    from careerkit.serving import serve as serve_module
    from careerkit.serving.serve import kernel_cap

    assert kernel_cap(ServeOptions(max_kernels=12)).kernels == 12
    with pytest.raises(ConfigError, match="at least 1"):
        kernel_cap(ServeOptions(max_kernels=0))
    monkeypatch.setattr(serve_module, "available_memory", lambda: 4096 * 1024 * 1024)
    cap = kernel_cap(ServeOptions())
    assert cap.kernels == (int(4096 * 0.8) - 100) // 60
    assert "4096 MiB available" in cap.describe() and "--max-kernels" in cap.describe()


def test_serve_prepares_surveys_and_tables_before_voila(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """prepare_data caches every survey and creates the tables; a broken survey stops it, placed."""
    from careerkit.definitions.cache import cache_dir
    from careerkit.errors import DefinitionError
    from careerkit.serving.serve import prepare_data
    from careerkit.store import open_store

    shipped = sorted(p.stem for p in (ROOT / "survey").glob("*.yaml"))
    assert len(shipped) >= 2
    assert sorted(prepare_data()) == shipped
    cached = sorted(p.name.split("-")[0] for p in cache_dir().glob("*.json"))
    # career_interests in its default language, and in en and de by name; the others once
    assert cached == sorted(
        ["career_interests"] * 3 + [n for n in shipped if n != "career_interests"]
    )
    store = open_store(light=True)
    assert type(store).__name__ == "LiteStore"  # the tables are ready for the light store
    store.close()
    folder = tmp_path / "surveys"
    folder.mkdir()
    bad = ROOT / "tests" / "data" / "bad_surveys" / "10_misspelled_kind.yaml"
    (folder / "broken.yaml").write_bytes(bad.read_bytes())
    monkeypatch.setenv("CAREERKIT_SURVEY_DIR", str(folder))
    with pytest.raises(
        DefinitionError, match=r"broken\.yaml:8:15: pages\[0\]\.questions\[0\]\.kind"
    ):
        prepare_data()


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("sqlite:///data.db", "sqlite:///{base}/data.db"),
        ("sqlite:///sub/../w.sqlite3?timeout=20", "sqlite:///{base}/w.sqlite3?timeout=20"),
        ("sqlite+pysqlite:///d.db", "sqlite+pysqlite:///{base}/d.db"),
        ("sqlite:///~/d.db", "sqlite:///{home}/d.db"),
        ("sqlite:////srv/careerkit/d.db", "sqlite:////srv/careerkit/d.db"),
        ("sqlite:///:memory:", "sqlite:///:memory:"),
        ("sqlite://", "sqlite://"),
        ("postgresql://u@127.0.0.1/test", "postgresql://u@127.0.0.1/test"),
    ],
)
def test_relative_sqlite_urls_are_made_absolute(
    given: str, expected: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A relative SQLite file names one file for every process, whatever folder each runs in."""
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert absolute_sqlite_url(given, tmp_path) == expected.format(
        base=tmp_path.resolve(), home=(tmp_path / "home").resolve()
    )


def test_kernels_get_the_database_url_made_absolute(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`careerkit serve` starts kernels in its apps folder: a relative SQLite URL given to the
    server reaches them as the absolute file the facilitator meant, and the CLI opens the same."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("CAREERKIT_DATABASE_URL", "sqlite:///workshop.sqlite3")
    env = _kernel_env(tmp_path / "data")
    assert env["CAREERKIT_DATABASE_URL"] == f"sqlite:///{tmp_path.resolve()}/workshop.sqlite3"
    assert database_url() == env["CAREERKIT_DATABASE_URL"]
    monkeypatch.delenv("CAREERKIT_DATABASE_URL")
    assert "CAREERKIT_DATABASE_URL" not in _kernel_env(tmp_path / "data")


def test_staged_workbooks_are_signed_for_the_notary_voila_uses(tmp_path: Path) -> None:
    """Voilà's config points its notary at the private config folder, where every staged workbook
    is signed: no "not trusted" warning per page load. A changed notebook is not trusted."""
    import nbformat
    from nbformat.sign import NotebookNotary

    apps, config_dir = tmp_path / "apps", tmp_path / "voila-config"
    names = stage_apps(apps)
    config = json.loads(stage_config(config_dir).read_text(encoding="utf-8"))
    trust_apps(apps, config_dir)
    notary = NotebookNotary(**config["NotebookNotary"])
    assert Path(config["NotebookNotary"]["db_file"]).parent == config_dir
    for name in names:
        notebook = nbformat.read(apps / name, as_version=4)
        assert notary.check_signature(notebook), name
    notebook.cells[-1].source += "\nprint('changed')"
    assert not notary.check_signature(notebook)
    assert stat.S_IMODE((config_dir / "notebook_secret").stat().st_mode) == 0o600


def test_serve_prints_the_cap_and_the_dashboard_holds_six(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """`careerkit serve` prints its cap and gives it to Voilà; the dashboard's cap is 6."""
    from careerkit.serving import serve as serve_module

    started: list[list[str]] = []
    monkeypatch.setattr(serve_module.os, "execve", lambda _exe, argv, _env: started.append(argv))
    monkeypatch.setattr(serve_module, "available_memory", lambda: 2048 * 1024 * 1024)
    serve_module.serve(ServeOptions(port=8999))
    out = capsys.readouterr().out
    assert "careerkit: at most 25 kernels (2048 MiB available;" in out
    assert "--CappedKernelManager.max_kernels=25" in started[0]
    serve_module.serve(ServeOptions(port=8999, max_kernels=7))
    out = capsys.readouterr().out
    assert "careerkit: at most 7 kernels (--max-kernels)" in out
    assert "preheated" not in out
    serve_module.serve(ServeOptions(port=8999, max_kernels=4))
    assert "6 kernels would be preheated (--pool-size 2 for 3 apps)" in capsys.readouterr().out
    assert "--CappedKernelManager.max_kernels=7" in started[1]
    monkeypatch.setenv("CAREERKIT_DASHBOARD_TOKEN", "d" * 24)
    serve_module.serve_dashboard(ServeOptions(port=8998))
    assert "--CappedKernelManager.max_kernels=6" in started[3]
    assert "--preheat_kernel=False" in started[3]


@pytest.mark.parametrize(
    ("given", "expected"),
    [("/", "/"), ("", "/"), ("careerkit", "/careerkit/"), ("/a//b", "/a/b/"), ("/x/", "/x/")],
)
def test_base_url_becomes_a_path_with_slashes_at_both_ends(given: str, expected: str) -> None:
    """`--base-url` is made into the form Voilà needs, whatever slashes were typed."""
    assert normalize_base_url(given) == expected


@pytest.mark.parametrize(
    ("given", "why"),
    [
        ("https://org.example/careerkit/", "must be a path"),
        ("/careerkit/?a=1", "must be a path"),
        ("/a/../b/", r"may not contain \. or \.\."),
    ],
)
def test_base_url_that_is_not_a_plain_path_is_refused(given: str, why: str) -> None:
    """A host, a query or `..` in `--base-url` stops the start with what to give instead."""
    with pytest.raises(ConfigError, match=why):
        normalize_base_url(given)


def test_voila_and_the_printed_links_take_the_prefix(tmp_path: Path) -> None:
    """`--base-url` reaches Voilà, and the links printed to share are under it."""
    opts = ServeOptions(port=9000, base_url="careerkit", workshop="W1")
    argv = voila_argv(tmp_path / "apps", opts, config_dir=tmp_path / "cfg")
    assert "--Voila.base_url=/careerkit/" in argv
    assert participant_links(opts, ["interest_survey.ipynb"]) == [
        "http://localhost:9000/careerkit/voila/render/interest_survey.ipynb?workshop=W1"
    ]
    assert "--Voila.base_url=/" in voila_argv(tmp_path / "apps", ServeOptions())


def test_workshop_links_keep_a_prefix_in_the_public_url() -> None:
    """A workshop's links (and so its QR code) keep the path of the URL they are built on."""
    links = workshop_links("https://org.example/careerkit/", "W 1")
    assert links["Interest survey"] == (
        "https://org.example/careerkit/voila/render/interest_survey.ipynb?workshop=W%201"
    )


def test_hub_gives_a_service_its_address_and_prefix(monkeypatch: pytest.MonkeyPatch) -> None:
    """`--hub` takes host, port and prefix from the variables JupyterHub sets for a service."""
    monkeypatch.setenv("JUPYTERHUB_SERVICE_URL", "http://127.0.0.1:8877")
    monkeypatch.setenv("JUPYTERHUB_SERVICE_PREFIX", "/services/careerkit/")
    monkeypatch.setenv("JUPYTERHUB_PUBLIC_URL", "https://hub.example.org/")
    opts = hub_service_options(ServeOptions())
    assert (opts.host, opts.port, opts.base_url, opts.hub) == (
        "127.0.0.1",
        8877,
        "/services/careerkit/",
        True,
    )
    assert participant_links(opts, ["interest_survey.ipynb"]) == [
        "https://hub.example.org/services/careerkit/voila/render/interest_survey.ipynb"
    ]
    monkeypatch.delenv("JUPYTERHUB_SERVICE_URL")
    with pytest.raises(ConfigError, match="Start this command as a JupyterHub service"):
        hub_service_options(ServeOptions())


def test_a_hub_dashboard_logs_in_through_the_hub_and_kernels_never_see_its_token(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The dashboard's Voilà gets the hub's login classes and its API token in the private
    config file; the participant server gets neither, and no kernel gets the token."""
    hub = ServeOptions(hub=True, base_url="/services/careerkit-dashboard/")
    argv = voila_argv(tmp_path / "apps", hub, config_dir=tmp_path / "cfg", preheat=False)
    assert set(HUB_AUTH_ARGS) <= set(argv)
    assert not set(HUB_AUTH_ARGS) & set(voila_argv(tmp_path / "apps", hub, tmp_path / "cfg"))
    config = stage_config(tmp_path / "cfg", hub_token="h" * 40)
    assert json.loads(config.read_text())["HubOAuth"] == {"api_token": "h" * 40}
    monkeypatch.setenv("JUPYTERHUB_API_TOKEN", "h" * 40)
    monkeypatch.setenv("JPY_API_TOKEN", "h" * 40)
    env = _kernel_env(tmp_path / "data")
    assert "h" * 40 not in env.values()


def test_serve_expect_prints_the_memory_it_holds_and_tells_voila(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """`serve --expect 20` prints the kernels and memory it preheats and hands the count to Voilà."""
    from careerkit.serving import serve as serve_module

    started: list[list[str]] = []
    monkeypatch.setattr(serve_module.os, "execve", lambda _exe, argv, _env: started.append(argv))
    serve_module.serve(ServeOptions(port=8999, max_kernels=30, expect=20))
    out = capsys.readouterr().out
    assert (
        "--expect 20: 20 kernels preheated for interest_survey.ipynb, 4 for the other apps, 24 in all, about 1440 MiB"
        in out
    )
    assert "--CappedKernelManager.expect=20" in started[0]
    serve_module.serve(ServeOptions(port=8999, max_kernels=10, expect=20))
    assert "the kernel cap leaves room for 6" in capsys.readouterr().out
    assert "--CappedKernelManager.expect=6" in started[1]
    serve_module.serve(ServeOptions(port=8999, max_kernels=30))
    assert not any(a.startswith("--CappedKernelManager.expect") for a in started[2])
