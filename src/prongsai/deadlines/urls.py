from django.urls import path

from prongsai.deadlines import views

urlpatterns = [
    path("o/<slug:slug>/deadlines/", views.deadlines, name="org-deadlines"),
    path("o/<slug:slug>/deadlines/<str:deadline_id>/remove/", views.deadline_remove, name="org-deadline-remove"),
]
