"""The programme portal (/programme/): statistics per region and year for federation and
platform operators. Region pages are `REGION_YEAR` = `<region key>/<year>/` (the key is the
official region code, or `r<id>` for a place without one); see /work/notes/programme_portal.md.
"""

from django.urls import URLPattern, URLResolver, path

from programme_portal.views import account, designations, exports, home, statistics, summary

app_name = "programme_portal"

REGION = "<str:region_key>/"
REGION_YEAR = REGION + "<int:year>/"

urlpatterns: list[URLPattern | URLResolver] = [
    path("", home.home, name="home"),
    path("login/", account.sign_in, name="sign_in"),
    path("logout/", account.sign_out, name="sign_out"),
    path(REGION, home.region_years, name="region"),
    path(REGION_YEAR, statistics.region_statistics, name="statistics"),
    path(REGION_YEAR + "statistics.xlsx", exports.workbook_export, name="workbook_export"),
    path(REGION_YEAR + "summary/", summary.summary_page, name="summary"),
    path(REGION_YEAR + "summary.pdf", summary.summary_pdf, name="summary_pdf"),
    path(
        REGION_YEAR + "tables/<slug:table_key>.<str:fmt>",
        exports.table_export,
        name="table_export",
    ),
    # designations and awards (progdesig)
    path(REGION_YEAR + "designations/", designations.eligibility_list, name="designations"),
    path(
        REGION_YEAR + "designations/export.csv",
        designations.export_csv,
        name="designations_export",
    ),
    path(
        REGION_YEAR + "designations/<slug:kind>/<slug:subject>/<int:subject_id>/",
        designations.candidate_detail,
        name="designation_candidate",
    ),
    path(
        REGION_YEAR + "designations/<slug:kind>/<slug:subject>/<int:subject_id>/confirm/",
        designations.confirm,
        name="designation_confirm",
    ),
    path(
        REGION_YEAR + "designations/confirmed/<int:designation_id>/revoke/",
        designations.revoke,
        name="designation_revoke",
    ),
]
