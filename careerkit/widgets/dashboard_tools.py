"""The dashboard's facilitator tools: create a workshop, and download the report and exports."""

from __future__ import annotations

import csv
import io
import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import ipywidgets as widgets

from ..exports import neutralize, response_table
from ..exports_xlsx import write_xlsx
from ..model import Survey
from ..report import render
from ..workshop_links import participant_links, qr_png
from .text import download_link, escaped, markup, para

if TYPE_CHECKING:
    from ..cockpit import Snapshot
    from ..store import Store

#: Where participants reach `careerkit serve`, for the links a new workshop prints.
PUBLIC_URL_ENV = "CAREERKIT_PUBLIC_URL"


def csv_bytes(survey: Survey, store: Store, workshops: list[str]) -> bytes:
    header, rows = response_table(
        survey, [r for w in workshops for r in store.responses(workshop=w, survey_id=survey.id)]
    )
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(header)
    writer.writerows([neutralize(cell) for cell in row] for row in rows)
    return buffer.getvalue().encode("utf-8-sig")


def xlsx_bytes(survey: Survey, store: Store, workshops: list[str]) -> bytes:
    responses = [r for w in workshops for r in store.responses(workshop=w, survey_id=survey.id)]
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "responses.xlsx"
        write_xlsx(path, survey, responses)
        return path.read_bytes()


class Downloads(widgets.VBox):  # type: ignore[misc]  # ipywidgets ships no type hints
    """Report (privacy rules apply) and exports (individual answers: facilitator only)."""

    def __init__(
        self, survey: Survey, store: Store, current: Callable[[], Snapshot | None]
    ) -> None:
        self.survey, self.store, self.current = survey, store, current
        self.button = widgets.Button(description="Prepare downloads", icon="download")
        self.button.add_class("careerkit-prepare-downloads")
        self.links = widgets.HTML()
        self.button.on_click(lambda _b: self.prepare())
        super().__init__([para("Report and exports", "heading"), self.button, self.links])

    def prepare(self) -> None:
        snap = self.current()
        if snap is None:
            self.links.value = escaped("Pick a workshop first.")
            return
        chosen = list(snap.workshops)
        stem = "careerkit-" + "-".join(chosen)[:60]
        self.links.value = (
            "".join(
                [
                    download_link(
                        "Report (HTML)",
                        f"{stem}-report.html",
                        "text/html",
                        render(self.survey, snap).encode(),
                    ),
                    download_link(
                        "Answers (CSV)",
                        f"{stem}.csv",
                        "text/csv",
                        csv_bytes(self.survey, self.store, chosen),
                    ),
                    download_link(
                        "Answers (Excel)",
                        f"{stem}.xlsx",
                        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                        xlsx_bytes(self.survey, self.store, chosen),
                    ),
                ]
            )
            + "<p class='careerkit-hint'>The CSV and Excel files hold individual answers: keep them to yourself.</p>"
        )


class NewWorkshop(widgets.VBox):  # type: ignore[misc]  # ipywidgets ships no type hints
    """Create a workshop: its join code, the participant links and a QR code for a slide."""

    def __init__(self, store: Store, on_created: Callable[[str], None]) -> None:
        self.store, self.on_created = store, on_created
        self.name = widgets.Text(placeholder="Workshop name, e.g. Spring cohort")
        self.create = widgets.Button(description="Create workshop", icon="plus")
        self.create.add_class("careerkit-create-workshop")
        self.result = widgets.HTML()
        self.qr = widgets.Image(format="png", layout=widgets.Layout(width="220px", display="none"))
        self.create.on_click(lambda _b: self.make())
        super().__init__(
            [
                para("New workshop", "heading"),
                widgets.HBox([self.name, self.create]),
                self.result,
                self.qr,
            ]
        )

    def make(self) -> str | None:
        name = self.name.value.strip()
        if not name:
            self.result.value = markup("Give the workshop a name first.", "error")
            return None
        workshop = self.store.create_workshop(name)
        links = participant_links(
            os.environ.get(PUBLIC_URL_ENV, "http://localhost:8866"), workshop.code
        )
        items = "".join(
            f"<li>{escaped(k)}: <code>{escaped(v)}</code></li>" for k, v in links.items()
        )
        self.result.value = f"<p><b>Join code {escaped(workshop.code)}</b> for {escaped(workshop.name)}</p><ul>{items}</ul>"
        self.qr.value = qr_png(links["Interest survey"])
        self.qr.layout.display = ""
        self.name.value = ""
        self.on_created(workshop.code)
        return workshop.code
