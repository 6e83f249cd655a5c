"""The knowledge base under a crowd: requests/s and latency per kind of request, over real HTTP.

    python benchmarks/make_corpus.py benchmarks/out/corpus.db      # 10,000 conversations, 1M turns
    python benchmarks/bench_crowd.py benchmarks/out/corpus.db --seconds 10

The corpus is served as a published folder (benchmarks/out/crowd-site/: the database, hard-linked,
and the metadata `gesprekken publish` writes) by real servers, each its own process on loopback:

- **one process**: ``datasette serve -i``, as the published folder's README says;
- **two processes**: the same twice, each client alternating between them;
- **two processes behind nginx, balanced**: the README's nginx configuration with its cache turned
  off: each request to the process with the fewest requests in hand (``least_conn``), so the two
  queues stay even, where clients alternating leave one queue long and the other short (see
  ``crowd_model.py``); what a crowd of pages no cache holds gets, nginx's CPU counted with the servers';
- **behind the cache**: Debian's nginx with the README's configuration (benchmarks/cache_front.py)
  in front of the two processes, after one request for every URL (a crowd repeats the pages
  that were shared).

The clients are this script's own: up to four client processes, each running threads with a
keep-alive connection (http.client), at 1, 4 and 16 clients that never pause (each sends its
next request as soon as the answer is in), for ``--seconds`` each. Every client walks the same
list of URLs of five kinds (one word, a word with a theme, a word with a speaker, an
organisation or a conference, the JSON of a search with two filters, a conversation page), each
starting elsewhere in it; ``--urls`` distinct URLs per kind (100: a hundred words of the corpus,
each with its own filter values, and a hundred conversations), so a crowd's searches differ as
a real crowd's do. Reported per kind: requests/s, p50, p95 and p99 in milliseconds, and
errors (anything but a 200, or a connection that failed); with the load
average of the machine before and after each run, since the clients share its cores with the
servers (and, on a shared machine, with everyone else). And the servers' own CPU time per request
(the Datasette processes, and nginx with its workers), which other load on the machine changes
far less than it changes latency: one Datasette process (one core at a time, Python's GIL) can
answer at most about 1000 / (CPU ms per request) requests a second. And the clients' own CPU time
per request (this script's client processes), which shares the same cores.
"""

import argparse
import http.client
import json
import multiprocessing
import os
import re
import resource
import sqlite3
import subprocess
import sys
import threading
import time
import urllib.request
from contextlib import ExitStack, contextmanager
from pathlib import Path
from urllib.parse import quote_plus

from cache_front import free_port, nginx_in_front

from gesprekken.publish import site_metadata
from gesprekken.serve import settings_args

ROOT = Path(__file__).resolve().parent
WORDS = ["schuldhulpverlening", "maatwerk", "leefbaarheid", "Hoekstra", "Apeldoorn", "huurders", "gemeente", "samen"]
KINDS = [
    "zoeken: woord",
    "zoeken: woord + thema",
    "zoeken: woord + spreker, organisatie of congres",
    "zoeken.json: woord + thema + congres",
    "gesprek",
]


def search_words(conn, count: int) -> list[str]:
    """``count`` distinct words to search for: WORDS, then words of five letters or more in the order
    they occur in turns spread over the corpus, so common words come up more often than rare
    ones, as in what a crowd types (every word is in the corpus)."""
    found = dict.fromkeys(WORDS)
    for (text,) in conn.execute("SELECT text FROM turns WHERE rowid % 997 = 11"):
        for word in re.findall(r"[^\W\d_]{5,}", text):
            if word.casefold() not in {w.casefold() for w in found}:
                found[word] = None
            if len(found) >= count:
                return list(found)
    return list(found)


