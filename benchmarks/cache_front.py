"""A real cache in front of a published site: Debian's nginx with the README's configuration.

Used by the tests (tests/test_cache.py) and the load benchmark (bench_crowd.py) alike, so both run
the configuration the README gives, unchanged but for its ports and its cache folder:

    with nginx_in_front(["127.0.0.1:8001", "127.0.0.1:8002"], tmp_path) as base:
        urllib.request.urlopen(f"{base}/-/gesprekken/zoeken?q=maatwerk")  # once it listens
"""

import contextlib
import os
import re
import shutil
import socket
import subprocess
import time
from pathlib import Path

README = Path(__file__).resolve().parent.parent / "README.md"


def readme_config() -> str:
    """The nginx configuration in README.md: the fenced block after ``<!-- nginx-config -->``."""
    match = re.search(r"<!-- nginx-config -->\n```nginx\n(.+?)\n```", README.read_text(encoding="utf-8"), re.S)
    if not match:
        raise RuntimeError("README.md has no nginx configuration after <!-- nginx-config -->")
    return match.group(1)


def nginx() -> str:
    found = shutil.which("nginx") or shutil.which("nginx", path="/usr/sbin:/usr/local/sbin")
    if not found:
        raise RuntimeError("no nginx to put in front: install Debian's nginx (apt-get install nginx)")
    return found


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def config(upstreams: list[str], port: int, folder: Path, cache: bool = True) -> str:
    """The README's configuration for these upstream servers, listening on ``port`` on loopback,
    caching in ``folder``, wrapped in what a whole nginx.conf needs (a pid file, logs, temp
    folders in ``folder``; root's workers stay root, as the cache folder is root's).
    ``cache=False``: the same balancing in front of the processes, the cache turned off (what a
    crowd of pages the cache does not hold gets)."""
    block = readme_config()
    if not cache:
        block, off = re.subn(r"(?m)^(\s*)proxy_cache gesprekken;$", r"\1proxy_cache off;", block)
        if off != 1:
            raise RuntimeError("the README's nginx configuration no longer has 'proxy_cache gesprekken;'")
    servers = "\n".join(f"    server {u};" for u in upstreams)
    block, found = re.subn(
        r"(?m)^\s*server 127\.0\.0\.1:\d+;\n(?:\s*server 127\.0\.0\.1:\d+;\n)*", servers + "\n", block
    )
    block = block.replace("listen 80;", f"listen 127.0.0.1:{port};").replace(
        "/var/cache/gesprekken", str(folder / "cache")
    )
    if found != 1 or f"listen 127.0.0.1:{port};" not in block:
        raise RuntimeError(
            "the README's nginx configuration no longer has the upstream servers and listen 80 this expects"
        )
    temp = "\n".join(
        f"    {kind}_temp_path {folder / kind};" for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
    )
    return f"""{"user root;" if os.geteuid() == 0 else ""}
daemon off;
worker_processes 2;
pid {folder / "nginx.pid"};
error_log {folder / "error.log"} warn;
events {{ worker_connections 1024; }}
http {{
    access_log off;
{temp}
{block}
}}
"""


@contextlib.contextmanager
def nginx_in_front(upstreams: list[str], folder: Path, port: int | None = None, cache: bool = True):
    """Run nginx with the README's cache in front of ``upstreams`` (``host:port``); yield its URL.
    ``cache=False``: the README's balancing alone (see :func:`config`)."""
    folder.mkdir(parents=True, exist_ok=True)
    port = port or free_port()
    conf = folder / "nginx.conf"
    conf.write_text(config(upstreams, port, folder, cache), encoding="utf-8")
    log = open(folder / "nginx.out", "w+b")
    server = subprocess.Popen(
        [nginx(), "-c", str(conf), "-p", str(folder), "-e", str(folder / "error.log")], stdout=log, stderr=log
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:  # listening (the servers behind it may start later, or restart)
            try:
                socket.create_connection(("127.0.0.1", port), timeout=5).close()
                break
            except OSError:
                if server.poll() is not None or time.monotonic() > deadline:
                    log.seek(0)
                    errors = (
                        (folder / "error.log").read_text(errors="replace") if (folder / "error.log").exists() else ""
                    )
                    raise RuntimeError(f"nginx did not start: {log.read().decode(errors='replace')} {errors}") from None
                time.sleep(0.1)
        yield base
    finally:
        server.terminate()
        server.wait(timeout=30)
        log.close()
