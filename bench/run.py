"""The benchmark: `make bench` (or `.venv/bin/python bench/run.py`). Prints a table of figures and ratios.

Needs PostgreSQL and Redis on 127.0.0.1 (the defaults below). It uses two databases of its own,
created, migrated and seeded on the first run (seeding the big one takes minutes):

    BENCH_DATABASE_URL        default postgres://postgres@127.0.0.1:5432/cr_bench        (--reports, 20,000)
    BENCH_SMALL_DATABASE_URL  default postgres://postgres@127.0.0.1:5432/cr_bench_small  (--small-reports, 1,000)
    REDIS_URL                 default redis://127.0.0.1:6379/15

The figures are written to --json (default: results.json in BENCH_MEDIA_ROOT) after every step, so a run
that is stopped part-way keeps what it measured; --table prints the table of a saved run again.

Everything is measured side by side in one run, on one machine: each public page as a ratio of a
minimal Django view served by the same gunicorn just before and after it; the app's PDF time as a ratio
of WeasyPrint alone on the same HTML; a cached PDF as a ratio of a static file of the same size.
The load generator (bench/loadgen.py) runs in its own process, on loopback, bounded in time.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import re
import secrets
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit

# The app's modules are imported inside functions, after django.setup(): Django must be configured
# (which settings and which database, chosen per run) before any model loads, which is Django's rule.

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
BIG = os.environ.get("BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/cr_bench")
SMALL = os.environ.get("BENCH_SMALL_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/cr_bench_small")
REDIS = os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/15")
MEDIA = Path(os.environ.get("BENCH_MEDIA_ROOT", Path(tempfile.gettempdir()) / "cr-bench-media"))


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def env_for(database_url: str, **extra: str) -> dict[str, str]:
    env = {
        **os.environ,
        "DATABASE_URL": database_url,
        "DJANGO_SETTINGS_MODULE": "config.settings.local",
        "DEBUG": "0",
        "MEDIA_ROOT": str(MEDIA),
        "REDIS_URL": REDIS,
        "LOG_LEVEL": "WARNING",
        "PYTHONPATH": str(ROOT),
    }
    env.update(extra)
    return env


def run_json(args: list[str], env: dict[str, str], timeout: float = 900) -> dict:
    done = subprocess.run(
        [PYTHON, *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=timeout, check=False
    )
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(args)} failed:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


# Databases --------------------------------------------------------------------------------------


def ensure_database(url: str, reports: int, years: float) -> None:
    import psycopg2

    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    admin = psycopg2.connect(
        host=parts.hostname, port=parts.port or 5432, user=parts.username or "postgres", dbname="postgres"
    )
    admin.autocommit = True
    with admin.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
        if cursor.fetchone() is None:
            log(f"Creating database {name}")
            cursor.execute(f'CREATE DATABASE "{name}"')
    admin.close()
    env = env_for(url)
    subprocess.run([PYTHON, "manage.py", "migrate", "--noinput", "-v0"], cwd=ROOT, env=env, check=True)
    log(f"Seeding {name} if it is empty ({reports} reports; the first time takes minutes)")
    subprocess.run(
        [PYTHON, "bench/seed.py", "--reports", str(reports), "--years", str(years)], cwd=ROOT, env=env, check=True
    )


# Serving ------------------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Gunicorn:
    """gunicorn with the production settings and config/gunicorn.py, on a free loopback port."""

    def __init__(self, database_url: str):
        self.port = free_port()
        self.env = env_for(
            database_url,
            DJANGO_SETTINGS_MODULE="config.settings.production",
            SECRET_KEY=secrets.token_urlsafe(60),
            SECURE_SSL_REDIRECT="0",
            ALLOWED_HOSTS="127.0.0.1,localhost",
            BENCH_MINIMAL_VIEW="1",
            # A worker recycled after 2,000 requests (config/gunicorn.py) loses the pages it keeps; at a
            # thousand requests a second that is every few seconds, where a council's site takes hours.
            GUNICORN_MAX_REQUESTS=os.environ.get("GUNICORN_MAX_REQUESTS", "100000"),
            DATABASE_CONN_MAX_AGE="600",
            GUNICORN_BIND=f"127.0.0.1:{self.port}",
            # The machine may be busy: the first request of each worker imports the whole app.
            GUNICORN_TIMEOUT="300",
        )
        self.process: subprocess.Popen | None = None

    @property
    def workers(self) -> int:
        """As config/gunicorn.py counts them."""
        return int(self.env.get("WEB_CONCURRENCY", os.cpu_count() * 2 + 1))

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def collectstatic(self) -> None:
        subprocess.run([PYTHON, "manage.py", "collectstatic", "--noinput", "-v0"], cwd=ROOT, env=self.env, check=True)

    def __enter__(self) -> Gunicorn:
        self.process = subprocess.Popen(
            [PYTHON, "-m", "gunicorn", "-c", "config/gunicorn.py", "config.wsgi"],
            cwd=ROOT,
            env=self.env,
            stdout=subprocess.DEVNULL,
            stderr=open(MEDIA / "gunicorn.log", "w"),  # noqa: SIM115 - closed with the process
        )
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(f"{self.base}/bench/minimal/", timeout=5) as response:
                    if response.status == 200:
                        return self
            except OSError:
                time.sleep(0.5)
        self.__exit__()
        raise SystemExit(f"gunicorn did not start: see {MEDIA / 'gunicorn.log'}")

    def __exit__(self, *exc) -> None:
        if self.process is not None:
            self.process.terminate()
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
            self.process = None


def load(
    server: Gunicorn,
    paths: list[str],
    duration: float,
    max_requests: int,
    concurrency: int,
    fresh: bool = False,
    cookie: str = "",
) -> dict:
    urls = [server.base + path for path in paths]
    args = ["-m", "bench.loadgen", "--concurrency", str(concurrency), "--duration", str(duration)]
    if fresh:  # rendered by the app every time, past the shared page cache
        args += ["--header", "Cache-Control: no-cache"]
    if cookie:  # signed in: the page cache never answers
        args += ["--header", f"Cookie: {cookie}"]
    return run_json([*args, "--max-requests", str(max_requests), *urls], server.env, timeout=duration + 120)


def warm(server: Gunicorn, paths: list[str], cookie: str = "") -> None:
    for path in paths[:3]:
        request = urllib.request.Request(server.base + path, headers={"Cookie": cookie} if cookie else {})
        with urllib.request.urlopen(request, timeout=60) as response:
            response.read()


def sign_in(server: Gunicorn, username: str, password: str) -> str:
    """Signs in through the app's own sign-in page, as a member would; the Cookie header to send after."""
    connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=60)
    connection.request("GET", "/accounts/login/")
    response = connection.getresponse()
    page = response.read().decode()
    cookies = dict(_cookies(response))
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    body = urllib.parse.urlencode({"csrfmiddlewaretoken": token, "username": username, "password": password})
    headers = {
        "Content-Type": "application/x-www-form-urlencoded",
        "Cookie": "; ".join(f"{k}={v}" for k, v in cookies.items()),
    }
    connection.request("POST", "/accounts/login/", body=body, headers=headers)
    response = connection.getresponse()
    response.read()
    cookies.update(_cookies(response))
    connection.close()
    session = [name for name in cookies if "session" in name]
    if response.status != 302 or not session:
        raise SystemExit(f"{username} could not sign in: {response.status}")
    return "; ".join(f"{k}={v}" for k, v in cookies.items())