def urls(db_path: Path, count: int = 100) -> dict[str, list[str]]:
    """``count`` URLs of each kind, all distinct: real words, filter values and conversations of
    the corpus. (Before issue 17's second round: the same 8 words and 16 conversations.)"""
    with sqlite3.connect(f"file:{db_path}?immutable=1", uri=True) as conn:
        words = search_words(conn, count)
        speakers = [
            r[0] for r in conn.execute("SELECT DISTINCT name FROM participants ORDER BY rowid LIMIT ?", [count])
        ]
        organisations = [
            r[0] for r in conn.execute("SELECT DISTINCT organisation FROM participants ORDER BY rowid LIMIT ?", [count])
        ]
        conferences = [r[0] for r in conn.execute("SELECT DISTINCT conference FROM conversations ORDER BY 1")]
        themes = [r[0] for r in conn.execute("SELECT id FROM themes ORDER BY id")]
        total = conn.execute("SELECT max(rowid) FROM conversations").fetchone()[0]
        conversations = [
            r[0] for r in conn.execute("SELECT id FROM conversations WHERE rowid % ? = 3", [max(1, total // count)])
        ][:count]
    others = [("spreker", speakers), ("organisatie", organisations), ("congres", conferences)]
    return {
        KINDS[0]: [f"/-/gesprekken/zoeken?q={quote_plus(w)}" for w in words],
        KINDS[1]: [
            f"/-/gesprekken/zoeken?q={quote_plus(w)}&thema={quote_plus(themes[i * 7 % len(themes)])}"
            for i, w in enumerate(words)
        ],
        KINDS[2]: [
            f"/-/gesprekken/zoeken?q={quote_plus(w)}&{others[i % 3][0]}="
            f"{quote_plus(others[i % 3][1][i * 7 % len(others[i % 3][1])])}"
            for i, w in enumerate(words)
        ],
        KINDS[3]: [
            f"/-/gesprekken/zoeken.json?q={quote_plus(w)}&thema={quote_plus(themes[i * 3 % len(themes)])}"
            f"&congres={quote_plus(conferences[i % len(conferences)])}"
            for i, w in enumerate(words)
        ],
        KINDS[4]: [f"/-/gesprekken/gesprek/{c}" for c in conversations],
    }


def site_folder(db_path: Path) -> Path:
    """A published folder of the corpus: the database hard-linked, the metadata publish writes."""
    site = db_path.parent / "crowd-site"
    site.mkdir(exist_ok=True)
    linked = site / db_path.name
    if not linked.exists() or not os.path.samefile(linked, db_path):
        linked.unlink(missing_ok=True)
        os.link(db_path, linked)
    (site / "recordings").mkdir(exist_ok=True)
    (site / "metadata.json").write_text(json.dumps(site_metadata(linked), ensure_ascii=False), encoding="utf-8")
    return site


SERVERS: list[int] = []  # the pids of the servers under test: their CPU time is measured too


def cpu_seconds() -> float:
    """CPU time used so far by the servers under test and their children (nginx's workers)."""
    pids = set(SERVERS)
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) in SERVERS:  # ppid
            pids.add(int(stat.parent.name))
    ticks = 0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        ticks += int(fields[11]) + int(fields[12])  # utime, stime
    return ticks / os.sysconf("SC_CLK_TCK")


@contextmanager
def datasette(site: Path, db_name: str, log: Path):
    port = free_port()
    command = [sys.executable, "-m", "datasette", "serve", "-i", db_name, "--metadata", "metadata.json"]
    with open(log, "wb") as out:
        server = subprocess.Popen([*command, *settings_args(), "--port", str(port)], cwd=site, stdout=out, stderr=out)
    SERVERS.append(server.pid)
    base = f"127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 120
        while True:
            try:
                with urllib.request.urlopen(f"http://{base}/-/static/app.css", timeout=10):
                    break
            except OSError:
                if server.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(f"datasette did not start: {log.read_text(errors='replace')[-2000:]}") from None
                time.sleep(0.3)
        yield base
    finally:
        SERVERS.remove(server.pid)
        server.terminate()
        server.wait(timeout=60)


def warm_up(bases: list[str], plan: dict[str, list[str]]) -> None:
    """Every URL once from each server: the file in the page cache, the ETag's hash computed."""
    for base in bases:
        for path in [p for paths in plan.values() for p in paths]:
            with urllib.request.urlopen(f"http://{base}{path}", timeout=120) as response:
                response.read()


def client_thread(bases: list[str], work: list[tuple[str, str]], start: int, deadline: float, out: list) -> None:
    connections = {}
    n = start
    while time.monotonic() < deadline:
        kind, path = work[n % len(work)]
        base = bases[n % len(bases)]
        n += 1
        began = time.perf_counter()
        try:
            conn = connections.get(base) or http.client.HTTPConnection(*base.split(":"), timeout=60)
            connections[base] = conn
            conn.request("GET", path)
            response = conn.getresponse()
            response.read()
            status = response.status
        except (OSError, http.client.HTTPException):
            connections.pop(base, None)
            status = 0
        out.append((kind, (time.perf_counter() - began) * 1000, status))


def client_process(bases, work, starts, deadline, queue) -> None:
    results: list = []
    threads = [
        threading.Thread(target=client_thread, args=(bases, work, s, deadline, results), daemon=True) for s in starts
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    queue.put(results)


def _children_cpu() -> float:
    """CPU time of this script's finished children: the client processes, once joined (the
    servers are still running, so they are not in it)."""
    used = resource.getrusage(resource.RUSAGE_CHILDREN)
    return used.ru_utime + used.ru_stime


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))] if ordered else float("nan")


