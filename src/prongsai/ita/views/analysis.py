"""The analysis of a year's result: the page (chart, ranking, change, peers, notes), a note's editor
with its history, and the document in PDF, Word or Excel (rendered on demand, not a snapshot)."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from prongsai.core import digits
from prongsai.core.digits import num
from prongsai.core.viewutils import org_context, save_versioned
from prongsai.documents.renderers import get_renderer
from prongsai.ita import services
from prongsai.ita.access import assessment_for
from prongsai.ita.analysis import analyse
from prongsai.ita.documents import analysis_data
from prongsai.ita.forms import NoteForm
from prongsai.ita.models import INDICATORS, Assessment, IndicatorNote

FORMATS = ("pdf", "docx", "xlsx")


def _history(assessment: Assessment) -> dict[int, list[Any]]:
    """Each indicator's note history, newest first, in one query."""
    records = (
        IndicatorNote.history.filter(assessment_id=assessment.pk)
        .select_related("history_user")
        .order_by("indicator", "-history_date")
    )
    grouped: dict[int, list[Any]] = defaultdict(list)
    for record in records:
        grouped[record.indicator].append(record)
    return grouped


@login_required
@require_GET
def analysis(request: HttpRequest, slug: str, year: int) -> HttpResponse:
    assessment, membership = assessment_for(request.user, slug, year)
    result = analyse(assessment)
    history = _history(assessment)
    for row in result.rows:
        row.history = history.get(row.number, [])  # type: ignore[attr-defined]
        row.form = NoteForm(  # type: ignore[attr-defined]
            initial={"text": row.note_text, "version": row.note.version if row.note else 0},
            auto_id=f"note-{row.number}-%s",
        )
    context = org_context(
        membership,
        assessment=assessment,
        analysis=result,
        chart=mark_safe(result.chart_svg(thai_digits=digits.thai_digits())),  # noqa: S308  (our own SVG; every text in it is escaped)
        formats=FORMATS,
    )
    return render(request, "ita/analysis.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def note_edit(request: HttpRequest, slug: str, year: int, indicator: int) -> HttpResponse:
    assessment, membership = assessment_for(request.user, slug, year, write=True)
    if indicator not in INDICATORS:
        raise Http404
    note = IndicatorNote.objects.filter(assessment=assessment, indicator=indicator).first()
    initial = {"text": note.text if note else "", "version": note.version if note else 0}
    form = NoteForm(request.POST or None, initial=initial)
    conflict = None
    if request.method == "POST" and form.is_valid():
        saved, conflict = save_versioned(
            request,
            form,
            lambda: services.save_indicator_note(
                membership,
                request.user,
                assessment,
                indicator,
                form.cleaned_data["text"],
                expected_version=form.cleaned_data["version"] or 0,
            ),
        )
        if saved:
            messages.success(request, _("บันทึกประเด็นของตัวชี้วัดที่ %(n)s แล้ว") % {"n": num(indicator)})
            return redirect(reverse("ita-analysis", args=[slug, year]) + f"#indicator-{indicator}")
    names = {int(i["number"]): i["name"] for i in assessment.catalogue.content["indicators"]}
    context = org_context(
        membership,
        assessment=assessment,
        indicator=indicator,
        name=names.get(indicator, ""),
        score=getattr(assessment, f"indicator_{indicator}"),
        form=form,
        conflict=conflict,
        history=_history(assessment).get(indicator, []),
    )
    status = 409 if conflict else (400 if request.method == "POST" else 200)
    return render(request, "ita/note_form.html", context, status=status)


@login_required
@require_GET
def analysis_file(request: HttpRequest, slug: str, year: int, fmt: str) -> HttpResponse:
    """The analysis document in PDF, Word or Excel, through the documents renderers."""
    if fmt not in FORMATS:
        raise Http404
    assessment, _membership = assessment_for(request.user, slug, year)
    rendered = get_renderer(fmt)(analysis_data(analyse(assessment)), None)
    response = HttpResponse(rendered.content, content_type=rendered.content_type)
    response["Content-Disposition"] = f'attachment; filename="{rendered.filename}"'
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response
