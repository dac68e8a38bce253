from django.urls import path

from prongsai.imports import views

urlpatterns = [
    path("o/<slug:slug>/import/", views.import_start, name="import-start"),
    path("imports/<str:record_id>/", views.import_preview, name="import-preview"),
    path("imports/<str:record_id>/confirm/", views.import_confirm, name="import-confirm"),
    path("plans/<str:plan_id>/excel/", views.plan_excel, name="import-excel"),
    path("plans/<str:plan_id>/excel/download/", views.plan_excel_download, name="import-excel-download"),
]