def _cookies(response) -> list[tuple[str, str]]:
    found = []
    for header in response.headers.get_all("Set-Cookie") or []:
        name, _, rest = header.partition("=")
        found.append((name.strip(), rest.split(";", 1)[0]))
    return found


# The run ------------------------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--duration", type=float, default=6.0, help="Seconds of load for each page (default 6)")
    parser.add_argument("--concurrency", type=int, default=16)
    parser.add_argument("--max-requests", type=int, default=5000)
    parser.add_argument("--reports", type=int, default=20_000, help="Reports in the big council (default 20,000)")
    parser.add_argument("--years", type=float, default=5)
    parser.add_argument("--small-reports", type=int, default=1000)
    parser.add_argument("--long-pages", type=int, default=100)
    parser.add_argument("--pack-pages", type=int, default=300, help="0 to skip the agenda pack")
    parser.add_argument("--skip-pdf", action="store_true")
    parser.add_argument("--skip-pages", action="store_true")
    parser.add_argument(
        "--signed-in-only", action="store_true", help="Only a signed-in member's pages (no search, PDFs, public pages)"
    )
    parser.add_argument("--json", help="Where to keep the figures (default: results.json in BENCH_MEDIA_ROOT).")
    parser.add_argument("--table", metavar="JSON", help="Print the table of a saved run, and stop.")
    args = parser.parse_args(argv)
    if args.table:
        print(render_table(json.loads(Path(args.table).read_text())))
        return 0
    started = time.monotonic()
    MEDIA.mkdir(parents=True, exist_ok=True)
    saved = Path(args.json) if args.json else MEDIA / "results.json"
    results: dict = {"concurrency": args.concurrency, "duration": args.duration, "steps_done": []}

    def done(step: str) -> None:
        """Keep what has been measured so far: a run stopped later still has these figures."""
        results["steps_done"].append(step)
        results["seconds"] = round(time.monotonic() - started)
        saved.write_text(json.dumps(results, indent=2))
        log(f"  saved to {saved}")

    ensure_database(SMALL, reports=args.small_reports, years=1)
    ensure_database(BIG, reports=args.reports, years=args.years)

    log("Counting queries per page at both sizes")
    member_password = secrets.token_urlsafe(24)
    big_pages = run_json(["-m", "bench.pages", "--samples", "40", "--member-password", member_password], env_for(BIG))
    small_pages = run_json(["-m", "bench.pages", "--samples", "5"], env_for(SMALL))
    results["reports"] = {"small": small_pages["reports"], "big": big_pages["reports"]}
    results["queries"] = {"small": small_pages["queries"], "big": big_pages["queries"]}
    if "member" in big_pages:
        member = big_pages["member"]
        results["member_queries"] = {"small": small_pages["member"]["queries"], "big": member["queries"]}
        results["member"] = {k: member[k] for k in ("username", "reader", "part_2_reports")}
    done("queries")

    if args.signed_in_only:
        args.skip_pdf = True
    if not args.signed_in_only:
        log("Search: 200 queries")
        try:
            results["search"] = run_json(["-m", "bench.searchbench"], env_for(BIG))
        except SystemExit as error:  # search is another part of the app; report, and measure the rest
            log(f"Search could not be measured: {str(error)[-300:]}")
            results["search_error"] = str(error).strip().splitlines()[-1]
        done("search")

    if not args.skip_pdf:
        log("PDF: the example report")
        results["pdf_example"] = run_json(["-m", "bench.pdfbench", "example", "--repeats", "3"], env_for(BIG))
        done("pdf_example")
        log(f"PDF: a {args.long_pages}-page report")
        results["pdf_long"] = run_json(
            ["-m", "bench.pdfbench", "long", "--pages", str(args.long_pages), "--repeats", "1"],
            env_for(BIG),
            timeout=1800,
        )
        done("pdf_long")
        log(f"PDF through the download view (bench/render.py): the example and a {args.long_pages}-page report")
        render_media = MEDIA / "render"
        render_media.mkdir(exist_ok=True)
        results["render"] = [
            run_json(
                ["bench/render.py", "--case", case, "--pages", str(args.long_pages), "--media", str(render_media)],
                env_for(BIG),
                timeout=1800,
            )
            for case in ("example", "synthetic")
        ]
        done("render")

        has_packs = "def build_pack_pdf" in (ROOT / "committee" / "packs.py").read_text()
        if has_packs and args.pack_pages:
            log(f"PDF: an agenda pack of about {args.pack_pages} pages, then rebuilt after one report changes")
            results["pdf_pack"] = run_json(
                ["-m", "bench.pdfbench", "pack", "--pages", str(args.pack_pages)], env_for(BIG), timeout=3600
            )
            done("pdf_pack")

    if not args.skip_pages:
        server = Gunicorn(BIG)
        server.collectstatic()
        static_root = ROOT / "staticfiles"
        # The example report as publishing leaves it: its PDF rendered by the worker and stored.
        published = run_json(["-m", "bench.pdfbench", "publish-example"], env_for(BIG))
        (static_root / "bench").mkdir(exist_ok=True)
        shutil.copyfile(published["path"], static_root / "bench" / "same-size.pdf")
        cached_pdf_path = cached_pdf_url(big_pages)
        log(f"Serving with gunicorn on {server.base}: {args.concurrency} clients, {args.duration:.0f} s a page")
        with server:
            # Every worker imports the app on its first request: have them all do so before measuring.
            load(server, ["/bench/minimal/"], min(3.0, args.duration), args.max_requests, args.concurrency)
            if cached_pdf_path and not args.signed_in_only:
                results["cached_pdf"] = serve_pdf(server, cached_pdf_path, args)
                results["cached_pdf"]["bytes"] = published["bytes"]
                done("cached_pdf")
            results["pages"] = {}
            if not args.signed_in_only:
                serve_pages(server, big_pages["urls"], args, results["pages"], lambda: done("pages"))
            if "member" in big_pages:
                log(f"Signed in as {big_pages['member']['username']}: their report, meeting and committee pages")
                cookie = sign_in(server, big_pages["member"]["username"], member_password)
                results["signed_in"] = {}
                serve_pages(
                    server,
                    big_pages["member"]["urls"],
                    args,
                    results["signed_in"],
                    lambda: done("signed_in"),
                    cookie=cookie,
                )
    results["seconds"] = round(time.monotonic() - started)
    results["complete"] = True
    saved.write_text(json.dumps(results, indent=2))
    print(render_table(results))
    return 0


