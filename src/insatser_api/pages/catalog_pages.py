"""`/` (search the insatser) and `/insatser/{id}` (one insats, all the bilaga says of it)."""

from __future__ import annotations

import math
from dataclasses import dataclass
from urllib.parse import quote, urlencode

from fastapi import APIRouter, Request
from fastapi.responses import Response

from insatser_api.catalog.filters import InsatsFilter, TaxonomyFilter
from insatser_api.catalog.registry import CatalogVersion
from insatser_api.catalog.responses import insats_detail
from insatser_api.catalog.schemas import DocumentationMode, Kanal
from insatser_api.catalog.taxonomy import Fas, Fokus, Typ
from insatser_api.catalog.vardkedja import successors_of
from insatser_api.pages.access import may_read_catalog
from insatser_api.pages.view import StaffView, StaffViewDep

router = APIRouter(include_in_schema=False)

PER_PAGE = 50
Q_MAX_LENGTH = 200  # as the API's `q`


@dataclass(frozen=True, slots=True)
class SearchForm:
    """The search as the person filled it in, the fields' errors, and the filter it makes."""

    values: dict[str, str]
    errors: dict[str, str]
    search: InsatsFilter
    page: int


def read_search(request: Request, version: CatalogVersion) -> SearchForm:
    params = request.query_params
    values = {name: params.get(name, "").strip() for name in _FIELDS}
    errors: dict[str, str] = {}
    sektorer = {s.kod for s in version.catalog.sektorer}
    enheter = {i.enhet for i in version.catalog.insatser}
    if len(values["q"]) > Q_MAX_LENGTH:
        errors["q"] = f"Skriv högst {Q_MAX_LENGTH} tecken."
    if values["sektor"] and values["sektor"] not in sektorer:
        errors["sektor"] = "Välj en sektor i listan."
    if values["enhet"] and values["enhet"] not in enheter:
        errors["enhet"] = "Välj en enhet i listan."
    if values["kanal"] and values["kanal"] not in {k.value for k in Kanal}:
        errors["kanal"] = "Välj en väg in i listan."
    modes = {m.value for m in DocumentationMode}
    if values["documentation_mode"] and values["documentation_mode"] not in modes:
        errors["documentation_mode"] = "Välj ett dokumentationssätt i listan."
    for name, codes, message in (
        ("typ", Typ, "Välj en typ i listan."),
        ("fokus", Fokus, "Välj ett fokus i listan."),
        ("vardkedja", Fas, "Välj en fas i listan."),
    ):
        if values[name] and values[name] not in {c.value for c in codes}:
            errors[name] = message
    page = params.get("page", "1")
    number = int(page) if page.isdigit() and 0 < int(page) <= 100_000 else 1
    if errors:
        return SearchForm(values, errors, InsatsFilter(), number)
    search = InsatsFilter(
        sektor=values["sektor"] or None,
        enhet=values["enhet"] or None,
        documentation_mode=DocumentationMode(values["documentation_mode"])
        if values["documentation_mode"]
        else None,
        kanal=Kanal(values["kanal"]) if values["kanal"] else None,
        q=values["q"] or None,
        taxonomy=TaxonomyFilter(
            typ=Typ(values["typ"]) if values["typ"] else None,
            fokus=Fokus(values["fokus"]) if values["fokus"] else None,
            vardkedja=Fas(values["vardkedja"]) if values["vardkedja"] else None,
        ),
    )
    return SearchForm(values, errors, search, number)


_FIELDS = ("q", "sektor", "enhet", "kanal", "documentation_mode", "typ", "fokus", "vardkedja")


@router.get("/", name="page_search")
async def search_page(view: StaffViewDep) -> Response:
    if not may_read_catalog(view.settings, view.principal):
        return view.redirect(sign_in_path("/"))
    version = view.version()
    form = read_search(view.request, version)
    found = [] if form.errors else [i for i in version.catalog.insatser if form.search.matches(i)]
    pages = max(1, math.ceil(len(found) / PER_PAGE))
    page = min(form.page, pages)
    shown = found[(page - 1) * PER_PAGE : page * PER_PAGE]
    catalog = version.catalog
    return view.render(
        "search.html",
        {
            "version": version,
            "values": form.values,
            "errors": form.errors,
            "found": shown,
            "total": len(found),
            "page": page,
            "pages": pages,
            "page_query": _page_query(form.values),
            "sektorer": catalog.sektorer,
            "sektor_namn": {s.kod: s.namn for s in catalog.sektorer},
            "enheter": sorted({i.enhet for i in catalog.insatser}, key=str.casefold),
            "kanaler": list(Kanal),
            "modes": list(DocumentationMode),
            "typer": list(Typ),
            "fokus": list(Fokus),
            "faser": list(Fas),
        },
        status=422 if form.errors else 200,
    )


@router.get("/insatser/{insats_id}", name="page_insats")
async def insats_page(insats_id: str, view: StaffViewDep) -> Response:
    if not may_read_catalog(view.settings, view.principal):
        return view.redirect(sign_in_path(f"/insatser/{quote(insats_id)}"))
    version = view.version()
    insats = version.insatser.get(insats_id)
    if insats is None:
        return not_found(view)
    return view.render(
        "insats.html",
        {
            "version": version,
            "insats": insats_detail(version, insats),
            "source_title": version.catalog.source.title,
            "catalog_tolkning": version.catalog.tolkning,
            "successors": successors_of(version.catalog, insats.id),
        },
    )


def sign_in_path(back_to: str) -> str:
    return "/inloggning?" + urlencode({"till": back_to})


def not_found(view: StaffView) -> Response:
    return view.render("not_found.html", status=404)


def _page_query(values: dict[str, str]) -> str:
    return urlencode({k: v for k, v in values.items() if v})
