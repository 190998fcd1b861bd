from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path

from core.sign_in import AdminSignInForm
from web.sitemaps import SITEMAPS
from web.views import committees
from web.views.sign_in import SignInView

# The site in English at its own addresses and in Welsh under /cy/ (core/language.py reads which).
urlpatterns = i18n_patterns(
    path("", committees.home, name="home"),
    path("", include("web.urls.committee")),
    path("reports/", include("web.urls.reports")),
    path("accounts/login/", SignInView.as_view(), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("alerts/", include("alerts.urls")),
    prefix_default_language=False,
)
# Machine-readable data (OParl ids must not change with the language) and the admin stay in one place.
urlpatterns += [
    path("admin/", admin.site.urls),
    path("sitemap.xml", sitemap, {"sitemaps": SITEMAPS}, name="sitemap"),
    path("", include("opendata.urls")),
]

# A value a page cannot read gets a page saying what to send instead (core/bad_requests.py).
handler400 = "core.bad_requests.bad_request"

admin.site.site_header = f"{settings.COUNCIL_NAME} — committee administration"
admin.site.site_title = "Committee administration"
admin.site.login_form = AdminSignInForm
