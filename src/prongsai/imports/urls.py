from django.urls import path

from prongsai.imports import layout_views, views

urlpatterns = [
    path("o/<slug:slug>/import/", views.import_start, name="import-start"),
    path("o/<slug:slug>/import/layouts/", layout_views.layout_list, name="import-layouts"),
    path(
        "o/<slug:slug>/import/layouts/<str:layout_id>/delete/", layout_views.layout_delete, name="import-layout-delete"
    ),
    path("imports/<str:record_id>/", views.import_preview, name="import-preview"),
    path("imports/<str:record_id>/columns/", views.import_columns, name="import-columns"),
    path("imports/<str:record_id>/confirm/", views.import_confirm, name="import-confirm"),
    path("plans/<str:plan_id>/excel/", views.plan_excel, name="import-excel"),
    path("plans/<str:plan_id>/excel/download/", views.plan_excel_download, name="import-excel-download"),
]
