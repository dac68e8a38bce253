"""The progress form's live preview: the measure's report row as the next document would print it.

HTMX posts the form's current values here (measures/progress_form.html); the answer is the row printed by
`content.layout`, the code every document uses, or the form's errors. Nothing is written.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_POST

from prongsai.documents.snapshots import preview_row
from prongsai.measures.access import measure_for
from prongsai.measures.forms import ProgressForm
from prongsai.measures.models import Progress, Round
from prongsai.measures.services.measures import clean_items


@login_required
@require_POST
def progress_preview(request: HttpRequest, measure_id: str, round_no: int) -> HttpResponse:
    measure, _membership = measure_for(request.user, measure_id, write=True)
    if round_no not in Round.values:
        raise Http404
    form = ProgressForm(request.POST, problems_column=measure.plan.organization.problems_column)
    context: dict[str, object] = {"form": form}
    if form.is_valid():
        d = form.to_data()
        progress = Progress(
            measure=measure,
            round=round_no,
            results=clean_items(d.results),
            status=d.status,
            status_text=d.status_text.strip(),
            outcome=d.outcome.strip(),
            suggestions=d.suggestions.strip(),
            problems=d.problems.strip(),
            version=1,  # as saved: the status phrase prints
        )
        context["doc"], context["removed"] = preview_row(measure, progress)
    return render(request, "documents/_row_preview.html", context)
