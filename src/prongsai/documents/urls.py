from django.urls import path

from prongsai.documents import row_preview, views

urlpatterns = [
    path("plans/<str:plan_id>/documents/", views.plan_documents, name="plan-documents"),
    path("plans/<str:plan_id>/signatures/", views.plan_signatures, name="plan-signatures"),
    path("documents/<str:snapshot_id>/", views.document_detail, name="document-detail"),
    path("documents/<str:snapshot_id>/download/<str:fmt>/", views.document_download, name="document-download"),
    path("documents/<str:snapshot_id>/approve/", views.document_approve, name="document-approve"),
    path("documents/<str:snapshot_id>/signed/", views.document_signed_upload, name="document-signed-upload"),
    path("signed/<str:copy_id>/download/", views.signed_download, name="signed-download"),
    path(
        "measures/<str:measure_id>/progress/<int:round_no>/preview/",
        row_preview.progress_preview,
        name="progress-preview",
    ),
]
