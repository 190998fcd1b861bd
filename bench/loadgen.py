"""A small HTTP load generator: N concurrent clients on loopback, bounded in requests and time.

    python -m bench.loadgen --concurrency 16 --duration 5 --max-requests 4000 URL [URL ...]

Each client sends GET requests for the URLs in turn (HTTP/1.1, keeping the connection open when the
server allows), and the run prints one JSON line: requests, errors, requests per second, and the
p50/p95 latency in milliseconds. It only talks to 127.0.0.1 / localhost and stops by itself.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import statistics
import time
from urllib.parse import urlsplit

LOOPBACK = {"127.0.0.1", "localhost", "::1"}


def percentile(values: list[float], fraction: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(fraction * (len(ordered) - 1))))
    return ordered[index]


class Client:
    def __init__(self, host: str, port: int):
        self.host, self.port = host, port
        self.reader: asyncio.StreamReader | None = None
        self.writer: asyncio.StreamWriter | None = None

    async def close(self) -> None:
        if self.writer is not None:
            self.writer.close()
            self.reader = self.writer = None

    async def get(self, path: str, headers: dict[str, str]) -> tuple[int, int]:
        """One GET; returns (status, body length). Reconnects when the server closed the connection."""
        if self.writer is None:
            self.reader, self.writer = await asyncio.open_connection(self.host, self.port)
        lines = [f"GET {path} HTTP/1.1", f"Host: {self.host}:{self.port}", "Accept-Encoding: identity"]
        lines += [f"{name}: {value}" for name, value in headers.items()]
        self.writer.write(("\r\n".join(lines) + "\r\n\r\n").encode("latin-1"))
        await self.writer.drain()
        head = await self.reader.readuntil(b"\r\n\r\n")
        status_line, *header_lines = head.decode("latin-1").split("\r\n")
        status = int(status_line.split()[1])
        found = {}
        for line in header_lines:
            if ":" in line:
                name, value = line.split(":", 1)
                found[name.strip().lower()] = value.strip()
        if "content-length" in found:
            body = await self.reader.readexactly(int(found["content-length"]))
        elif found.get("transfer-encoding", "").lower() == "chunked":
            body = b""
            while True:
                size = int((await self.reader.readuntil(b"\r\n")).split(b";")[0], 16)
                chunk = await self.reader.readexactly(size + 2)
                if size == 0:
                    break
                body += chunk[:-2]
        else:
            body = await self.reader.read()
            found["connection"] = "close"
        if found.get("connection", "").lower() == "close":
            await self.close()
        return status, len(body)


async def run(urls: list[str], concurrency: int, duration: float, max_requests: int, headers: dict[str, str]):
    parts = urlsplit(urls[0])
    if parts.hostname not in LOOPBACK:
        raise SystemExit(f"Refusing to load {parts.hostname}: loopback only")
    paths = [urlsplit(u).path + (f"?{urlsplit(u).query}" if urlsplit(u).query else "") for u in urls]
    latencies: list[float] = []
    errors = 0
    statuses: dict[int, int] = {}
    issued = 0
    deadline = time.monotonic() + duration

    async def worker(offset: int) -> None:
        nonlocal errors, issued
        client = Client(parts.hostname, parts.port or 80)
        index = offset
        while time.monotonic() < deadline and issued < max_requests:
            issued += 1
            path = paths[index % len(paths)]
            index += concurrency
            started = time.perf_counter()
            try:
                status, _length = await asyncio.wait_for(client.get(path, headers), timeout=30)
            except (TimeoutError, OSError, asyncio.IncompleteReadError, ValueError):
                errors += 1
                await client.close()
                continue
            latencies.append(time.perf_counter() - started)
            statuses[status] = statuses.get(status, 0) + 1
            if status >= 400:
                errors += 1
        await client.close()

    started = time.monotonic()
    await asyncio.gather(*(worker(i) for i in range(concurrency)))
    elapsed = time.monotonic() - started
    return {
        "requests": len(latencies),
        "errors": errors,
        "statuses": statuses,
        "seconds": round(elapsed, 3),
        "rps": round(len(latencies) / elapsed, 2) if elapsed else 0.0,
        "p50_ms": round(percentile(latencies, 0.50) * 1000, 2),
        "p95_ms": round(percentile(latencies, 0.95) * 1000, 2),
        "mean_ms": round(statistics.fmean(latencies) * 1000, 2) if latencies else float("nan"),
    }


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("urls", nargs="+")
    parser.add_argument("--concurrency", type=int, default=16)
    parser.add_argument("--duration", type=float, default=5.0, help="Seconds; the run stops then at the latest.")
    parser.add_argument("--max-requests", type=int, default=5000)
    parser.add_argument("--header", action="append", default=[], help="Name: value")
    args = parser.parse_args(argv)
    headers = dict(h.split(":", 1) for h in args.header)
    headers = {k.strip(): v.strip() for k, v in headers.items()}
    result = asyncio.run(run(args.urls, args.concurrency, min(args.duration, 120), args.max_requests, headers))
    print(json.dumps(result))


if __name__ == "__main__":
    main()
