"""ITA catalogues: everyone signed in reads them; only a superuser uploads a correction or edits an item."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from prongsai.core.errors import NotAllowed, ServiceError
from prongsai.core.viewutils import add_service_error
from prongsai.ita import services
from prongsai.ita.access import catalogue_for, catalogue_version_for, require_superuser
from prongsai.ita.forms import CatalogueItemForm, CatalogueUploadForm
from prongsai.ita.models import Catalogue


@login_required
@require_GET
def catalogue_list(request: HttpRequest) -> HttpResponse:
    catalogues = [services.active_catalogue(year) for year in services.catalogue_years()]
    return render(request, "ita/catalogues.html", {"catalogues": catalogues})


@login_required
@require_GET
def catalogue_detail(request: HttpRequest, year: int) -> HttpResponse:
    catalogue = catalogue_for(request.user, year)
    versions = list(Catalogue.objects.filter(year=year).select_related("uploaded_by").order_by("-version"))
    return render(request, "ita/catalogue.html", {"catalogue": catalogue, "versions": versions})


@login_required
@require_GET
def catalogue_download(request: HttpRequest, year: int, version: int) -> HttpResponse:
    catalogue = catalogue_version_for(request.user, year, version)
    response = HttpResponse(services.catalogue_text(catalogue), content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="ita-{year}-v{version}.json"'
    return response


@login_required
@require_http_methods(["GET", "POST"])
def catalogue_upload(request: HttpRequest) -> HttpResponse:
    require_superuser(request.user)
    form = CatalogueUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            catalogue = services.upload_catalogue(
                request.user,
                filename=upload.name or "",
                data=upload.read(services.MAX_CATALOGUE_BYTES + 1),  # a bigger file is refused unread
                change=form.cleaned_data["change"],
            )
        except NotAllowed as err:
            raise PermissionDenied(err.message) from None
        except ServiceError as err:
            add_service_error(request, form, err)
        else:
            messages.success(
                request, _("บันทึกเกณฑ์ปี %(y)s ฉบับที่ %(v)s แล้ว") % {"y": catalogue.year, "v": catalogue.version}
            )
            return redirect(reverse("ita-catalogue", args=[catalogue.year]))
    status = 400 if request.method == "POST" else 200
    return render(request, "ita/catalogue_upload.html", {"form": form}, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def catalogue_item_edit(request: HttpRequest, year: int, code: str) -> HttpResponse:
    catalogue = catalogue_for(request.user, year, write=True)
    item = catalogue.item(code)
    if item is None:
        raise Http404
    indicators = [(int(i["number"]), i["name"]) for i in catalogue.content["indicators"] if i["tool"] == "OIT"]
    form = CatalogueItemForm(request.POST or None, indicators=indicators, initial=CatalogueItemForm.initial_from(item))
    if request.method == "POST" and form.is_valid():
        try:
            saved = services.edit_catalogue_item(
                request.user, year, item["code"], form.changes(), change=form.cleaned_data["change"]
            )
        except NotAllowed as err:
            raise PermissionDenied(err.message) from None
        except ServiceError as err:
            add_service_error(request, form, err)
        else:
            messages.success(
                request, _("แก้ไขข้อ %(code)s แล้ว: เกณฑ์ฉบับที่ %(v)s") % {"code": item["code"], "v": saved.version}
            )
            return redirect(reverse("ita-catalogue", args=[year]))
    status = 400 if request.method == "POST" else 200
    return render(
        request, "ita/catalogue_item_form.html", {"catalogue": catalogue, "item": item, "form": form}, status=status
    )
