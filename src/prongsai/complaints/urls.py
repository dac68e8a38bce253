"""Citizens' pages under /c/ and /track/ (the public portal owns /<slug>/); staff pages under /o/<slug>/complaints/."""

from django.urls import path

from prongsai.complaints.views import case, inbox, line, public, setup

urlpatterns = [
    # Public, no account.
    path("c/line/webhook/<slug:slug>/", line.webhook, name="complaint-line-webhook"),
    path("c/<slug:slug>/", public.case_form, name="complaint-form"),
    path("c/<slug:slug>/thanks/<str:code>/", public.thanks, name="complaint-thanks"),
    path("c/<slug:slug>/poster/", public.poster, name="complaint-poster"),
    path("c/<slug:slug>/stats/<int:year>/", public.stats, name="complaint-stats"),
    path("c/<slug:slug>/stats/<int:year>/<str:fmt>/", public.stats_file, name="complaint-stats-file"),
    path("track/", public.track_start, name="complaint-track-start"),
    path("track/<str:code>/", public.track, name="complaint-track"),
    # Staff of the organisation.
    path("o/<slug:slug>/complaints/", inbox.inbox, name="complaint-inbox"),
    path("o/<slug:slug>/complaints/export.csv", inbox.export_csv, name="complaint-export"),
    path("o/<slug:slug>/complaints/new/", inbox.register, name="complaint-register"),
    path("o/<slug:slug>/complaints/kinds/", setup.kinds, name="complaint-kinds"),
    path("o/<slug:slug>/complaints/kinds/<str:kind_id>/", setup.kind_edit, name="complaint-kind-edit"),
    path("o/<slug:slug>/complaints/holidays/", setup.holidays, name="complaint-holidays"),
    path(
        "o/<slug:slug>/complaints/holidays/<int:holiday_id>/delete/",
        setup.holiday_delete,
        name="complaint-holiday-delete",
    ),
    path("o/<slug:slug>/complaints/officers/", setup.officers, name="complaint-officers"),
    path("o/<slug:slug>/complaints/settings/", setup.channel_settings, name="complaint-channel-settings"),
    path("o/<slug:slug>/complaints/access-log/", setup.access_log, name="complaint-access-log"),
    path("complaints/<str:case_id>/", case.detail, name="complaint-case"),
    path("complaints/<str:case_id>/receipt/", case.receipt, name="complaint-receipt"),
    path("complaints/<str:case_id>/receipt.<str:fmt>", case.receipt_file, name="complaint-receipt-file"),
    path("complaints/<str:case_id>/assign/", case.assign, name="complaint-assign"),
    path("complaints/<str:case_id>/status/", case.move, name="complaint-move"),
    path("complaints/<str:case_id>/note/", case.note, name="complaint-note"),
    path("complaints/<str:case_id>/reply/", case.reply, name="complaint-reply"),
    path("complaint-files/<str:attachment_id>/download/", case.download, name="complaint-file"),
]
