"""An organisation's ITA scores: the list by year, and a year's scores typed, pasted or uploaded."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from prongsai.core import thai
from prongsai.core.digits import num
from prongsai.core.errors import NotAllowed, ServiceError
from prongsai.core.viewutils import add_service_error, org_context
from prongsai.ita import services
from prongsai.ita.forms import PasteForm, ScoresForm, SheetForm
from prongsai.ita.models import INDICATORS, Assessment, Source
from prongsai.ita.scoring import compute
from prongsai.orgs.access import org_for


def _default_year(years: list[int]) -> int:
    """The latest ITA year whose results can be out: not after the current fiscal year."""
    current = thai.fiscal_year(timezone.localdate())
    return max((y for y in years if y <= current), default=max(years))


@login_required
def assessments(request: HttpRequest, slug: str) -> HttpResponse:
    membership = org_for(request.user, slug)
    rows = list(
        Assessment.objects.filter(organization=membership.organization).select_related("entered_by").order_by("-year")
    )
    return render(request, "ita/assessments.html", org_context(membership, assessments=rows))


def _names(year: int) -> dict[int, str]:
    catalogue = services.active_catalogue(year)
    return {int(i["number"]): i["name"] for i in catalogue.content["indicators"]}


@login_required
@require_http_methods(["GET", "POST"])
def assessment_new(request: HttpRequest, slug: str) -> HttpResponse:
    membership = org_for(request.user, slug, write=True)
    years = services.catalogue_years()
    action = request.POST.get("action", "save") if request.method == "POST" else ""
    asked = request.GET.get("year", "")
    year = int(asked) if asked.isdigit() and int(asked) in years else _default_year(years)
    names = _names(year)
    existing = Assessment.objects.filter(organization=membership.organization, year=year).first()
    initial: dict[str, Any] = {"year": year}
    if existing is not None:
        initial.update({f"indicator_{n}": v for n, v in existing.scores.items()})
    form = ScoresForm(request.POST if action == "save" else None, years=years, names=names, initial=initial)
    paste_form = PasteForm(
        request.POST if action == "paste" else None, years=years, initial={"year": year}, prefix="paste"
    )
    sheet_form = SheetForm(
        request.POST if action == "sheet" else None,
        request.FILES if action == "sheet" else None,
        years=years,
        initial={"year": year},
        prefix="sheet",
    )
    context = org_context(membership, form=form, paste_form=paste_form, sheet_form=sheet_form, existing=existing)
    list_url = reverse("ita-assessments", args=[slug])
    try:
        if action == "save" and form.is_valid():
            saved = services.record_assessment(
                membership, request.user, form.cleaned_data["year"], form.raw_scores(), form.cleaned_data["source"]
            )
            messages.success(request, _("บันทึกผลการประเมิน ITA ปี %(y)s แล้ว") % {"y": num(saved.year)})
            return redirect(list_url)
        if action == "sheet" and sheet_form.is_valid():
            upload = sheet_form.cleaned_data["file"]
            saved = services.import_score_sheet(
                membership, request.user, sheet_form.cleaned_data["year"], upload, upload.name or "file", upload.size
            )
            messages.success(request, _("นำเข้าผลการประเมิน ITA ปี %(y)s แล้ว") % {"y": num(saved.year)})
            return redirect(list_url)
        if action == "paste" and paste_form.is_valid():
            context.update(_preview(paste_form, years))
            return render(request, "ita/assessment_form.html", context)
    except NotAllowed as err:
        raise PermissionDenied(err.message) from None
    except ServiceError as err:
        add_service_error(request, {"save": form, "sheet": sheet_form}.get(action), err)
    status = 400 if request.method == "POST" else 200
    return render(request, "ita/assessment_form.html", context, status=status)


def _preview(paste_form: PasteForm, years: list[int]) -> dict[str, Any]:
    """The pasted text read into the form (not saved), with what the formula makes of it."""
    year = paste_form.cleaned_data["year"]
    catalogue = services.active_catalogue(year)
    parsed = services.parse_pasted_scores(paste_form.cleaned_data["text"], catalogue)
    if parsed.year in years and parsed.year != year:
        year = parsed.year
        catalogue = services.active_catalogue(year)
    initial: dict[str, Any] = {"year": year, "source": Source.PASTED}
    initial.update({f"indicator_{n}": str(v) for n, v in parsed.scores.items() if n in INDICATORS})
    names = {int(i["number"]): i["name"] for i in catalogue.content["indicators"]}
    return {
        "form": ScoresForm(years=years, names=names, initial=initial),
        "parsed": parsed,
        "preview": compute(catalogue, parsed.scores),
        "preview_year": year,
    }
