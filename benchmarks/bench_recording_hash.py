"""What checking that each recording is its transcript's own costs (``publish.recording_is_its_own``).

    python benchmarks/bench_recording_hash.py [--recordings 100] [--megabytes 10]

Every public copy build, and every ``gesprekken load``, reads the SHA-256 of each published conversation's
recording to compare it with the transcript's ``recording_sha256`` (a recording pointed at another file, or replaced
under its name, gets no player). N files of M MB of random bytes (a ten-minute MP3 at 128 kbit/s is about 10 MB,
a WAV of the same about 19 MB) are written to a folder of their own; the check is timed cold (the first build after
the files appeared: every file hashed, from the page cache since they were just written, so a disk read would add
to it) and warm (the cache in ``recordings/.gesprekken-sha256.json`` says each file's hash for its size and time).
"""

import argparse
import hashlib
import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from gesprekken.publish import recording_is_its_own  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--recordings", type=int, default=100)
    parser.add_argument("--megabytes", type=float, default=10.0)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-hash-") as folder:
        recordings = Path(folder)
        files = []
        for n in range(args.recordings):
            path = recordings / f"tafel-{n}.mp3"
            data = os.urandom(int(args.megabytes * 1_000_000))
            path.write_bytes(data)
            files.append((path, hashlib.sha256(data).hexdigest()))
        for run in ("cold", "warm", "warm"):
            started = time.perf_counter()
            assert all(recording_is_its_own(path, sha, recordings, set()) for path, sha in files)
            seconds = time.perf_counter() - started
            print(
                f"{run}: {args.recordings} recordings of {args.megabytes:g} MB in {seconds:.3f} s "
                f"({1000 * seconds / args.recordings:.2f} ms each)"
            )


if __name__ == "__main__":
    main()
