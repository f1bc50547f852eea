"""The dashboard's facilitator tools: create a workshop, and download the report and exports."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

import ipywidgets as widgets

from careerkit.config import public_url
from careerkit.languages import _
from careerkit.model import Survey
from careerkit.ui.qr import qr_png
from careerkit.ui.text import download_link, escaped, image_html, markup, para
from careerkit.workshop_links import participant_links

from ..export_csv import csv_bytes
from ..export_xlsx import xlsx_bytes
from ..report import render

if TYPE_CHECKING:
    from careerkit.store import Store

    from ..snapshot import Snapshot


class Downloads(widgets.VBox):  # type: ignore[misc]  # ipywidgets ships no type hints
    """Report (privacy rules apply) and exports (individual answers: facilitator only)."""

    def __init__(
        self, survey: Survey, store: Store, current: Callable[[], Snapshot | None]
    ) -> None:
        self.survey, self.store, self.current = survey, store, current
        self.button = widgets.Button(description=_("Prepare downloads"), icon="download")
        self.button.add_class("careerkit-prepare-downloads")
        self.links = widgets.HTML()
        self.button.on_click(lambda _b: self.prepare())
        super().__init__([para(_("Report and exports"), "heading"), self.button, self.links])

    def _versions(self) -> dict[str, int]:
        return {e.digest: e.version for e in self.store.editions(self.survey.id)}

    def prepare(self) -> None:
        snap = self.current()
        if snap is None:
            self.links.value = escaped(_("Pick a workshop first."))
            return
        chosen = list(snap.workshops)
        responses = [
            r for w in chosen for r in self.store.responses(workshop=w, survey_id=self.survey.id)
        ]
        stem = "careerkit-" + "-".join(chosen)[:60]
        self.links.value = (
            "".join(
                [
                    download_link(
                        _("Report (HTML)"),
                        f"{stem}-report.html",
                        "text/html",
                        render(self.survey, snap).encode(),
                    ),
                    download_link(
                        _("Answers (CSV)"),
                        f"{stem}.csv",
                        "text/csv",
                        csv_bytes(self.survey, responses, self._versions())[0],
                    ),
                    download_link(
                        _("Answers (Excel)"),
                        f"{stem}.xlsx",
                        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                        xlsx_bytes(self.survey, responses, self._versions())[0],
                    ),
                ]
            )
            + "<p class='careerkit-hint'>The CSV and Excel files hold individual answers: keep them to yourself.</p>"
        )


class NewWorkshop(widgets.VBox):  # type: ignore[misc]  # ipywidgets ships no type hints
    """Create a workshop: its join code, the participant links and a QR code for a slide."""

    def __init__(self, store: Store, on_created: Callable[[str], None]) -> None:
        self.store, self.on_created = store, on_created
        self.name = widgets.Text(placeholder=_("Workshop name, e.g. Spring cohort"))
        self.create = widgets.Button(description=_("Create workshop"), icon="plus")
        self.create.add_class("careerkit-create-workshop")
        self.result = widgets.HTML()
        self.qr = widgets.HTML(layout=widgets.Layout(width="220px", display="none"))
        self.create.on_click(lambda _b: self.make())
        super().__init__(
            [
                para(_("New workshop"), "heading"),
                widgets.HBox([self.name, self.create]),
                self.result,
                self.qr,
            ]
        )

    def make(self) -> str | None:
        name = self.name.value.strip()
        if not name:
            self.result.value = markup(_("Give the workshop a name first."), "error")
            return None
        workshop = self.store.create_workshop(name)
        links = participant_links(public_url(), workshop.code)
        items = "".join(
            f"<li>{escaped(k)}: <code>{escaped(v)}</code></li>" for k, v in links.items()
        )
        join = escaped(_("Join code {code}").format(code=workshop.code))
        whom = escaped(_("for {name}").format(name=workshop.name))
        self.result.value = f"<p><b>{join}</b> {whom}</p><ul>{items}</ul>"
        link = links["Interest survey"]
        alt = _("QR code of the interest survey link: {link}").format(link=link)
        self.qr.value = image_html(qr_png(link), alt)
        self.qr.layout.display = ""
        self.name.value = ""
        self.on_created(workshop.code)
        return workshop.code