def serve_pages(
    server: Gunicorn, urls: dict[str, list[str]], args, out: dict, save=lambda: None, cookie: str = ""
) -> dict:
    """Each page kind against the minimal view, filled into ``out`` (and saved) one kind at a time.
    Anonymous: rendered every time, then from the page cache. Signed in (``cookie``): past the page
    cache always; first with nothing kept for the member (the first request of each URL keeps its parts,
    so "rendered" is what reading many pages once costs), then as kept."""
    minimal = ["/bench/minimal/"]
    warm(server, minimal)
    before = load(server, minimal, args.duration, args.max_requests, args.concurrency)
    out["minimal"] = [before]
    for kind, paths in urls.items():
        warm(server, paths, cookie)
        page = load(server, paths, args.duration, args.max_requests, args.concurrency, fresh=True, cookie=cookie)
        if cookie:
            # Each web process keeps the pages it served whole (web/fragments.py render_page): give every
            # process the chance to serve each URL before measuring, as a minute of members' reading would.
            load(server, paths, args.duration, len(paths) * server.workers * 2, args.concurrency, cookie=cookie)
        # The same URLs again: each was rendered moments ago, so production's page cache (anonymous)
        # or the page parts kept for the member's reading (signed in) answer.
        cached = load(server, paths, args.duration, args.max_requests, args.concurrency, cookie=cookie)
        after = load(server, minimal, args.duration, args.max_requests, args.concurrency)
        out["minimal"].append(after)
        baseline = statistics.fmean([before["rps"], after["rps"]])
        page["ratio"] = round(page["rps"] / baseline, 3) if baseline else None
        page["minimal_rps"] = round(baseline, 1)
        page["cached"] = cached
        page["cached_ratio"] = round(cached["rps"] / baseline, 3) if baseline else None
        out[kind] = page
        log(f"  {kind}: {page['rps']} req/s rendered ({page['ratio']} × minimal), {cached['rps']} from the cache")
        before = after
        save()
    return out