def crowd(bases: list[str], plan: dict[str, list[str]], clients: int, seconds: float) -> dict:
    """``clients`` clients for ``seconds``; per kind requests/s, p50/p95/p99 and errors."""
    # The kinds in turn, each walking its own URLs: every kind gets the same share of requests.
    work = [(kind, paths[i % len(paths)]) for i in range(max(map(len, plan.values()))) for kind, paths in plan.items()]
    processes = min(clients, 4)
    starts = [c * len(work) // clients for c in range(clients)]
    queue = multiprocessing.get_context("fork").Queue()
    load_before = os.getloadavg()[0]
    cpu_before = cpu_seconds()
    clients_before = _children_cpu()
    deadline = time.monotonic() + seconds
    began = time.monotonic()
    workers = [
        multiprocessing.get_context("fork").Process(
            target=client_process, args=(bases, work, starts[p::processes], deadline, queue)
        )
        for p in range(processes)
    ]
    for w in workers:
        w.start()
    results = [r for _ in workers for r in queue.get(timeout=seconds + 120)]
    for w in workers:
        w.join(timeout=60)
    elapsed = time.monotonic() - began
    report = {
        "clients": clients,
        "seconds": round(elapsed, 1),
        "load": (load_before, os.getloadavg()[0]),
        "server_cpu_ms": (cpu_seconds() - cpu_before) * 1000 / max(1, len(results)),
        "client_cpu_ms": (_children_cpu() - clients_before) * 1000 / max(1, len(results)),
        "kinds": {},
    }
    for kind in [*plan, "all"]:
        mine = [r for r in results if kind in ("all", r[0])]
        ok = [ms for _, ms, status in mine if status == 200]
        report["kinds"][kind] = {
            "requests_per_s": len(mine) / elapsed,
            "p50": percentile(ok, 50),
            "p95": percentile(ok, 95),
            "p99": percentile(ok, 99),
            "errors": len(mine) - len(ok),
        }
    return report


def print_report(setup: str, reports: list[dict]) -> None:
    print(f"\n{setup}:\n")
    print(
        "| clients | kind | requests/s | p50 ms | p95 ms | p99 ms | errors | load before / after | server CPU "
        "| client CPU |"
    )
    print("| ---: | --- | ---: | ---: | ---: | ---: | ---: | --- | ---: | ---: |")
    for report in reports:
        load = "{:.1f} / {:.1f}".format(*report["load"])
        for kind, k in report["kinds"].items():
            label = f"**{kind}**" if kind == "all" else kind
            cpu = f"{report['server_cpu_ms']:.2f} ms/request" if kind == "all" else ""
            client = f"{report['client_cpu_ms']:.2f} ms/request" if kind == "all" else ""
            print(
                f"| {report['clients']} | {label} | {k['requests_per_s']:.1f} | {k['p50']:.1f} | {k['p95']:.1f} | "
                f"{k['p99']:.1f} | {k['errors']} | {load} | {cpu} | {client} |"
            )
    sys.stdout.flush()


def behind_nginx(upstreams: list[str], folder: Path, plan: dict, args, cache: bool) -> list[dict]:
    """The crowds of ``args.clients`` through nginx (the README's configuration, its cache on or
    off) in front of ``upstreams``, nginx's CPU (its master and workers) measured with the servers'."""
    with nginx_in_front(upstreams, folder, cache=cache) as base:
        master = int((folder / "nginx.pid").read_text())
        SERVERS.append(master)
        try:
            address = base.removeprefix("http://")
            warm_up([address], plan)
            return [crowd([address], plan, n, args.seconds) for n in args.clients]
        finally:
            SERVERS.remove(master)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("db", type=Path)
    parser.add_argument("--seconds", type=float, default=10.0, help="how long each crowd runs")
    parser.add_argument("--clients", type=int, nargs="+", default=[1, 4, 16])
    parser.add_argument("--urls", type=int, default=100, help="distinct URLs per kind of request")
    parser.add_argument(
        "--setups", nargs="+", default=["one", "two", "cache"], choices=["one", "two", "balanced", "cache"]
    )
    args = parser.parse_args()
    if not args.db.exists():
        print(f"{args.db} does not exist; make it with benchmarks/make_corpus.py", file=sys.stderr)
        return 1
    db_path = args.db.resolve()
    site = site_folder(db_path)
    plan = urls(db_path, args.urls)
    print(
        json.dumps(
            {"python": sys.version.split()[0], "cpus": os.cpu_count(), "urls": {k: len(v) for k, v in plan.items()}}
        )
    )
    with ExitStack() as stack:
        first = stack.enter_context(datasette(site, db_path.name, site / "datasette-1.log"))
        warm_up([first], plan)
        if "one" in args.setups:
            print_report(
                "One process (datasette serve -i)", [crowd([first], plan, n, args.seconds) for n in args.clients]
            )
        if {"two", "balanced", "cache"} & set(args.setups):
            second = stack.enter_context(datasette(site, db_path.name, site / "datasette-2.log"))
            warm_up([second], plan)
            if "two" in args.setups:
                reports = [crowd([first, second], plan, n, args.seconds) for n in args.clients]
                print_report("Two processes, the clients alternating", reports)
            if "balanced" in args.setups:
                reports = behind_nginx([first, second], site / "nginx-balanced", plan, args, cache=False)
                print_report("Two processes behind nginx, the README's balancing without its cache", reports)
            if "cache" in args.setups:
                reports = behind_nginx([first, second], site / "nginx", plan, args, cache=True)
                print_report("Behind the cache (nginx, the README's configuration, in front of the two)", reports)
    return 0


if __name__ == "__main__":
    sys.exit(main())
