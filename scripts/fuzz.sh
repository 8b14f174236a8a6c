#!/usr/bin/env bash
# Fuzzes the parsers that take untrusted input (tests/fuzz/fuzz_targets):
# the listing query string, Accept-Language, the translators' FTL import,
# the CSV import and opening hours. Each target runs FUZZ_SECONDS (CI: a
# few; by hand, e.g. FUZZ_SECONDS=600 scripts/fuzz.sh csv_import).
# No sanitizer: the code under test has no `unsafe` of its own, so what a
# run finds is a panic, a failed property or a hang, which libFuzzer
# reports without one (FUZZ_SANITIZER=address also checks the C code the
# dependencies bring, at twice the build time). cargo-fuzz needs nightly
# flags; the machine's one stable toolchain accepts them with
# RUSTC_BOOTSTRAP=1. Everything it writes stays under target/: the tool,
# the build, the grown corpus and any crash.
set -euo pipefail
cd "$(dirname "$0")/.."

seconds="${FUZZ_SECONDS:-10}"
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(query accept_language ftl_import csv_import opening_hours)
tools="$PWD/target/tools"
export PATH="$tools/bin:$PATH"
if ! cargo fuzz --version >/dev/null 2>&1; then
    echo "installing cargo-fuzz into $tools"
    cargo install --locked --quiet --root "$tools" cargo-fuzz@0.13.2
fi
export RUSTC_BOOTSTRAP=1
# A debug build (overflow checks and debug assertions on) builds in half the
# time of an optimised one, which matters more than speed for a few seconds
# a target; FUZZ_PROFILE=release for long runs by hand.
profile="${FUZZ_PROFILE:-dev}"
if [ "$profile" = release ]; then build=-O; else build=--dev; fi
for target in "${targets[@]}"; do
    corpus="target/fuzz/corpus/$target"
    artifacts="target/fuzz/artifacts/$target/"
    mkdir -p "$corpus" "$artifacts"
    echo "==> fuzzing $target for ${seconds}s"
    log="target/fuzz/$target.log"
    if ! cargo fuzz run --fuzz-dir tests/fuzz --target-dir "target/fuzz-$profile" "$build" \
        --sanitizer "${FUZZ_SANITIZER:-none}" "$target" \
        "$corpus" "tests/fuzz/seeds/$target" -- \
        -max_total_time="$seconds" -rss_limit_mb=2048 -artifact_prefix="$artifacts" \
        -print_final_stats=1 >"$log" 2>&1; then
        tail -40 "$log" >&2
        echo "fuzz target $target failed; its input is in $artifacts (log: $log)" >&2
        exit 1
    fi
    grep -E 'stat::number_of_executed_units|stat::new_units_added' "$log" | sed 's/^/    /'
done
echo "fuzzing: no failure in ${#targets[@]} targets"
