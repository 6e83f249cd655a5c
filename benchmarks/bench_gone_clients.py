"""What searches cost a server after their clients gave up (issue 17: a queued request of a gone client).

    python benchmarks/bench_gone_clients.py    # needs benchmarks/out/corpus.db (make_corpus.py)

Starts ``datasette serve -i`` on the corpus's published folder (as ``bench_crowd.py`` does), sends 60
different search pages on 60 connections at once, closes every connection 30 ms later (clients that
gave up), waits 8 seconds and prints the server's CPU time meanwhile, then asks one search more.
"""

import socket
import sys
import time
import urllib.request
from pathlib import Path

import bench_crowd

ROOT = Path(__file__).resolve().parent.parent


def main() -> int:
    db = ROOT / "benchmarks/out/corpus.db"
    site = bench_crowd.site_folder(db)
    searches = bench_crowd.urls(db)[bench_crowd.KINDS[0]]
    with bench_crowd.datasette(site, db.name, site / "gone-clients.log") as base:
        host, port = base.split(":")
        for url in searches[60:70]:  # warm
            urllib.request.urlopen(f"http://{base}{url}").read()
        before = bench_crowd.cpu_seconds()
        connections = []
        for url in searches[:60]:
            connection = socket.create_connection((host, int(port)))
            connection.sendall(f"GET {url} HTTP/1.1\r\nHost: {host}\r\n\r\n".encode())
            connections.append(connection)
        time.sleep(0.03)
        for connection in connections:
            connection.close()
        time.sleep(8)
        spent = bench_crowd.cpu_seconds() - before
        started = time.monotonic()
        status = urllib.request.urlopen(f"http://{base}{searches[80]}").status
        print(
            f"server CPU for 60 searches whose clients left after 30 ms: {spent:.2f} s; "
            f"a search after them: {status} in {time.monotonic() - started:.3f} s"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
