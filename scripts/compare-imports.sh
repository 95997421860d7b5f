#!/usr/bin/env bash
# Imports the same headers with several ffi-import builds (each against its own
# libclang) and requires byte-identical outputs, apart from the one line that
# names the clang version (Lua: "-- clang: ...", JSON: the "clang" value).
#
#   bash scripts/compare-imports.sh <out-dir> <build-dir> <build-dir>...
#
# The headers: every golden fixture of tests/importer (with the golden's
# options, --target=aarch64-linux-gnu included) and the real headers of the
# importer's end-to-end tests (zlib, sqlite3, libc, libm, curl, SDL2, libpng,
# libuv), each as a Lua module with --check-layout and as --json.
# Exit status 1 when outputs differ (a diff is printed), 2 on usage errors.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD

[ "$#" -ge 3 ] || {
  echo "usage: compare-imports.sh <out-dir> <build-dir> <build-dir>..." >&2
  exit 2
}
out=$(realpath -m "$1")
shift
builds=("$@")

# name|working directory|ffi-import arguments (one word each, space-separated)
fixtures=$root/tests/importer/fixtures
imports=(
  "basic|$fixtures|--check-layout basic.h"
  "records|$fixtures|--check-layout records.h"
  "unsupported|$fixtures|--check-layout unsupported.h"
  "system|$fixtures|--check-layout system.h"
  "labels|$fixtures|labels.h"
  "multi|$fixtures|-l m --check-layout multi_a.h multi_b.h"
  "match|$fixtures|--match ^fx_hidden multi_b.h"
  "all|$fixtures|--all multi_b.h"
  "records_arm64|$fixtures|--target=aarch64-linux-gnu --check-layout records.h"
  "anon|$fixtures|--check-layout anon.h"
)
real=(
  "zlib|zlib.h|-l z zlib.h"
  "sqlite3|sqlite3.h|-l sqlite3 sqlite3.h"
  "libm|math.h|-l m --match math math.h"
  "libc|stdio.h|-l c string.h stdlib.h time.h stdio.h"
  "curl|curl/curl.h|-l curl --match /curl/ curl/curl.h"
  "sdl|SDL2/SDL.h|-l SDL2 --match ^SDL_|/SDL2/ SDL2/SDL.h"
  "png|png.h|-l png png.h"
  "uv|uv.h|-l uv --match /uv uv.h"
)
for r in "${real[@]}"; do
  IFS='|' read -r name header args <<<"$r"
  if [ -e "/usr/include/$header" ] || [ -e "/usr/include/$(gcc -print-multiarch)/$header" ]; then
    # --match's expression holds '|': split the arguments on spaces only
    imports+=("$name|$root|--check-layout ${r#*|*|}")
    imports+=("$name.json|$root|--json ${r#*|*|}")
  else
    printf 'compare-imports.sh: %s not installed: %s skipped (scripts/deps.sh installs it)\n' "$header" "$name"
  fi
done
for f in basic records anon; do imports+=("$f.json|$fixtures|--json $f.h"); done

# The clang version line, in either format, made the same.
normalise() {
  sed -e '0,/^-- clang: /s/^-- clang: .*/-- clang: <clang version>/' \
    -e '1s/"clang": "[^"]*"/"clang": "<clang version>"/' "$1"
}

rm -rf "$out"
first=""
n=0
for b in "${builds[@]}"; do
  n=$((n + 1))
  imp=$(realpath -m "$b")/cli/ffi-import
  [ -x "$imp" ] || {
    echo "compare-imports.sh: $b/cli/ffi-import was not built" >&2
    exit 2
  }
  label=$n-$(basename "$b")
  dir=$out/$label
  mkdir -p "$dir/raw" "$dir/normalised"
  version=$("$imp" --version | sed -n 's/^libclang: //p')
  printf 'compare-imports.sh: %s (%s): %d imports\n' "$label" "$version" "${#imports[@]}"
  for i in "${imports[@]}"; do
    IFS='|' read -r name wd _ <<<"$i"
    args=${i#*|*|}
    ext=pluto
    case $name in *.json) ext=json name=${name%.json} ;; esac
    file=$name.$ext
    read -r -a argv <<<"$args"
    (cd "$wd" && "$imp" "${argv[@]}" -o "$dir/raw/$file") || {
      echo "compare-imports.sh: $label: ffi-import $args failed" >&2
      exit 1
    }
    normalise "$dir/raw/$file" >"$dir/normalised/$file"
  done
  if [ -z "$first" ]; then
    first=$label
  elif ! diff -ru "$out/$first/normalised" "$dir/normalised"; then
    echo "compare-imports.sh: the imports of $label differ from those of $first (above)" >&2
    exit 1
  fi
done
printf 'compare-imports.sh: %d imports, identical from %s (apart from the clang version line)\n' \
  "${#imports[@]}" "${builds[*]}"
