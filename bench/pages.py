"""Which public pages the benchmark loads, sampled from the seeded council, and how many SQL queries each
makes. Run in its own process for each database (DATABASE_URL), so the two data sizes are compared:

    DATABASE_URL=… python -m bench.pages [--samples 40]   # prints JSON
"""

from __future__ import annotations

import argparse
import json
import random
from urllib.parse import urlencode

from bench.text import TOPICS, WARDS

# The app's modules are imported inside functions, after django.setup(): Django must be configured
# (which settings and which database, chosen per run) before any model loads, which is Django's rule.

# Page kinds, in the table's order, and the URL name each needs (pages not on this version are skipped).
PAGE_KINDS = [
    ("home", "home"),
    ("committee", "committee:committee_detail"),
    ("meeting", "committee:meeting_detail"),
    ("report", "reports:report_detail"),
    ("meetings list", "committee:meeting_list"),
    ("calendar", "committee:meeting_calendar"),
    ("search", "committee:search"),
    ("work programme", "committee:work_programme_public"),
    ("forward plan", "committee:forward_plan"),
    ("Atom feed", "committee:documents_feed"),
    ("iCal feed", "committee:ical_committee"),
    ("programme feed", "committee:work_programme_feed"),
]


def search_queries(count: int = 200, seed: int = 8) -> list[str]:
    """What residents type: a topic's words, a phrase, a ward, two words, a word with a typo-free stem."""
    r = random.Random(seed)
    queries = []
    for title, words in TOPICS:
        queries.append(title.lower())
        queries.append(" ".join(r.sample(words.split(), k=min(2, len(words.split())))))
        queries.append(words.split()[0])
    queries += [f"{ward} {r.choice(['parking', 'planning', 'school', 'library'])}" for ward in WARDS]
    queries += ['"annual report"', "budget -capital", "consultation outcome", "award of contract", "net zero"]
    r.shuffle(queries)
    while len(queries) < count:
        queries.append(r.choice(queries))
    return queries[:count]


def _reverse(name: str, *args) -> str | None:
    from django.urls import NoReverseMatch, reverse

    try:
        return reverse(name, args=args)
    except NoReverseMatch:
        return None


def sample_urls(samples: int = 40, seed: int = 1) -> dict[str, list[str]]:
    """Up to `samples` URLs of each public page kind, chosen at random from what the public can see."""
    from django.utils import timezone

    from committee.models import Committee, Meeting
    from reports.models import Report

    r = random.Random(seed)
    committees = list(Committee.objects.filter(active=True).values_list("slug", flat=True))
    meetings = list(Meeting.objects.filter(agenda_published_at__isnull=False).values_list("pk", flat=True))
    reports = list(Report.objects.public().values_list("pk", flat=True))
    today = timezone.localdate()
    months = sorted({f"{today.year - y}-{m:02d}" for y in range(0, 4) for m in range(1, 13)})

    def pick(values: list, k: int = samples) -> list:
        return r.sample(values, k=min(k, len(values)))

    urls: dict[str, list[str]] = {}
    for kind, name in PAGE_KINDS:
        if kind in ("committee", "work programme", "iCal feed", "programme feed"):
            found = [_reverse(name, slug) for slug in pick(committees)]
        elif kind == "meeting":
            found = [_reverse(name, pk) for pk in pick(meetings)]
        elif kind == "report":
            found = [_reverse(name, pk) for pk in pick(reports)]
        elif kind in ("meetings list", "calendar"):
            base = _reverse(name)
            found = [f"{base}?{urlencode({'month': month})}" for month in pick(months)] if base else []
        elif kind == "search":
            base = _reverse(name)
            found = [f"{base}?{urlencode({'q': q})}" for q in search_queries(samples, seed)] if base else []
        else:
            found = [_reverse(name)]
        found = [url for url in found if url]
        if found:
            urls[kind] = found
    return urls


