"""The portal's addresses. Included LAST in prongsai/urls.py: `<slug>/` would otherwise shadow others.

Public (no account): /orgs/, /log/, /log.json, /verify/, /sitemap.xml, and per organisation
/<slug>/ (documents by fiscal year), /<slug>/<year>/<doc>/ (plan, report-r1, report-r2),
/<slug>/<year>/<doc>/v<n>/ and its files /<slug>/<year>/<doc>/v<n>.pdf (.docx, .xlsx, -signed.pdf),
/<slug>/evidence/<id>/, /<slug>/ita/<year>/<code>/ (one stable address per OIT item),
/<slug>/data.json and /<slug>/data.csv.
Members: /o/<slug>/publish/ (publications), …/links/ (+ .csv), …/document/<snapshot>/, …/evidence/<id>/.
"""

from django.urls import path, register_converter

from prongsai.portal.views import files, officer, opendata, pages, verify


class DocConverter:
    regex = "plan|report-r1|report-r2"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


class FileNameConverter:
    regex = r"v[0-9]+(?:-signed)?\.[a-z0-9]{1,5}"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


register_converter(DocConverter, "doc")
register_converter(FileNameConverter, "pubfile")

urlpatterns = [
    # Members of the organisation.
    path("o/<slug:slug>/publish/", officer.publications, name="portal-publications"),
    path("o/<slug:slug>/publish/links/", officer.links, name="portal-links"),
    path("o/<slug:slug>/publish/links.csv", officer.links_csv, name="portal-links-csv"),
    path("o/<slug:slug>/publish/document/<str:snapshot_id>/", officer.publish_document, name="portal-publish-document"),
    path(
        "o/<slug:slug>/publish/document/<str:snapshot_id>/request.<str:fmt>",
        officer.request_form_preview,
        name="portal-request-preview",
    ),
    path("o/<slug:slug>/publish/evidence/<str:evidence_id>/", officer.publish_evidence, name="portal-publish-evidence"),
    path("o/<slug:slug>/publish/<str:publication_id>/withdraw/", officer.withdraw_document, name="portal-withdraw"),
    path("o/<slug:slug>/publish/<str:publication_id>/request.<str:fmt>", officer.request_form, name="portal-request"),
    path(
        "o/<slug:slug>/publish/evidence/<str:item_id>/withdraw/",
        officer.withdraw_evidence,
        name="portal-withdraw-evidence",
    ),
    # Public, no account.
    path("orgs/", opendata.orgs_index, name="portal-orgs"),
    path("log/", opendata.log_page, name="portal-log"),
    path("log.json", opendata.log_json, name="portal-log-json"),
    path("verify/", verify.verify_page, name="portal-verify"),
    path("sitemap.xml", opendata.sitemap, name="portal-sitemap"),
    path("<slug:slug>/", pages.org_page, name="portal-org"),
    path("<slug:slug>/data.json", opendata.data_json, name="portal-data-json"),
    path("<slug:slug>/data.csv", opendata.data_csv, name="portal-data-csv"),
    path("<slug:slug>/ita/", pages.ita_index, name="portal-ita"),
    path("<slug:slug>/ita/<int:year>/", pages.ita_year, name="portal-ita-year"),
    path("<slug:slug>/ita/<int:year>/<str:code>/", pages.ita_item, name="portal-ita-item"),
    path("<slug:slug>/evidence/<str:item_id>/", pages.evidence_page, name="portal-evidence"),
    path("<slug:slug>/evidence/<str:item_id>/file", files.evidence_file, name="portal-evidence-file"),
    path("<slug:slug>/<int:year>/<doc:doc>/", pages.document_page, name="portal-document"),
    path("<slug:slug>/<int:year>/<doc:doc>/v<int:version>/", pages.version_page, name="portal-version"),
    path("<slug:slug>/<int:year>/<doc:doc>/<pubfile:name>", files.document_file, name="portal-file"),
]
