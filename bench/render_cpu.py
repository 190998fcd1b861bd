"""What rendering each public page costs in CPU, in one process, against the minimal view.

No HTTP and no load generator: each sampled URL goes through the whole middleware stack with Django's
test client, under the production settings (DEBUG off, cached template loader, manifest static files,
Redis cache) but with the anonymous page cache off, so every request renders its page. Prints, per page
kind, the median CPU milliseconds a request (this process's CPU only: PostgreSQL's share is not in it)
and its ratio to the minimal view's. Each URL counts by the least of its timed requests, the one
other work on the machine disturbed least (on a shared machine the median of repeats moves by a third
from run to run); the figure for a page kind is the median of its URLs'.

    DATABASE_URL=… REDIS_URL=redis://127.0.0.1:6379/13 python bench/render_cpu.py [--samples 20] [--repeats 5]
    … --save DIR      # keep every sampled page's HTML
    … --compare DIR   # and say which differ from a saved run (output must not change when rendering does)
"""

from __future__ import annotations

import argparse
import gc
import os
import secrets
import statistics
import subprocess
import sys
import time
from pathlib import Path

# The app's modules are imported inside functions, after django.setup(): Django must be configured
# (which settings and which database, chosen per run) before any model loads, which is Django's rule.

ROOT = Path(__file__).resolve().parent.parent


def configure() -> None:
    sys.path.insert(0, str(ROOT))
    os.environ.update(
        DJANGO_SETTINGS_MODULE="config.settings.production",
        SECRET_KEY=os.environ.get("SECRET_KEY") or secrets.token_urlsafe(60),
        SECURE_SSL_REDIRECT="0",
        ALLOWED_HOSTS="testserver",
        BENCH_MINIMAL_VIEW="1",
        PUBLIC_PAGE_CACHE_SECONDS="0",
        LOG_LEVEL="WARNING",
    )
    os.environ.setdefault("REDIS_URL", "redis://127.0.0.1:6379/13")
    os.environ.setdefault("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/cr_bench_small")
    # Production serves hashed static names from the manifest, which collectstatic writes.
    if not (ROOT / "staticfiles" / "staticfiles.json").exists():
        subprocess.run([sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"], cwd=ROOT, check=True)
    import django

    django.setup()


def cpu_ms(client, url: str, repeats: int) -> tuple[float, bytes]:
    """The least CPU time of `repeats` requests for url, after one to warm it, and its body."""
    response = client.get(url)
    if response.status_code != 200:
        raise SystemExit(f"{url} answered {response.status_code}")
    body = response.getvalue() if response.streaming else response.content
    times = []
    for _ in range(repeats):
        start = time.process_time()
        client.get(url)
        times.append((time.process_time() - start) * 1000)
    return min(times), body


def file_name(kind: str, index: int) -> str:
    return f"{kind.replace(' ', '-')}-{index:02d}.html"


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--samples", type=int, default=20, help="URLs of each page kind")
    parser.add_argument("--repeats", type=int, default=5, help="timed requests of each URL")
    parser.add_argument("--kinds", default="", help="only these page kinds, comma-separated")
    parser.add_argument("--save", type=Path, help="write every sampled page here")
    parser.add_argument("--compare", type=Path, help="compare every sampled page with a saved run")
    args = parser.parse_args(argv)
    configure()
    from django.test import Client

    from bench.pages import sample_urls

    urls = sample_urls(args.samples)
    if args.kinds:
        wanted = {kind.strip() for kind in args.kinds.split(",")}
        urls = {kind: found for kind, found in urls.items() if kind in wanted}
    client = Client()
    # The collector pausing inside one request and not another is noise, not rendering.
    gc.disable()
    minimal, _ = cpu_ms(client, "/bench/minimal/", max(args.repeats, 50))
    print(f"{'page':<16} {'urls':>4} {'CPU ms':>8} {'x minimal':>10}")
    print(f"{'minimal view':<16} {1:>4} {minimal:>8.2f} {1:>10.2f}")
    differing = []
    for kind, found in urls.items():
        medians = []
        for index, url in enumerate(found):
            least, body = cpu_ms(client, url, args.repeats)
            medians.append(least)
            gc.collect()
            name = file_name(kind, index)
            if args.save:
                args.save.mkdir(parents=True, exist_ok=True)
                (args.save / name).write_bytes(body)
            if args.compare and (args.compare / name).read_bytes() != body:
                differing.append(f"{name} {url}")
        median = statistics.median(medians)
        print(f"{kind:<16} {len(found):>4} {median:>8.2f} {minimal / median:>10.3f}", flush=True)
    if args.compare:
        print("identical to the saved pages" if not differing else "DIFFERENT:\n  " + "\n  ".join(differing))
        if differing:
            raise SystemExit(1)


if __name__ == "__main__":
    main()
