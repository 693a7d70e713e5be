#!/usr/bin/env bash
# Builds the app's wasm into trunk's staging folder, split by page (trunk's post_build
# hook; see docs/DESIGN.md, "One app, split by page"):
#
#   cargo build           the app, linked with its relocations (web/app/build.rs)
#   wasm-split-cli        the app's module keeps what every page needs; each page's code
#                         goes to split_<page>.wasm, code pages share to chunk_<n>.wasm
#   wasm-bindgen          the JS glue of the app's module (`--target web`; it keeps the
#                         function table exported, which the split modules fill)
#   wasm-opt -Oz          every module, for size
#
# The files go to a folder named by their content, app-<hash>/, which index.html's shell
# then loads: a new build never mixes with an old one in a cache.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
STAGING=${TRUNK_STAGING_DIR:?run by trunk build}
TARGET_DIR=${CARGO_TARGET_DIR:-$ROOT/target}
PROFILE=wasm-release
[[ ${TRUNK_PROFILE:-release} == release ]] || PROFILE=dev

cargo build --quiet --manifest-path "$ROOT/Cargo.toml" -p playground-app --bin playground-web \
  --target wasm32-unknown-unknown --profile "$PROFILE"
linked=$TARGET_DIR/wasm32-unknown-unknown/$([[ $PROFILE == dev ]] && echo debug || echo "$PROFILE")/playground-web.wasm

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
wasm-split-cli "$linked" "$work/split" --out-name playground-web >/dev/null
wasm-bindgen --target web --no-typescript --keep-lld-exports --out-dir "$work/split" --out-name playground-web \
  "$work/split/playground-web.wasm"
rm "$work/split/playground-web.wasm"
if [[ $PROFILE != dev ]]; then
  for module in "$work"/split/*.wasm; do
    wasm-opt -Oz --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext \
      --enable-mutable-globals --enable-reference-types --enable-multivalue \
      "$module" -o "$module"
  done
fi

hash=$(cat "$work"/split/* | sha256sum | cut -c1-16)
rm -rf "$STAGING"/app-*
mv "$work/split" "$STAGING/app-$hash"

# index.html learns the app's files: its module, and each page's split files as the split
# loader fetches them, so an engine page can ask for all of them at once.
app_files=$(python3 - "$STAGING/app-$hash" <<'PY'
import json, pathlib, re, sys
app = pathlib.Path(sys.argv[1])
loader = (app / "__wasm_split.js").read_text()
chunks = dict(re.findall(r'const (__chunk_\d+) = makeLoad\(\(\) => \{\s+const src = fetch\(new URL\("\./([\w.]+)"', loader))
pages = {}
for page, own, deps in re.findall(
        r'export const __wasm_split_load_(\w+) = .*?new URL\("\./([\w.]+)".*?, \[([\w, ]*)\]\)\);', loader, re.S):
    pages[page] = [f"./{app.name}/{name}" for name in [own, *(chunks[d.strip()] for d in deps.split(",") if d.strip())]]
print(json.dumps({"module": f"./{app.name}/playground-web.js", "modules": [f"./{app.name}/__wasm_split.js"],
                  "wasm": [f"./{app.name}/playground-web_bg.wasm"], "pages": pages}))
PY
)
grep -q '"redis": \[' <<<"$app_files"
sed -i "s|^      const APP_FILES = .*|      const APP_FILES = $app_files;|" "$STAGING/index.html"
grep -q "app-$hash/playground-web.js" "$STAGING/index.html"

# The service worker caches exactly this build: its files, under a version named by them.
files=$(cd "$STAGING" && find . -type f ! -name service-worker.js | sed 's|^\./||' | grep -vx index.html | sort)
version=$(cd "$STAGING" && find . -type f ! -name service-worker.js -print0 | sort -z | xargs -0 cat | sha256sum | cut -c1-16)
list=$(printf '"./"'; printf ', "%s"' $files)
sed -i -e "s|^const VERSION = .*|const VERSION = \"$version\";|" -e "s|^const FILES = .*|const FILES = [$list];|" \
  "$STAGING/service-worker.js"
