#!/usr/bin/env bash
# Dependency checks that run offline: cargo audit against the RustSec
# advisory snapshot in ../shared/rustsec (vulnerabilities, and warnings:
# unmaintained, unsound or yanked crates, fail the run), then the licence
# of every crate the server is built from (scripts/check-licenses.py).
# cargo-audit is installed into target/tools when missing; nothing is
# cached outside the repository.
set -euo pipefail
cd "$(dirname "$0")/.."

tools="$PWD/target/tools"
export PATH="$tools/bin:$PATH"
if ! cargo audit --version >/dev/null 2>&1; then
    echo "installing cargo-audit into $tools (a few minutes)"
    # Binary scanning (the default feature) is not used: the lock file is.
    cargo install --locked --quiet --no-default-features --root "$tools" cargo-audit@0.22.2
fi
bundle="${RUSTSEC_BUNDLE:-../shared/rustsec/advisory-db.bundle}"
db="target/advisory-db"
rm -rf "$db"
git -c init.defaultBranch=main clone --quiet "$bundle" "$db"
cargo audit --db "$db" --no-fetch --deny warnings
python3 scripts/check-licenses.py
