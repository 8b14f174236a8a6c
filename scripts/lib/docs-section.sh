# Sourced by the benchmark scripts. With WRITE_DOCS=1, write_docs_section
# NAME FILE replaces what lies between `<!-- bench:NAME:begin -->` and
# `<!-- bench:NAME:end -->` in docs/performance.md (or $DOCS_FILE) with
# FILE, so the recorded tables are the script's own output, never pasted
# by hand. Without WRITE_DOCS=1 the tables are only printed.
write_docs_section() { # $1: section name, $2: file holding the new section
    [ "${WRITE_DOCS:-0}" = 1 ] || return 0
    local doc="${DOCS_FILE:-docs/performance.md}"
    if ! grep -q "<!-- bench:$1:begin" "$doc" || ! grep -q "<!-- bench:$1:end" "$doc"; then
        echo "no bench:$1 markers in $doc: nothing written" >&2
        return 1
    fi
    awk -v name="$1" -v body="$2" '
        index($0, "<!-- bench:" name ":begin") { print; while ((getline line < body) > 0) print line; skip = 1; next }
        index($0, "<!-- bench:" name ":end") { skip = 0 }
        !skip { print }' "$doc" >"$doc.tmp" && mv "$doc.tmp" "$doc"
    echo "wrote the bench:$1 table into $doc"
}
