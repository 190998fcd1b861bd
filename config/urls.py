from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path, reverse_lazy
from django.utils.functional import lazy
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from core import admin_permissions
from core.council import current_council
from core.sign_in import AdminSignInForm
from reading_room import views as reading_room_views
from web.sitemaps import SITEMAPS
from web.views import account, committees
from web.views.sign_in import SignInView, SignOutView

# Before the admin's addresses are made from what is registered (core/admin_permissions.py).
admin_permissions.register(admin.site)

# The site in English at its own addresses and in Welsh under /cy/ (core/language.py reads which).
urlpatterns = i18n_patterns(
    # Reports first: a report's address is the page members read most, and Django tries each pattern
    # in turn (no pattern below could match an address under reports/).
    path("reports/", include("web.urls.reports")),
    path("", committees.home, name="home"),
    path("council.css", committees.council_stylesheet, name="council_stylesheet"),
    path("", include("web.urls.committee")),
    path("", include("web.urls.members")),
    path("accounts/login/", SignInView.as_view(), name="login"),
    path("accounts/logout/", SignOutView.as_view(), name="logout"),
    path("accounts/e-mail-language/", account.email_language, name="email_language"),
    path("alerts/", include("alerts.urls")),
    path("reading-room/", include("reading_room.urls")),
    # The admin in English at /admin/ and in Welsh at /cy/admin/, as the rest of the staff's pages.
    path("admin/", admin.site.urls),
    prefix_default_language=False,
)
# Machine-readable data stays in one place: OParl ids must not change with the language.
urlpatterns += [
    # At the root, so that its scope may cover every paper it keeps (reading_room/views.py).
    path("reading-room-sw.js", reading_room_views.service_worker, name="reading_room_service_worker"),
    path("sitemap.xml", sitemap, {"sitemaps": SITEMAPS}, name="sitemap"),
    path("", include("opendata.urls")),
]

# A value a page cannot read gets a page saying what to send instead (core/bad_requests.py).
handler400 = "core.bad_requests.bad_request"

# Read when each admin page is drawn, so a renamed council shows at once.
admin.site.site_header = lazy(
    lambda: gettext("%(council)s — committee administration") % {"council": current_council().reader_name}, str
)()
admin.site.site_title = _("Committee administration")
# "View site" leads to the home page in the admin's language: /cy/ from /cy/admin/.
admin.site.site_url = reverse_lazy("home")
admin.site.login_form = AdminSignInForm
