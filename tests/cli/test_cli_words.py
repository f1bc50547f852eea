"""What `careerkit` prints people read in their language: `--lang`, else CAREERKIT_LANG."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from careerkit.cli import main


def test_workshop_create_with_lang_de_prints_german(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """`workshop create --lang de`: German join line, survey line and QR line; links keep ids."""
    qr = tmp_path / "qr.png"
    args = ["workshop", "create", "Team Süd", "--code", "SUED1", "--lang", "de"]
    assert main([*args, "--survey", "career_interests", "--qr", str(qr)]) == 0
    out = capsys.readouterr().out
    assert "Workshop 'Team Süd': Teilnahmecode SUED1" in out
    assert "  Umfrage: career_interests" in out
    assert f"QR-Code des Umfragelinks für eine Folie: {qr}" in out
    assert "workshop=SUED1&lang=de" in out and qr.is_file()


def test_workshop_commands_follow_careerkit_lang(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """CAREERKIT_LANG=de: list, close and reopen speak German; unset, the same reads English."""
    monkeypatch.setenv("CAREERKIT_LANG", "de")
    assert main(["workshop", "list"]) == 0
    assert capsys.readouterr().out.startswith("Noch keine Workshops. Legen Sie einen mit")
    assert main(["workshop", "create", "Raum", "--code", "RAUM1"]) == 0
    capsys.readouterr()
    assert main(["workshop", "close", "RAUM1"]) == 0
    assert capsys.readouterr().out == (
        "Workshop RAUM1 ist geschlossen: Wer später kommt, sieht einen freundlichen Hinweis.\n"
    )
    assert main(["workshop", "list"]) == 0
    assert " geschlossen 20" in capsys.readouterr().out
    monkeypatch.delenv("CAREERKIT_LANG")
    assert main(["workshop", "reopen", "RAUM1"]) == 0
    assert capsys.readouterr().out == "Workshop RAUM1 is open again.\n"


def test_a_language_without_words_falls_back_to_english(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """CAREERKIT_LANG=fr (no catalog): the messages stay English rather than failing."""
    monkeypatch.setenv("CAREERKIT_LANG", "fr")
    assert main(["workshop", "list"]) == 0
    assert capsys.readouterr().out.startswith("No workshops yet.")


def test_export_refusal_and_report_threshold_in_german(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """`--lang de` on export and report: a wrong file name and a low threshold are said in German."""
    out = tmp_path / "antworten.txt"
    assert main(["export", "--workshop", "W", "--output", str(out), "--lang", "de"]) == 2
    err = capsys.readouterr().err
    assert err == (
        "careerkit: --output muss auf .csv oder .xlsx enden (angegeben: antworten.txt), "
        "oder ergänzen Sie --format csv|xlsx.\n"
    )
    report = ["report", "--workshop", "W", "--output", str(tmp_path / "b.html")]
    assert main([*report, "--threshold", "2", "--lang", "de"]) == 2
    assert (
        "Die Berichtsschwelle ist 2, sie darf aber nicht unter 3 liegen" in capsys.readouterr().err
    )
    assert main([*report, "--lang", "xx"]) == 2
    assert "careerkit's words come in en, de; give one of those." in capsys.readouterr().err


def test_demo_and_analyze_in_german(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """CAREERKIT_LANG=de: the demo's line and the analysis (headings, decimal commas) in German."""
    monkeypatch.setenv("CAREERKIT_LANG", "de")
    assert main(["demo", "--workshop", "DEMO1", "--participants", "10"]) == 0
    assert capsys.readouterr().out.startswith("10 Demo-Antworten für Workshop DEMO1 gespeichert in")
    assert main(["analyze", "--workshop", "DEMO1", "--no-guide"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Messqualität, Workshops DEMO1:")
    assert "Aufstiegswert: Alpha " in out and "Trennschärfe" in out
    import re

    assert re.search(r"Alpha -?\d,\d\d", out) and not re.search(r"Alpha -?\d\.\d\d", out)


def test_plan_command_in_german(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """An unknown plan code is refused in German."""
    monkeypatch.setenv("CAREERKIT_LANG", "de")
    args = [
        "plan",
        "export",
        "ABCDEFGHJKMNPQRS",
        "--format",
        "md",
        "--output",
        str(tmp_path / "p.md"),
    ]
    assert main(args) == 2
    assert capsys.readouterr().err == "careerkit: Zu diesem Code gibt es keinen Plan.\n"


def test_erase_says_what_it_removed_in_german(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """CAREERKIT_LANG=de: `erase --participant` counts what it removed in German; then, for the
    same code again, that nothing was found."""
    from careerkit.store import open_store

    assert main(["demo", "--workshop", "LOESCH", "--participants", "1"]) == 0
    store = open_store()
    try:
        (response,) = store.responses(workshop="LOESCH")
    finally:
        store.close()
    capsys.readouterr()
    monkeypatch.setenv("CAREERKIT_LANG", "de")
    assert main(["erase", "--participant", response.id]) == 0
    said = capsys.readouterr().out
    assert re.fullmatch(r"Entfernt: 1 Antwort mit \d+ Angaben\.\n", said), said
    assert main(["erase", "--participant", response.id]) == 1
    assert capsys.readouterr().err == "Zu diesem Code wurde nichts gefunden.\n"


def _help(argv: list[str], capsys: pytest.CaptureFixture[str]) -> str:
    """What `careerkit ARGV` prints for `--help`, its lines joined, after a clean exit."""
    with pytest.raises(SystemExit) as exit_info:
        main([*argv, "--help"])
    assert exit_info.value.code == 0
    return " ".join(capsys.readouterr().out.split())


def test_help_follows_careerkit_lang(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """CAREERKIT_LANG=de: `report --help` and `--help` read German, argparse's own words stay;
    unset, the same help reads English."""
    monkeypatch.setenv("CAREERKIT_LANG", "de")
    text = _help(["report"], capsys)
    assert "kleinste gezeigte Gruppe, in Personen (Standard: die der Workshops" in text
    assert "sonst 5; nie unter 3)" in text and "Sprache des Berichts: en, de" in text
    assert "Eine HTML-Datei ohne Skripte" in text and "smallest group" not in text
    assert text.startswith("usage: careerkit report") and "options:" in text
    text = _help([], capsys)
    assert "Arbeitshefte und Umfragen für Karrieregespräche." in text
    assert "workshop Workshops anlegen, auflisten, schließen und wieder öffnen" in text
    monkeypatch.delenv("CAREERKIT_LANG")
    text = _help(["report"], capsys)
    assert "smallest group shown, in people (default: the workshops' own" in text
    assert "else 5; never below 3)" in text and "kleinste" not in text


def test_nested_and_erase_help_in_german(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The help of a command family's command, and `erase --help`'s long text, in German."""
    monkeypatch.setenv("CAREERKIT_LANG", "de")
    text = _help(["workshop", "create"], capsys)
    assert "den Teilnahmecode selbst wählen statt eines zufälligen" in text
    assert "(Standard 5)" in text
    text = _help(["erase"], capsys)
    assert "Löscht die Daten einer Person endgültig" in text
    assert "wal_checkpoint TRUNCATE" in text and "Löschen Sie diese selbst." in text
    assert "ein Ergebniscode der Umfrage, wie angezeigt" in text


def _columns(head: str) -> dict[str, tuple[int, int]]:
    """Each heading of a listing with where it starts and ends."""
    return {m.group(): (m.start(), m.end()) for m in re.finditer(r"\S+", head)}


@pytest.mark.parametrize(
    ("lang", "headings", "closed"),
    [
        (
            "de",
            "CODE STATUS ANTWORTEN ERWARTET MIN ENTWÜRFE PLÄNE BRAINST. UMFRAGE NAME",
            "geschlossen 20",
        ),
        ("en", "CODE STATE RESP EXPECT MIN DRAFTS PLANS BRAIN SURVEY NAME", "closed 20"),
    ],
)
def test_workshop_list_headings_in_the_readers_language_stay_aligned(
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    lang: str,
    headings: str,
    closed: str,
) -> None:
    """`workshop list`: its headings in CAREERKIT_LANG's language; each text value starts under
    its heading, each number ends under it, however long the words are."""
    args = ["--qr", "/dev/null"]
    assert main(["workshop", "create", "Team A", "--code", "TA", "--expect", "12", *args]) == 0
    assert main(["workshop", "create", "Team B", "--code", "TB", "--threshold", "6", *args]) == 0
    assert main(["workshop", "close", "TB"]) == 0
    capsys.readouterr()
    monkeypatch.setenv("CAREERKIT_LANG", lang)
    assert main(["workshop", "list"]) == 0
    head, *rows = capsys.readouterr().out.splitlines()
    assert head.split() == headings.split()
    code, state, resp, expect, least, drafts, plans, brain, survey, name = _columns(head).values()
    by_code = {row.split()[0]: row for row in rows}
    assert set(by_code) == {"TA", "TB"}
    for row, said, texts, numbers in (
        (by_code["TA"], "offen" if lang == "de" else "open", ["Team A"], {expect: "12"}),
        (by_code["TB"], closed, ["Team B"], {least: "6"}),
    ):
        for (start, _end), text in zip(
            (code, state, survey, name),
            [row.split()[0], said, "career_interests", *texts],
            strict=True,
        ):
            assert row[start : start + len(text)] == text, (row, text)
        for (_start, end), number in {
            resp: "0",
            drafts: "0",
            plans: "0",
            brain: "0",
            **numbers,
        }.items():
            assert row[end - len(number) : end] == number and row[end - len(number) - 1] == " "


def test_trainers_lines_in_german(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """CAREERKIT_LANG=de: `validate`'s ok line, `check`'s lines for what it cannot check and
    `survey editions|diff` on a survey nobody answered yet say it in German."""
    monkeypatch.setenv("CAREERKIT_LANG", "de")
    survey = Path(__file__).resolve().parents[2] / "survey" / "career_interests.yaml"
    assert main(["validate", str(survey)]) == 0
    assert capsys.readouterr().out == (
        f"{survey}: ok (career_interests: 16 Fragen auf 3 Seiten, mit Auswertung)\n"
    )
    empty = tmp_path / "leer"
    empty.mkdir()
    assert main(["check", str(tmp_path / "weg.ipynb"), str(empty)]) == 1
    captured = capsys.readouterr()
    assert f"{tmp_path / 'weg.ipynb'}: Datei nicht gefunden; prüfen Sie den Pfad." in captured.out
    assert f"{empty}: keine Arbeitshefte (.ipynb) in diesem Ordner." in captured.out
    assert "Datei(en) haben Probleme; beheben Sie sie und führen Sie `careerkit check`" in (
        captured.err
    )
    assert main(["survey", "editions", "career_interests"]) == 0
    assert capsys.readouterr().out.startswith("career_interests: noch keine Fassungen gespeichert")
    assert main(["survey", "diff", "career_interests"]) == 0
    assert "Die Datei ist die einzige verwendete Fassung (0 Antworten)." in capsys.readouterr().out
