"""What a signed-in member's kept page costs in CPU, in one process, against the minimal view.

No HTTP and no load generator: the demo's councillor (bench/pages.py ``MEMBER``) is signed in with
Django's test client, under the production settings (Redis cache and sessions, page parts kept), and
each of their sampled committee, meeting and report pages is read until this process keeps it whole
(web/fragments.py ``render_page``); then every page is read once a round, ``--repeats`` rounds, each
request's CPU timed in this process (PostgreSQL's and Redis's shares are not in it). A page counts by
the least of its requests, the one other work on the machine disturbed least (on a shared, loaded
machine the mean moves by a third from run to run); a kind by the median of its pages'. Prints the CPU microseconds a
request for each kind and the minimal view, with the mean over all requests beside it, and each kind's
ratio to the minimal view; ``--profile KIND`` prints cProfile's costliest functions for that kind.

    DATABASE_URL=… REDIS_URL=redis://127.0.0.1:6379/13 python -m bench.kept_cpu [--repeats 30]
"""

from __future__ import annotations

import argparse
import cProfile
import gc
import pstats
import statistics
import sys
import time

from bench.render_cpu import configure

# The app's modules are imported inside functions, after django.setup(): Django must be configured
# (which settings and which database, chosen per run) before any model loads, which is Django's rule.


def cpu_ms(client, urls: list[str], requests: int) -> float:
    """CPU milliseconds a request, over ``requests`` requests going round ``urls``."""
    start = time.process_time()
    for index in range(requests):
        client.get(urls[index % len(urls)])
    return (time.process_time() - start) * 1000 / requests


def request_cpu(client, url: str) -> float:
    """The CPU microseconds of one request for ``url``."""
    start = time.process_time_ns()
    client.get(url)
    return (time.process_time_ns() - start) / 1000


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--samples", type=int, default=20, help="URLs of each page kind")
    parser.add_argument("--repeats", type=int, default=30, help="timed requests of each page")
    parser.add_argument("--requests", type=int, default=600, help="requests profiled (--profile)")
    parser.add_argument("--profile", metavar="KIND", help="profile this page kind (committee, meeting, report)")
    args = parser.parse_args(argv)
    configure()
    from django.conf import settings
    from django.contrib.auth.models import User
    from django.test import Client

    from bench.pages import MEMBER, member_urls

    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
    user = User.objects.get(username=MEMBER)
    urls, _ = member_urls(user, args.samples)
    # As many requests a round as the other kinds', so that the first after the collector's pass (below),
    # which finds the processor's caches cold, is not the only one.
    urls["minimal"] = ["/bench/minimal/"] * max(len(found) for found in urls.values())
    client = Client()
    client.force_login(user)
    for found in urls.values():
        for url in found:
            for _ in range(2):  # kept in Redis, then whole in this process
                response = client.get(url)
                if response.status_code != 200:
                    raise SystemExit(f"{url} answered {response.status_code}")
    sizes = {kind: statistics.median(len(client.get(url).content) for url in found) for kind, found in urls.items()}
    if args.profile:
        profile = cProfile.Profile(time.process_time)
        profile.enable()
        cpu_ms(client, urls[args.profile], args.requests)
        profile.disable()
        pstats.Stats(profile, stream=sys.stdout).sort_stats("tottime").print_stats(30)
        return
    # The collector pausing inside one request and not another is noise, not the page's work.
    gc.disable()
    kinds = ["minimal", *(kind for kind in urls if kind != "minimal")]
    times: dict[str, list[list[float]]] = {kind: [[] for _ in urls[kind]] for kind in kinds}
    # Round after round over every page, so that each page's requests are spread over the whole run
    # and its least falls in a quiet moment of the machine, whichever that was.
    for _ in range(args.repeats):
        for kind in kinds:
            for index, url in enumerate(urls[kind]):
                times[kind][index].append(request_cpu(client, url))
        gc.collect()
    print(f"{'page':<10} {'urls':>4} {'KB':>6} {'least µs':>9} {'mean µs':>8} {'x minimal':>10}")
    minimal = statistics.median(min(found) for found in times["minimal"])
    for kind in kinds:
        least = statistics.median(min(found) for found in times[kind])
        mean = statistics.median(statistics.fmean(found) for found in times[kind])
        print(
            f"{kind:<10} {len(set(urls[kind])):>4} {sizes[kind] / 1000:>6.1f} {least:>9.0f} {mean:>8.0f} "
            f"{minimal / least:>10.3f}"
        )


if __name__ == "__main__":
    main()
