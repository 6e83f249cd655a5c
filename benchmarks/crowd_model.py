"""A model of bench_crowd.py's two-process run: where its p95 comes from.

    python benchmarks/crowd_model.py

16 clients that never pause, each sending its requests alternately to the two servers (as
bench_crowd.py's clients do) and walking the same five kinds in turn; each server computes one
request at a time, first come first served (gesprekken_cache's turn). A request's time is its
wait plus its own service time, drawn around the CPU each kind costs alone (BENCHMARKS.md,
issue 17) with a spread (the coefficient of variation ``cv``: words differ). Against that, one
queue for both servers (a request goes to the one free first), which no client alternation gives.
"""

import heapq
import math
import random

KIND_MS = [16.3, 11.7, 9.9, 11.2, 3.0]  # a word, + theme, + speaker/organisation/conference, JSON, conversation
URLS = 500  # bench_crowd.py's list: 100 URLs of each of the five kinds, the kinds in turn


def simulate(policy: str, cv: float, scale: float, seconds: float = 600, clients: int = 16, seed: int = 1) -> tuple:
    """Requests/s, p50, p95 and p99 in ms, after the first five seconds."""
    rnd = random.Random(seed)
    sigma = math.sqrt(math.log(1 + cv**2))

    def service(kind: int) -> float:
        mean = KIND_MS[kind] * scale
        return rnd.lognormvariate(math.log(mean) - sigma**2 / 2, sigma) if cv else mean

    n = [c * URLS // clients for c in range(clients)]  # where each client starts in the list
    free_at = [0.0, 0.0]
    times = []
    events = [(0.0, c) for c in range(clients)]
    while events:
        sent, c = heapq.heappop(events)
        if sent > seconds * 1000:
            break
        server = n[c] % 2 if policy == "alternate" else min((0, 1), key=lambda s: free_at[s])
        done = max(sent, free_at[server]) + service(n[c] % 5)
        free_at[server] = done
        n[c] += 1
        if sent > 5000:
            times.append(done - sent)
        heapq.heappush(events, (done, c))
    times.sort()
    at = [times[round(p / 100 * (len(times) - 1))] for p in (50, 95, 99)]
    return (len(times) / (seconds - 5), *at)


def main() -> None:
    print("| service time | spread (cv) | servers | requests/s | p50 / p95 / p99 ms |")
    print("| --- | ---: | --- | ---: | --- |")
    for scale in (1.04, 0.9, 0.8):  # today's CPU with the clients' share of the cores, 10 % and 20 % less
        for cv in (0.0, 0.5):
            for policy in ("alternate", "shared"):
                rate, p50, p95, p99 = simulate(policy, cv, scale)
                label = "alternating" if policy == "alternate" else "one queue"
                print(f"| x{scale} | {cv} | {label} | {rate:.0f} | {p50:.0f} / {p95:.0f} / {p99:.0f} |")


if __name__ == "__main__":
    main()
