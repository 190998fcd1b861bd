from django.conf import settings
from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path

from committee import views as committee_views
from committee.sitemaps import SITEMAPS
from config.sign_in import AdminSignInForm, SignInForm

urlpatterns = [
    path("", committee_views.home, name="home"),
    path("", include("committee.urls")),
    path("reports/", include("reports.urls")),
    path("accounts/login/", auth_views.LoginView.as_view(authentication_form=SignInForm), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("admin/", admin.site.urls),
    path("sitemap.xml", sitemap, {"sitemaps": SITEMAPS}, name="sitemap"),
    path("", include("opendata.urls")),
]

# A value a page cannot read gets a page saying what to send instead (config/bad_requests.py).
handler400 = "config.bad_requests.bad_request"

admin.site.site_header = f"{settings.COUNCIL_NAME} — committee administration"
admin.site.site_title = "Committee administration"
admin.site.login_form = AdminSignInForm

if settings.BENCH_MINIMAL_VIEW:
    from bench import views as bench_views

    urlpatterns += [path("bench/minimal/", bench_views.minimal, name="bench_minimal")]
