"""The editors' desk: page load for a ten-minute conversation, and save latency.

    python benchmarks/bench_desk.py                 # ingests the sample first (about a minute)
    python benchmarks/bench_desk.py --sample-workspace DIR   # a folder where `gesprekken ingest --sample` ran
    python benchmarks/bench_desk.py --others 30     # and 30 more ten-minute conversations in the knowledge base

The ten-minute conversation is made from the sample's transcript: its turns repeated, each
round shifted by the sample's length, until it holds at least 1,500 words (about 600 seconds),
written as a transcript beside the sample and loaded. A real `gesprekken serve` (with and
without ``--public``) answers a real headless Chromium and plain HTTP clients:

- **page usable**: from navigation start until the desk has drawn the transcript, the voices,
  the article and the history and answers clicks (the page's own ``performance.now()`` then);
  the first load after the server started (reported apart), then ``--loads`` loads;
- **save**: ``--saves`` corrections of one word in a turn of the long conversation (alternating
  two spellings), each a POST to the API measured from request to the full answer (the new
  state), which includes writing the transcript, rebuilding that conversation's rows and, with
  ``--public``, the public copy; and the server's CPU time per save (user + system, from /proc).

``--others N`` puts N more published ten-minute conversations (copies under other ids) in the
knowledge base, as a conference day would: what a save costs should not grow with them.
"""

import argparse
import contextlib
import json
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from dataclasses import replace
from pathlib import Path

from gesprekken import Workspace
from gesprekken.transcript import Turn, read, write

WORDS = 1_500
SECRET = "bench-geheim"
CONVERSATION = "a10minuten001"


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def ten_minutes(sample_workspace: Path, target: Path, others: int = 0) -> int:
    """Write the ten-minute conversation (and ``others`` copies) into ``target``/transcripts; returns its word count."""
    shutil.copytree(sample_workspace, target, dirs_exist_ok=True)
    (sample,) = (target / "transcripts").glob("*.md")
    conversation = read(sample)
    length = conversation.duration
    turns: list[Turn] = []
    words = 0
    round_ = 0
    while words < WORDS:
        for turn in conversation.turns:
            shift = round_ * length
            moved = [replace(w, start=round(w.start + shift, 2), end=round(w.end + shift, 2)) for w in turn.words]
            turns.append(Turn(turn.speaker, turn.start + shift, turn.end + shift, turn.text, moved))
            words += len(turn.text.split())
        round_ += 1
    long = replace(
        conversation,
        id=CONVERSATION,
        title="Tien minuten wederkerigheid",
        duration=round_ * length,
        turns=turns,
        recording_sha256=CONVERSATION.ljust(64, "0"),  # an id is the start of its recording's SHA-256
    )
    write(long, target / "transcripts" / "tien-minuten.md")
    for n in range(others):
        other = replace(
            long, id=f"ander{n:07d}", recording_sha256=f"ander{n:07d}".ljust(64, "0"), title=f"Ander gesprek {n + 1}"
        )
        write(other, target / "transcripts" / f"ander-{n}.md")
    Workspace(target / "transcripts", db=target / "gesprekken.db").load()
    return words


