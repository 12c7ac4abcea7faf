#!/usr/bin/env bash
# What the browser tests (tests/web) need besides the venv: Debian's Chromium, which Playwright
# drives, and a CJK font for the demo's Chinese names. `make test` runs this first. Like
# scripts/neo4j.sh with Java and Maven, it installs what is missing with apt-get when it runs as
# root, and says clearly what is wrong otherwise. BRM_CHROMIUM names another Chromium binary.
set -euo pipefail

die() { echo "browser.sh: $*" >&2; exit 1; }

has_cjk_font() {
  if command -v fc-list >/dev/null; then
    fc-list 2>/dev/null | grep -qi "wenquanyi\|noto sans cjk"
  else
    [[ -n $(find /usr/share/fonts -iname '*wqy*' -o -iname '*NotoSansCJK*' 2>/dev/null | head -n 1) ]]
  fi
}

missing=()
if [[ -n "${BRM_CHROMIUM:-}" ]]; then
  [[ -x "$BRM_CHROMIUM" ]] || die "BRM_CHROMIUM=$BRM_CHROMIUM is not an executable file"
else
  command -v chromium >/dev/null || missing+=(chromium)
fi
has_cjk_font || missing+=(fonts-wqy-microhei)
((${#missing[@]})) || exit 0

if [[ $(id -u) == 0 ]] && command -v apt-get >/dev/null; then
  echo "browser.sh: installing ${missing[*]} with apt-get" >&2
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null \
    || die "could not install ${missing[*]}; install them, then retry"
else
  die "missing ${missing[*]} for the browser tests: install them (on Debian: sudo apt-get install ${missing[*]}) or set BRM_CHROMIUM to a Chromium binary, then retry"
fi
