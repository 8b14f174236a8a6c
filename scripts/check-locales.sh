#!/usr/bin/env bash
# Checks the locale files twice: with our own checker (`directory locales
# check`: syntax, missing/obsolete, variables, references, attributes,
# the glossary, punctuation, Korean particles) and with Mozilla's
# compare-locales (what Pontoon runs), configured by locales/l10n.toml.
# Exits non-zero when either finds an error, or when our checker finds any
# warning: the shipped files carry none. compare-locales' own warnings are
# printed but pass.
#
#   scripts/check-locales.sh
#
# compare-locales is installed into target/l10n-venv (inside the
# repository, like everything CI caches) the first time.
set -euo pipefail
cd "$(dirname "$0")/.."

VENV=target/l10n-venv
COMPARE_LOCALES_VERSION='compare-locales>=9,<10'
status=0

printf '==> directory locales check\n'
cargo run --quiet -- locales check --dir locales --deny-warnings || status=1

printf '\n==> every locale folder is listed in locales/l10n.toml\n'
# compare-locales passes a locale it is not told about silently.
for folder in locales/*/; do
    tag=$(basename "$folder")
    [ "$tag" = en ] && continue
    if ! grep -Eq "^[[:space:]]*\"$tag\"," locales/l10n.toml; then
        echo "error: locales/$tag is not in the locales list of locales/l10n.toml"
        status=1
    fi
done

printf '\n==> compare-locales\n'
if [ ! -x "$VENV/bin/compare-locales" ]; then
    python3 -m venv "$VENV"
    "$VENV/bin/pip" install --quiet --disable-pip-version-check "$COMPARE_LOCALES_VERSION"
fi
"$VENV/bin/compare-locales" --version
report=$(mktemp)
trap 'rm -f "$report"' EXIT
# Its exit code covers errors only; the JSON also has missing entries and
# warnings, which are printed here so they are seen.
"$VENV/bin/compare-locales" --json "$report" locales/l10n.toml . >/dev/null || true
"$VENV/bin/python" - "$report" <<'PY' || status=1
import json, sys

with open(sys.argv[1]) as f:
    runs = json.load(f)
errors = 0

def walk(node, path):
    global errors
    # details: {file: [{"error"|"warning"|"missingEntity"|"obsoleteEntity": text}]}
    if isinstance(node, dict):
        for key, value in node.items():
            walk(value, path + [key])
    elif isinstance(node, list):
        for item in node:
            if isinstance(item, dict):
                for kind, text in item.items():
                    label = {"missingEntity": "warning[missing]",
                             "obsoleteEntity": "warning[obsolete]"}.get(kind, kind)
                    if kind == "error":
                        errors += 1
                    print(f"{'/'.join(path)}: {label}: {text}")
            else:
                walk(item, path)

for run in runs:
    walk(run.get("details", {}), [])
    for locale, summary in sorted(run.get("summary", {}).items()):
        errors += summary.get("errors", 0)
        print(f"{locale}: {summary.get('errors', 0)} error(s), "
              f"{summary.get('warnings', 0)} warning(s), "
              f"{summary.get('missing', 0)} missing, {summary.get('obsolete', 0)} obsolete")
sys.exit(1 if errors else 0)
PY

if [ "$status" -ne 0 ]; then
    printf '\nlocale check FAILED\n'
else
    printf '\nlocale check passed\n'
fi
exit "$status"
