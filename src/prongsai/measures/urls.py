from django.urls import path

from prongsai.measures.views import evidence, lifecycle, measures, plans, years

urlpatterns = [
    path("o/<slug:slug>/", plans.org_home, name="org-home"),
    path("o/<slug:slug>/plans/new/", plans.plan_create, name="plan-create"),
    path("plans/<str:plan_id>/edit/", plans.plan_edit, name="plan-edit"),
    path("plans/<str:plan_id>/submit/", lifecycle.plan_submit, name="plan-submit"),
    path("plans/<str:plan_id>/withdraw/", lifecycle.plan_withdraw, name="plan-withdraw"),
    path("plans/<str:plan_id>/approve/", lifecycle.plan_approve, name="plan-approve"),
    path("plans/<str:plan_id>/return/", lifecycle.plan_return, name="plan-return"),
    path("plans/<str:plan_id>/amend/", lifecycle.plan_amend, name="plan-amend"),
    path("plans/<str:plan_id>/copy/", lifecycle.plan_copy, name="plan-copy"),
    path("plans/<str:plan_id>/years/<str:action>/", years.plan_years, name="plan-years"),
    path("plans/<str:plan_id>/measures/new/", measures.measure_create, name="measure-create"),
    path("measures/<str:measure_id>/", measures.measure_detail, name="measure-detail"),
    path("measures/<str:measure_id>/edit/", measures.measure_edit, name="measure-edit"),
    path("measures/<str:measure_id>/delete/", measures.measure_delete, name="measure-delete"),
    path("measures/<str:measure_id>/move/<str:direction>/", measures.measure_move, name="measure-move"),
    path("measures/<str:measure_id>/progress/<int:round_no>/", measures.progress_edit, name="progress-edit"),
    path("measures/<str:measure_id>/history/", measures.measure_history_view, name="measure-history"),
    path("measures/<str:measure_id>/evidence/new/", evidence.evidence_add, name="evidence-add"),
    path("evidence/<str:evidence_id>/download/", evidence.evidence_download, name="evidence-download"),
    path("evidence/<str:evidence_id>/withdraw/", evidence.evidence_withdraw, name="evidence-withdraw"),
]