def count_queries(urls: dict[str, list[str]], per_kind: int = 5, client=None, **headers) -> dict[str, int]:
    """The most SQL queries any of the first `per_kind` URLs of each kind makes for an anonymous visitor
    (or for whoever `client` is signed in as, with these `headers`)."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = client or Client()
    counts = {}
    for kind, found in urls.items():
        most = 0
        for url in found[:per_kind]:
            with CaptureQueriesContext(connection) as context:
                response = client.get(url, **headers)
            if response.status_code != 200:
                raise SystemExit(f"{url} answered {response.status_code}")
            most = max(most, len(context.captured_queries))
        counts[kind] = most
    return counts


# A signed-in member: the demo's councillor, who sits on two committees and reads their Part 2 papers.
MEMBER = "councillor"


def member_urls(user, samples: int = 40, seed: int = 3) -> tuple[dict[str, list[str]], int]:
    """The pages a member reads, signed in: committees' pages, their committees' meetings with published
    agendas, and the published reports of those committees they may read, Part 2 ones among them (how
    many is the second value)."""
    from committee import access
    from committee.models import Committee, Meeting
    from reports.models import Report

    r = random.Random(seed)
    committees = access.member_committee_ids(user)
    slugs = list(Committee.objects.filter(active=True).values_list("slug", flat=True))
    meetings = list(
        Meeting.objects.filter(committee_id__in=committees, agenda_published_at__isnull=False).values_list(
            "pk", flat=True
        )
    )
    reports = list(
        Report.objects.visible_to(user)
        .filter(status=Report.Status.PUBLISHED, committee_id__in=committees)
        .values_list("pk", flat=True)
    )

    def pick(values: list) -> list:
        return r.sample(sorted(values), k=min(samples, len(values)))

    picked = pick(reports)
    urls = {
        "committee": [_reverse("committee:committee_detail", slug) for slug in pick(slugs)],
        "meeting": [_reverse("committee:meeting_detail", pk) for pk in pick(meetings)],
        "report": [_reverse("reports:report_detail", pk) for pk in picked],
    }
    return urls, Report.objects.filter(pk__in=picked, is_exempt=True).count()


def signed_in_member(samples: int, queries: bool, password: str) -> dict:
    """The member's pages and, when asked, their SQL queries: the most any of the first five URLs of
    each kind makes when its content is rendered, and when it is kept (web/fragments.py page_parts).
    With ``password`` set, the member signs in with it (bench/run.py signs in through gunicorn)."""
    from django.conf import settings
    from django.contrib.auth.models import User
    from django.test import Client

    from reports import access as report_access

    user = User.objects.get(username=MEMBER)
    if password:
        user.set_password(password)
        user.save(update_fields=["password"])
    urls, part_2 = member_urls(user, samples)
    found = {"username": MEMBER, "urls": urls, "reader": report_access.shared_reader(user), "part_2_reports": part_2}
    if queries:
        client = Client()
        client.force_login(user)
        settings.PAGE_PARTS_SECONDS = 60  # as production keeps them
        # Rendered afresh (and kept) as a reload asks, then served as kept.
        rendered = count_queries(urls, client=client, HTTP_CACHE_CONTROL="no-cache")
        found["queries"] = {"rendered": rendered, "kept": count_queries(urls, client=client)}
    return found


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--samples", type=int, default=40)
    parser.add_argument("--no-queries", action="store_true")
    parser.add_argument("--member-password", default="", help="Set as the signed-in member's password.")
    args = parser.parse_args(argv)
    from bench.seed import setup_django

    setup_django()
    from django.conf import settings

    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
    urls = sample_urls(args.samples)
    counts = {} if args.no_queries else count_queries(urls)
    from committee.demo import example_report
    from reports.models import Report

    example = Report.objects.filter(title=example_report.TITLE).first()
    pdf_url = _reverse("reports:report_pdf", example.pk) if example else None
    member = signed_in_member(args.samples, not args.no_queries, args.member_password)
    print(
        json.dumps(
            {"urls": urls, "queries": counts, "reports": Report.objects.count(), "pdf_url": pdf_url, "member": member}
        )
    )


if __name__ == "__main__":
    main()
