"""Home (where a signed-in person starts) and the error pages."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from prongsai.orgs.access import user_organizations
from prongsai.orgs.models import Oversight


def home(request: HttpRequest) -> HttpResponse:
    if not request.user.is_authenticated:
        return redirect("login")
    orgs = user_organizations(request.user)
    if not orgs and Oversight.objects.active().filter(user=request.user).exists():
        return redirect("oversight-dashboard")  # an overseer with no organisation of their own
    if len(orgs) == 1:
        return redirect("org-home", orgs[0].slug)
    return render(request, "core/home.html", {"orgs": orgs})


def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "400.html", status=400)


def permission_denied(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    message = str(exception) if exception and str(exception) else ""
    return render(request, "403.html", {"message": message}, status=403)


def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "404.html", status=404)


def server_error(request: HttpRequest) -> HttpResponse:
    return render(request, "500.html", status=500)
