from django.urls import path

from prongsai.ita.views import analysis, assessments, catalogues, planning

urlpatterns = [
    path("o/<slug:slug>/ita/", assessments.assessments, name="ita-assessments"),
    path("o/<slug:slug>/ita/new/", assessments.assessment_new, name="ita-assessment-new"),
    path("o/<slug:slug>/ita/<int:year>/analysis/", analysis.analysis, name="ita-analysis"),
    path("o/<slug:slug>/ita/<int:year>/analysis/<str:fmt>/", analysis.analysis_file, name="ita-analysis-file"),
    path("o/<slug:slug>/ita/<int:year>/notes/<int:indicator>/", analysis.note_edit, name="ita-note"),
    path("o/<slug:slug>/ita/<int:year>/checklist/", planning.oit_checklist, name="ita-checklist"),
    path("plans/<str:plan_id>/ita/suggestions/", planning.suggestion_list, name="ita-suggestions"),
    path("plans/<str:plan_id>/ita/suggestions/adopt/", planning.suggestion_adopt, name="ita-suggestion-adopt"),
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
