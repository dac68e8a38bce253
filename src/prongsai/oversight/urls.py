"""The overseers' dashboard: /oversight/ (the person's widest scope), a province, a district, and exports."""

from django.urls import path

from prongsai.oversight.views import dashboard, export

urlpatterns = [
    path("oversight/", dashboard, name="oversight-dashboard"),
    path("oversight/export/<slug:table>.<slug:fmt>", export, name="oversight-export"),
    path("oversight/p/<str:province>/", dashboard, name="oversight-province"),
    path("oversight/p/<str:province>/export/<slug:table>.<slug:fmt>", export, name="oversight-province-export"),
    path("oversight/p/<str:province>/d/<str:district>/", dashboard, name="oversight-district"),
    path(
        "oversight/p/<str:province>/d/<str:district>/export/<slug:table>.<slug:fmt>",
        export,
        name="oversight-district-export",
    ),
]
