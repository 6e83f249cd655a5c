#!/usr/bin/env bash
# Install the MBROLA Dutch voices that scripts/speak.py speaks the test and benchmark dialogues with.
# mbrola is in Debian main, its voices in contrib/non-free: they are fetched with a separate apt
# configuration (the machine's own sources stay as they are) and unpacked with dpkg-deb, as root.
# Only needed to make recordings again (benchmarks/make_speech_set.py, the naming set); the tests
# use the recordings and transcripts that are shipped.
set -euo pipefail
if ! command -v espeak-ng >/dev/null; then
    echo "install_voices.sh: espeak-ng is not installed; run 'apt-get install espeak-ng' first (the voices are spoken through it)" >&2
    exit 1
fi
apt_dir=$(mktemp -d)
trap 'rm -rf "$apt_dir"' EXIT
mkdir -p "$apt_dir/lists/partial" "$apt_dir/cache/archives/partial" "$apt_dir/debs"
echo "deb [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] http://deb.debian.org/debian bookworm main contrib non-free" \
    > "$apt_dir/sources.list"
options=(-o "Dir::Etc::SourceList=$apt_dir/sources.list" -o Dir::Etc::SourceParts=/dev/null
    -o "Dir::State::Lists=$apt_dir/lists" -o "Dir::Cache=$apt_dir/cache")
apt-get "${options[@]}" update -qq
(cd "$apt_dir/debs" && apt-get "${options[@]}" download mbrola mbrola-nl2 mbrola-nl3)
for deb in "$apt_dir"/debs/*.deb; do dpkg-deb -x "$deb" /; done
espeak-ng -v mb-nl2 -w /dev/null "test"
espeak-ng -v mb-nl3 -w /dev/null "test"
echo "MBROLA nl2 and nl3 installed: espeak-ng -v mb-nl2 / mb-nl3 speak"