def cached_pdf_url(pages: dict) -> str | None:
    """The example report's PDF download, if this version of the app has one (reports:report_pdf)."""
    return pages.get("pdf_url") or None


def serve_pdf(server: Gunicorn, pdf_path: str, args) -> dict:
    static = ["/static/bench/same-size.pdf"]
    warm(server, [pdf_path])
    warm(server, static)
    first_static = load(server, static, args.duration, args.max_requests, args.concurrency)
    cached = load(server, [pdf_path], args.duration, args.max_requests, args.concurrency)
    # Past the anonymous page cache: the view's access check, one query for the revision, the file.
    view = load(server, [pdf_path], args.duration, args.max_requests, args.concurrency, fresh=True)
    second_static = load(server, static, args.duration, args.max_requests, args.concurrency)
    baseline = statistics.fmean([first_static["rps"], second_static["rps"]])
    return {
        "cached": cached,
        "view": view,
        "static_rps": round(baseline, 1),
        "ratio": round(cached["rps"] / baseline, 3),
        "view_ratio": round(view["rps"] / baseline, 3),
    }


# The table ----------------------------------------------------------------------------------------


def signed_in_table(results: dict) -> list[str]:
    """A signed-in member's pages: rendered afresh (a reload) and as kept for everyone who reads the
    same (web/fragments.py page_parts), against the same minimal view; queries when rendered and kept."""
    pages = results.get("signed_in", {})
    counts = results.get("member_queries")
    if not pages and not counts:
        return []
    member = results.get("member", {})
    lines = [
        "",
        f"Signed in as `{member.get('username', '?')}` ({member.get('reader', '?')}; "
        f"{member.get('part_2_reports', '?')} of the sampled reports are Part 2):",
        "",
        "| Signed-in page | rendered req/s | p50 ms | × minimal view | kept req/s | p50 ms | p95 ms | × minimal "
        "| queries rendered (small → big) | queries kept (small → big) | goal: ≥ 0.5× kept, constant queries |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |",
    ]
    minimal = pages.get("minimal", [])
    if minimal:
        rps = statistics.fmean(m["rps"] for m in minimal)
        lines.append(f"| minimal view (baseline) | {rps:.0f} | – | 1.00 | – | – | – | – | – | – | – |")
    kinds = list((counts or {}).get("big", {}).get("kept", {})) or [k for k in pages if k != "minimal"]
    for kind in kinds:
        rendered = counts and f"{counts['small']['rendered'][kind]} → {counts['big']['rendered'][kind]}"
        kept = counts and f"{counts['small']['kept'][kind]} → {counts['big']['kept'][kind]}"
        constant = bool(counts) and all(
            counts["big"][how][kind] <= counts["small"][how][kind] for how in ("rendered", "kept")
        )
        page = pages.get(kind)
        if page:
            fast = page["cached_ratio"] is not None and page["cached_ratio"] >= 0.5 and page["cached"]["errors"] == 0
            lines.append(
                f"| {kind} | {page['rps']:.0f} | {page['p50_ms']:.0f} | {page['ratio']:.2f} | "
                f"{page['cached']['rps']:.0f} | {page['cached']['p50_ms']:.0f} | {page['cached']['p95_ms']:.0f} | "
                f"{page['cached_ratio']:.2f} | {rendered or '–'} | {kept or '–'} | {verdict(fast and constant)} |"
            )
        else:
            lines.append(
                f"| {kind} | – | – | – | – | – | – | – | {rendered or '–'} | {kept or '–'} | "
                f"constant: {verdict(constant)} |"
            )
    return lines


