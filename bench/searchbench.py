"""Search latency: 200 realistic queries against the seeded council, as an anonymous visitor sees them
(the first page of ranked results with highlighted snippets, and the total: publishing/search.py's
``find``, as the search page calls it).

    DATABASE_URL=… python -m bench.searchbench [--slowest 10]     # prints JSON

``--slowest N`` adds the N slowest distinct queries (median of their repeats, ms, and their totals).
"""

from __future__ import annotations

import argparse
import json
import statistics
import time
from collections import defaultdict

from bench.loadgen import percentile
from bench.pages import search_queries

# The app's modules are imported inside functions, after django.setup(): Django must be configured
# (which settings and which database, chosen per run) before any model loads, which is Django's rule.

PAGE_SIZE = 20


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--slowest", type=int, default=0)
    args = parser.parse_args()
    from bench.seed import setup_django

    setup_django()
    from django.contrib.auth.models import AnonymousUser

    from committee.models import SearchDocument
    from publishing import search
    from reports.models import Report

    anonymous = AnonymousUser()
    queries = search_queries(200)

    def one(query: str) -> int | None:
        """The total, or None where the words are so common that only the most recent papers were read."""
        return search.find(anonymous, search.SearchFilters(query=query), 1, PAGE_SIZE).total

    for query in queries[:10]:  # warm the connection and PostgreSQL's caches
        one(query)
    timings, results = [], []
    for query in queries:
        started = time.perf_counter()
        results.append(one(query))
        timings.append(time.perf_counter() - started)
    by_query = defaultdict(list)
    for query, seconds, total in zip(queries, timings, results, strict=True):
        by_query[(query, total)].append(seconds)
    slowest = sorted(
        ((round(statistics.median(times) * 1000, 1), query, total) for (query, total), times in by_query.items()),
        reverse=True,
    )[: args.slowest]
    print(
        json.dumps(
            {
                **({"slowest": slowest} if args.slowest else {}),
                "queries": len(queries),
                "p50_ms": round(percentile(timings, 0.5) * 1000, 1),
                "p95_ms": round(percentile(timings, 0.95) * 1000, 1),
                "max_ms": round(max(timings) * 1000, 1),
                "mean_results": round(
                    sum(r for r in results if r is not None) / max(1, sum(r is not None for r in results))
                ),
                "common_word_queries": sum(r is None for r in results),
                "documents": SearchDocument.objects.count(),
                "reports": Report.objects.count(),
            }
        )
    )


if __name__ == "__main__":
    main()