@contextlib.contextmanager
def serve(workspace: Path, public: bool):
    from datasette_auth_passwords.utils import hash_password

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    env = {
        **os.environ,
        "GESPREKKEN_EDITOR_PASSWORD_HASH": hash_password("bench", iterations=1000),
        "DATASETTE_SECRET": SECRET,
    }
    gesprekken = str(Path(sys.executable).parent / "gesprekken")
    args = [gesprekken, "serve", "--port", str(port)] + (["--public"] if public else [])
    server = subprocess.Popen(args, cwd=workspace, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(200):
            try:
                urllib.request.urlopen(f"{base}/-/static/app.css", timeout=5).close()
                break
            except OSError:
                time.sleep(0.3)
        yield base, server.pid
    finally:
        server.terminate()
        server.wait(timeout=60)


def editor_cookie() -> str:
    from itsdangerous import URLSafeSerializer

    return URLSafeSerializer(SECRET, "actor").dumps({"a": {"id": "editor"}})


def page_loads(base: str, loads: int) -> tuple[float, list[float], list[float]]:
    """The first load after start, then ``loads`` more: ms until usable, and the HTML's own time."""
    from playwright.sync_api import sync_playwright

    url = f"{base}/-/gesprekken/redactie/{CONVERSATION}"
    usable, html = [], []
    with sync_playwright() as p:
        chromium = shutil.which("chromium") or "/usr/bin/chromium"
        browser = p.chromium.launch(executable_path=chromium, args=["--no-sandbox", "--disable-gpu"])
        context = browser.new_context(viewport={"width": 1400, "height": 1000})
        context.add_cookies([{"name": "ds_actor", "value": editor_cookie(), "url": base}])
        page = context.new_page()
        page.goto(f"{base}/-/static/app.css")  # the browser's own first navigation is not the desk's
        for n in range(loads + 1):
            page.goto(url)
            page.wait_for_function("() => document.body.dataset.redactie === 'klaar'", timeout=60_000)
            ready = float(page.evaluate("() => document.body.dataset.klaarNa"))
            response_end = page.evaluate("() => performance.getEntriesByType('navigation')[0].responseEnd")
            if n == 0:
                first = ready
            else:
                usable.append(ready)
                html.append(response_end)
        browser.close()
    return first, usable, html


def cpu_seconds(pid: int) -> float:
    """User and system CPU time of a process so far (Linux)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def saves(base: str, count: int, pid: int) -> tuple[list[float], int, float]:
    """``count`` corrections of one word: ms per save (request to full answer), the state's size, and
    the server's CPU ms per save."""
    api = f"{base}/-/gesprekken/redactie/{CONVERSATION}"
    headers = {"Cookie": f"ds_actor={editor_cookie()}"}
    with urllib.request.urlopen(urllib.request.Request(f"{api}.json", headers=headers), timeout=60) as response:
        body = response.read()
    state = json.loads(body)
    turn = len(state["turns"]) // 2
    text = state["turns"][turn]["text"]
    base = text.removesuffix(" (bewerkt)")
    spellings = [base + " (bewerkt)", base] if text == base else [base, base + " (bewerkt)"]
    version = state["version"]
    times = []
    cpu = 0.0
    for n in range(count + 1):
        payload = json.dumps({"version": version, "turn": turn, "text": spellings[n % 2]}).encode()
        request = urllib.request.Request(
            f"{api}/tekst",
            data=payload,
            headers={**headers, "Content-Type": "application/json", "X-Gesprekken": "1"},
        )
        before = cpu_seconds(pid)
        start = time.perf_counter()
        with urllib.request.urlopen(request, timeout=60) as response:
            answer = json.loads(response.read())
        elapsed = (time.perf_counter() - start) * 1000
        used = cpu_seconds(pid) - before
        if not answer["saved"]:
            raise RuntimeError("a save changed nothing; the benchmark would measure nothing")
        version = answer["state"]["version"]
        if n:  # the first save loads the Dutch pipeline, if the page's warm-up has not yet
            times.append(elapsed)
            cpu += used
    return times, len(body), cpu * 1000 / count


def polls(base: str, count: int, pid: int) -> tuple[list[float], float]:
    """``count`` asks of an open page after changes made elsewhere (GET <desk>/versie, every 15 s per open tab): ms
    per ask, and the server's CPU ms per ask."""
    request = urllib.request.Request(
        f"{base}/-/gesprekken/redactie/{CONVERSATION}/versie", headers={"Cookie": f"ds_actor={editor_cookie()}"}
    )
    times, before = [], cpu_seconds(pid)
    for _ in range(count):
        start = time.perf_counter()
        with urllib.request.urlopen(request, timeout=60) as response:
            json.loads(response.read())
        times.append((time.perf_counter() - start) * 1000)
    return times, (cpu_seconds(pid) - before) * 1000 / count


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sample-workspace", type=Path, help="a folder where `gesprekken ingest --sample` ran")
    parser.add_argument("--loads", type=int, default=20)
    parser.add_argument("--saves", type=int, default=50)
    parser.add_argument("--others", type=int, default=0, help="more ten-minute conversations in the knowledge base")
    options = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-desk-") as tmp:
        source = options.sample_workspace
        if source is None:
            source = Path(tmp) / "sample"
            source.mkdir()
            gesprekken = str(Path(sys.executable).parent / "gesprekken")
            subprocess.run([gesprekken, "ingest", "--sample", "--quiet"], cwd=source, check=True)
        workspace = Path(tmp) / "desk"
        words = ten_minutes(source, workspace, options.others)
        load = " / ".join(f"{x:.1f}" for x in os.getloadavg())
        print(
            f"ten-minute conversation: {words} words, {options.others} more like it in the knowledge base; "
            f"{os.cpu_count()} CPUs, load average {load}\n"
        )
        print(
            "| serve | first load (ms) | page usable p50 / p95 (ms) | HTML p50 (ms) | save p50 / p95 (ms) "
            "| server CPU per save (ms) | version ask p50 / p95 (ms) | server CPU per ask (ms) |"
        )
        print("| --- | --- | --- | --- | --- | --- | --- | --- |")
        for public in (False, True):
            with serve(workspace, public) as (base, pid):
                first, usable, html = page_loads(base, options.loads)
                times, size, cpu = saves(base, options.saves, pid)
                asks, ask_cpu = polls(base, options.saves, pid)
            print(
                f"| {'--public' if public else 'local'} | {first:.0f} | "
                f"{statistics.median(usable):.0f} / {percentile(usable, 95):.0f} | {statistics.median(html):.0f} | "
                f"{statistics.median(times):.0f} / {percentile(times, 95):.0f} | {cpu:.0f} | "
                f"{statistics.median(asks):.1f} / {percentile(asks, 95):.1f} | {ask_cpu:.1f} |"
            )
        load = " / ".join(f"{x:.1f}" for x in os.getloadavg())
        print(f"\nstate JSON of the desk: {size / 1024:.0f} kB; load average after: {load}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
