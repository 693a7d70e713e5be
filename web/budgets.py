#!/usr/bin/env python3
"""The gzipped size of each bundle of dist/, beside its budget; exits 1 when one is over.

Bundles (see docs/DESIGN.md, "One app, split by page"):
  landing      index.html (with the stylesheets and shell.js inlined), the icon, and
               the app's own module (JS glue, split loader, wasm): all the landing view
               loads, before it prefetches the pages
  <page>       split_<page>.wasm: the code only that engine page uses
  shared       chunk_<n>.wasm: code two or three pages use, fetched once for all
  all          every file the app serves

Budgets, and the reason for each change, live here.
  landing 120 KB and each page 300 KB: the targets set when the app was split by page.
  all: the single bundle before the split (1,073,342 B gzipped, with the Python
  interpreter, pika and the three engines) plus 10%. The single bundle's budget had been
  raised from 400 KB to 1,100 KB as the pages grew; the split is the way back.
"""

import gzip
import pathlib
import re
import sys

KB = 1024
LANDING_BUDGET = 120 * KB
PAGE_BUDGET = 300 * KB
ALL_BUDGET = 1_073_342 * 110 // 100


def gzipped(path: pathlib.Path) -> int:
    return len(gzip.compress(path.read_bytes(), 9))


def main(dist: pathlib.Path) -> int:
    [app] = dist.glob("app-*")
    split_js = (app / "__wasm_split.js").read_text()
    # The split loader names, above each shared chunk, the pages that need it.
    shared_by = dict(
        (f"chunk_{index}.wasm", pages)
        for pages, index in re.findall(r"/\* ([a-z, ]+) \*/\nconst __chunk_(\d+)", split_js)
    )
    landing = [dist / "index.html", *dist.glob("favicon-*.svg"),
               app / "playground-web.js", app / "__wasm_split.js", app / "playground-web_bg.wasm"]
    rows = [("landing", sum(map(gzipped, landing)), LANDING_BUDGET, "index.html, the icon, the app's module")]
    for page in sorted(app.glob("split_*.wasm")):
        rows.append((page.stem.removeprefix("split_"), gzipped(page), PAGE_BUDGET, page.name))
    for chunk in sorted(app.glob("chunk_*.wasm")):
        rows.append(("shared", gzipped(chunk), None, f"{chunk.name}, for {shared_by.get(chunk.name, '?')}"))
    everything = [path for path in dist.rglob("*") if path.is_file()]
    rows.append(("all", sum(map(gzipped, everything)), ALL_BUDGET, f"{len(everything)} files"))

    over = False
    for name, size, budget, what in rows:
        verdict = "" if budget is None else f"budget {budget:>9,} B{'  OVER' if size > budget else ''}"
        over |= budget is not None and size > budget
        print(f"{name:10} {size:>9,} B gzipped  {verdict:28} {what}")
    return 1 if over else 0


if __name__ == "__main__":
    sys.exit(main(pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else "dist")))
