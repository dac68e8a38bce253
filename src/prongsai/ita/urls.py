from django.urls import path

from prongsai.ita.views import assessments, catalogues

urlpatterns = [
    path("o/<slug:slug>/ita/", assessments.assessments, name="ita-assessments"),
    path("o/<slug:slug>/ita/new/", assessments.assessment_new, name="ita-assessment-new"),
    path("ita/catalogues/", catalogues.catalogue_list, name="ita-catalogues"),
    path("ita/catalogues/upload/", catalogues.catalogue_upload, name="ita-catalogue-upload"),
    path("ita/catalogues/<int:year>/", catalogues.catalogue_detail, name="ita-catalogue"),
    path(
        "ita/catalogues/<int:year>/v<int:version>/download/",
        catalogues.catalogue_download,
        name="ita-catalogue-download",
    ),
    path(
        "ita/catalogues/<int:year>/items/<str:code>/edit/",
        catalogues.catalogue_item_edit,
        name="ita-catalogue-item-edit",
    ),
]
