"""The site's URLs plus the benchmark's baseline page (settings.BENCH_MINIMAL_VIEW switches to this root)."""

from django.urls import path

from bench import views
from config.urls import urlpatterns as site_urlpatterns

urlpatterns = [path("bench/minimal/", views.minimal, name="bench_minimal"), *site_urlpatterns]