def verdict(ok: bool | None) -> str:
    return "n/a" if ok is None else ("met" if ok else "MISSED")


def render_table(results: dict) -> str:
    lines = [
        f"Council: {results['reports']['big']:,} reports (small: {results['reports']['small']:,}); "
        f"{results['concurrency']} concurrent clients, {results['duration']:.0f} s a page; "
        f"run took {results.get('seconds', '?')} s.",
        "",
        "| Public page | rendered req/s | p50 ms | p95 ms | × minimal view | from page cache req/s | × minimal "
        "| queries (small → big) | goal: ≥ 0.5× rendered, constant queries |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |",
    ]
    pages = results.get("pages", {})
    minimal = pages.get("minimal", [])
    if minimal:
        rps = statistics.fmean(m["rps"] for m in minimal)
        p50 = statistics.fmean(m["p50_ms"] for m in minimal)
        p95 = statistics.fmean(m["p95_ms"] for m in minimal)
        lines.append(f"| minimal view (baseline) | {rps:.0f} | {p50:.0f} | {p95:.0f} | 1.00 | – | – | – | – |")
    for kind, small in results.get("queries", {}).get("small", {}).items():
        big = results["queries"]["big"].get(kind)
        page = pages.get(kind)
        constant = big is not None and big <= small
        if page:
            ok = constant and page["ratio"] is not None and page["ratio"] >= 0.5 and page["errors"] == 0
            lines.append(
                f"| {kind} | {page['rps']:.0f} | {page['p50_ms']:.0f} | {page['p95_ms']:.0f} | "
                f"{page['ratio']:.2f} | {page['cached']['rps']:.0f} | {page['cached_ratio']:.2f} | "
                f"{small} → {big} | {verdict(ok)} |"
            )
        else:
            lines.append(f"| {kind} | – | – | – | – | – | – | {small} → {big} | constant: {verdict(constant)} |")
    lines += signed_in_table(results)
    lines += [
        "",
        "| PDF | pages | seconds | pages/s | × WeasyPrint alone | peak MB | goal |",
        "| --- | ---: | ---: | ---: | ---: | ---: | --- |",
    ]
    for key, label in [("pdf_example", "example report"), ("pdf_long", "long report")]:
        pdf = results.get(key)
        if pdf:
            lines.append(
                f"| {label} | {pdf['pages']} | {pdf['seconds']:.2f} | {pdf['pages_per_second']:.1f} | "
                f"{pdf['overhead']:.2f} | {pdf['peak_mb']:.0f} | ≤ 1.1×: {verdict(pdf['overhead'] <= 1.1)} |"
            )
    render = results.get("render")
    if render:
        lines += [
            "",
            "| Through the download view (bench/render.py) | pages | seconds | pages/s | peak MB | × WeasyPrint alone "
            "| worker render s | cached request ms | 304 ms |",
            "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
        ]
        for r in render:
            label = "example report" if r["case"] == "example" else "synthetic report"
            lines.append(
                f"| {label} | {r['pages']} | {r['app_seconds']:.2f} | {r['pages_per_second']:.1f} | "
                f"{r['peak_rss_mib']:.0f} | {r['overhead_ratio']:.2f} | {r['worker_seconds']:.2f} | "
                f"{r['cached_request_seconds'] * 1000:.1f} | {r['not_modified_request_seconds'] * 1000:.1f} |"
            )
    pack = results.get("pdf_pack")
    if pack:
        worst_rebuild = max(pack["rebuild_vs_one_report"], pack.get("rebuild_longer_vs_one_report", 0))
        lines += [
            "",
            "| Agenda pack | pages | full build s | pages/s | rebuild after a correction s | × full build "
            "| × rendering that report alone | after a page-adding correction s | × that report alone "
            "| peak MB | goal |",
            "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |",
            f"| {pack['reports']} reports | {pack['pages']} | {pack['seconds']:.1f} | {pack['pages_per_second']:.1f} | "
            f"{pack['rebuild_seconds']:.1f} | {pack['rebuild_vs_full']:.2f} | {pack['rebuild_vs_one_report']:.2f} | "
            f"{pack.get('rebuild_longer_seconds', float('nan')):.1f} | "
            f"{pack.get('rebuild_longer_vs_one_report', float('nan')):.2f} | {pack['peak_mb']:.0f} | "
            f"rebuild ≤ 1.5× one report: {verdict(worst_rebuild <= 1.5)} |",
        ]
    cached = results.get("cached_pdf")
    if cached:
        served = cached["cached"]
        lines += [
            "",
            "| Cached PDF served | req/s | p50 ms | p95 ms | static file of the same size, req/s | × static | goal |",
            "| --- | ---: | ---: | ---: | ---: | ---: | --- |",
            f"| example report, as production serves it (page cache) | {served['rps']:.0f} | {served['p50_ms']:.0f} | "
            f"{served['p95_ms']:.0f} | {cached['static_rps']:.0f} | {cached['ratio']:.2f} | "
            f"≥ 0.8×: {verdict(cached['ratio'] >= 0.8)} |",
        ]
        view = cached.get("view")
        if view:
            lines.append(
                f"| the same through the view (access check, one query, the file) | {view['rps']:.0f} | "
                f"{view['p50_ms']:.0f} | {view['p95_ms']:.0f} | {cached['static_rps']:.0f} | "
                f"{cached['view_ratio']:.2f} | – |"
            )
    search = results.get("search")
    if results.get("search_error"):
        lines += ["", f"Search: not measured — {results['search_error']}"]
    if search:
        lines += [
            "",
            "| Search | queries | p50 ms | p95 ms | max ms | mean results (counted) | common-word queries | goal |",
            "| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |",
            f"| {search['documents']:,} documents ({search['reports']:,} reports) | {search['queries']} | "
            f"{search['p50_ms']:.0f} | {search['p95_ms']:.0f} | {search.get('max_ms', 0):.0f} | "
            f"{search['mean_results']:.0f} | {search.get('common_word_queries', '–')} | "
            f"p95 < 50 ms: {verdict(search['p95_ms'] < 50)} |",
        ]
    if not results.get("complete"):
        lines += ["", f"Partial run: steps done {', '.join(results.get('steps_done', []))}."]
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())
