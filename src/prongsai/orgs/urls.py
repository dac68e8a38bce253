"""The organisation admin's pages (ids are UUIDs looked up within the admin's organisation) and the invitation link."""

from django.urls import path

from prongsai.orgs import invitation_views, views

urlpatterns = [
    path("o/<slug:slug>/members/", views.members, name="org-members"),
    path(
        "o/<slug:slug>/members/invitations/<str:invitation_id>/revoke/",
        invitation_views.revoke,
        name="org-invitation-revoke",
    ),
    path("accounts/invite/<str:token>/", invitation_views.accept, name="invitation-accept"),
    path("o/<slug:slug>/members/<str:member_id>/edit/", views.member_edit, name="org-member-edit"),
    path("o/<slug:slug>/members/<str:member_id>/remove/", views.member_remove, name="org-member-remove"),
    path("o/<slug:slug>/settings/", views.document_settings, name="org-settings"),
    path("o/<slug:slug>/departments/", views.departments, name="org-departments"),
    path("o/<slug:slug>/departments/<str:department_id>/edit/", views.department_edit, name="org-department-edit"),
    path(
        "o/<slug:slug>/departments/<str:department_id>/delete/",
        views.department_delete,
        name="org-department-delete",
    ),
]
