#!/usr/bin/env bash
# The format check (.ci/run runs it through scripts/test.sh): every C file of
# the product and of the C unit tests must equal clang-format's output under
# the root .clang-format. Fixture headers and C files of tests/ are exempt
# (their text is test data: positions, layouts). The generated call stubs are
# not in the tree (the build writes them). With --fix, the files are
# reformatted in place.
set -euo pipefail
cd "$(dirname "$0")/.."
fmt=${CLANG_FORMAT:-clang-format}
command -v "$fmt" >/dev/null || { echo "check-format: $fmt not found (apt-get install clang-format)" >&2; exit 1; }
mapfile -t files < <(git ls-files 'runtime/*.[ch]' 'importer/*.[ch]' 'cli/*.[ch]' 'tests/unit/*.[ch]' \
  'tests/importer/unit_*.c' 'tests/fuzz/*.[ch]' 'bench/*.[ch]' 'examples/*.[ch]')
if [ "${1:-}" = --fix ]; then
  "$fmt" -i --style=file "${files[@]}"
  exit 0
fi
bad=0
for f in "${files[@]}"; do
  if ! "$fmt" --style=file "$f" | cmp -s - "$f"; then
    echo "check-format: $f differs from clang-format (run: bash scripts/check-format.sh --fix)" >&2
    bad=1
  fi
done
[ "$bad" = 0 ] && echo "check-format: ${#files[@]} files formatted"
exit "$bad"
