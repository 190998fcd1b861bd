"""bench/run.py keeps its figures as it goes: the table of a run stopped part-way shows what was measured."""

from __future__ import annotations

import json

from bench import run

PARTIAL = {
    "concurrency": 16,
    "duration": 4.0,
    "steps_done": ["queries", "search"],
    "seconds": 31,
    "reports": {"small": 506, "big": 20006},
    "queries": {"small": {"report": 11, "search": 8}, "big": {"report": 11, "search": 8}},
    "search": {
        "queries": 200,
        "p50_ms": 20.4,
        "p95_ms": 32.8,
        "max_ms": 93.1,
        "mean_results": 905,
        "common_word_queries": 40,
        "documents": 43922,
        "reports": 20006,
    },
}


def test_the_table_of_a_partial_run_shows_what_was_measured_and_says_it_is_partial(tmp_path, capsys):
    saved = tmp_path / "results.json"
    saved.write_text(json.dumps(PARTIAL))
    assert run.main(["--table", str(saved)]) == 0
    table = capsys.readouterr().out
    assert "20,006 reports (small: 506)" in table
    assert "| report | – | – | – | – | – | – | 11 → 11 | constant: met |" in table
    assert "| 43,922 documents (20,006 reports) | 200 | 20 | 33 | 93 | 905 | 40 | p95 < 50 ms: met |" in table
    assert "Partial run: steps done queries, search." in table
    assert "Cached PDF" not in table


def test_the_table_shows_the_download_views_figures():
    results = {
        **PARTIAL,
        "complete": True,
        "render": [
            {
                "case": "synthetic",
                "pages": 98,
                "app_seconds": 6.5,
                "pages_per_second": 15.1,
                "peak_rss_mib": 310.0,
                "overhead_ratio": 1.04,
                "worker_seconds": 7.1,
                "cached_request_seconds": 0.0042,
                "not_modified_request_seconds": 0.0031,
            }
        ],
    }
    table = run.render_table(results)
    assert "| synthetic report | 98 | 6.50 | 15.1 | 310 | 1.04 | 7.10 | 4.2 | 3.1 |" in table
    assert "Partial run" not in table


def test_the_table_shows_a_signed_in_members_pages_kept_and_rendered():
    page = {"rps": 60.0, "p50_ms": 200.0, "p95_ms": 300.0, "ratio": 0.12, "errors": 0}
    kept = {"rps": 300.0, "p50_ms": 40.0, "p95_ms": 70.0, "errors": 0}
    results = {
        **PARTIAL,
        "member": {"username": "councillor", "reader": "committees:1,3", "part_2_reports": 2},
        "member_queries": {
            "small": {"rendered": {"meeting": 14, "report": 9}, "kept": {"meeting": 5, "report": 6}},
            "big": {"rendered": {"meeting": 14, "report": 10}, "kept": {"meeting": 5, "report": 6}},
        },
        "signed_in": {
            "minimal": [{"rps": 500.0, "p50_ms": 20.0, "p95_ms": 40.0}],
            "meeting": {**page, "cached": kept, "cached_ratio": 0.6},
            "report": {**page, "cached": {**kept, "rps": 200.0}, "cached_ratio": 0.4},
        },
    }
    table = run.render_table(results)
    assert "Signed in as `councillor` (committees:1,3; 2 of the sampled reports are Part 2)" in table
    assert "| meeting | 60 | 200 | 0.12 | 300 | 40 | 70 | 0.60 | 14 → 14 | 5 → 5 | met |" in table
    # Slower than half the minimal view, and a query more at the bigger size: missed twice over.
    assert "| report | 60 | 200 | 0.12 | 200 | 40 | 70 | 0.40 | 9 → 10 | 6 → 6 | MISSED |" in table
