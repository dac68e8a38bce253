from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from prongsai.core import forms as core_forms
from prongsai.core import views as core_views

admin.site.site_header = "Prongsai"
# The Django admin is for superusers only; everyone else works through the app.
admin.site.has_permission = lambda request: request.user.is_active and request.user.is_superuser  # type: ignore[method-assign]

urlpatterns = [
    path("", core_views.home, name="home"),
    path("accounts/login/", auth_views.LoginView.as_view(), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path(
        "accounts/password/",
        auth_views.PasswordChangeView.as_view(form_class=core_forms.PasswordChangeForm),
        name="password_change",
    ),
    path("accounts/password/done/", auth_views.PasswordChangeDoneView.as_view(), name="password_change_done"),
    path("admin/", admin.site.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("api/", include("prongsai.api.urls")),
    path("", include("prongsai.measures.urls")),
    path("", include("prongsai.documents.urls")),
    path("", include("prongsai.orgs.urls")),
    path("", include("prongsai.deadlines.urls")),
    path("", include("prongsai.complaints.urls")),
    path("", include("prongsai.ita.urls")),
    path("", include("prongsai.oversight.urls")),
    path("", include("prongsai.imports.urls")),
    # Public pages live at /<slug>/…: the portal must stay the LAST entry, or it would shadow the rest.
    path("", include("prongsai.portal.urls")),
]

handler400 = core_views.bad_request
handler403 = core_views.permission_denied
handler404 = core_views.page_not_found
handler500 = core_views.server_error
