from django.contrib import admin
from django.urls import include, path

from kvalitetsnav.api.api import api
from kvalitetsnav.core.views import healthz

urlpatterns = [
    path("", include("kvalitetsnav.core.urls")),
    path("konto/", include("kvalitetsnav.accounts.urls")),
    path("atgarder/", include("kvalitetsnav.actions.urls")),
    path("kvalitetsberattelse/", include("kvalitetsnav.qualityreport.urls")),
    path("avvikelser/", include("kvalitetsnav.deviations.urls")),
    path("lex/", include("kvalitetsnav.lexcases.urls")),
    path("synpunkter/", include("kvalitetsnav.feedback.urls")),
    path("lamna-synpunkt/", include("kvalitetsnav.feedback.public_urls")),
    path("ledningssystem/", include("kvalitetsnav.routines.urls")),
    path("beslut/", include("kvalitetsnav.decisions.urls")),
    path("risker/", include("kvalitetsnav.risks.urls")),
    path("granskningar/", include("kvalitetsnav.reviews.urls")),
    path("lardomar/", include("kvalitetsnav.lessons.urls")),
    path("egenkontroll/", include("kvalitetsnav.inspections.urls")),
    path("nyckeltal/", include("kvalitetsnav.keyfigures.urls")),
    path("api/v1/", api.urls),
    path("healthz", healthz, name="healthz"),
    path("admin/", admin.site.urls),
]
