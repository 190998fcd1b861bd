"""Search latency: 200 realistic queries against the seeded council, as an anonymous visitor sees them
(the first page of ranked results with highlighted snippets, and the total for the pager).

    DATABASE_URL=… python -m bench.searchbench      # prints JSON
"""

from __future__ import annotations

import json
import time

from bench.loadgen import percentile
from bench.pages import search_queries

PAGE_SIZE = 20


def main() -> None:
    from bench.seed import setup_django

    setup_django()
    from django.contrib.auth.models import AnonymousUser
    from django.core.paginator import Paginator

    from committee import search
    from committee.models import SearchDocument
    from reports.models import Report

    anonymous = AnonymousUser()
    queries = search_queries(200)

    def one(query: str) -> int:
        found = search.search(anonymous, search.SearchFilters(query=query))
        page = Paginator(found, PAGE_SIZE).get_page(1)
        [search.snippet(document, query) for document in page.object_list]
        return page.paginator.count

    for query in queries[:10]:  # warm the connection and PostgreSQL's caches
        one(query)
    timings, results = [], []
    for query in queries:
        started = time.perf_counter()
        results.append(one(query))
        timings.append(time.perf_counter() - started)
    print(
        json.dumps(
            {
                "queries": len(queries),
                "p50_ms": round(percentile(timings, 0.5) * 1000, 1),
                "p95_ms": round(percentile(timings, 0.95) * 1000, 1),
                "max_ms": round(max(timings) * 1000, 1),
                "mean_results": sum(results) / len(results),
                "documents": SearchDocument.objects.count(),
                "reports": Report.objects.count(),
            }
        )
    )


if __name__ == "__main__":
    main()
