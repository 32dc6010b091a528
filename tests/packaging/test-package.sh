#!/usr/bin/env bash
# Usage: test-package.sh BUILD_DIR SOURCE_DIR SHARED_DATA
set -euo pipefail
build=$1 source=$2 data=$3
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

fail() { echo "FAIL: $*" >&2; exit 1; }

desktop-file-validate "$source/packaging/linux/io.github.sightline.Sightline.desktop"
appstreamcli validate --no-net "$source/packaging/linux/io.github.sightline.Sightline.metainfo.xml"

(cd "$work" && cpack --config "$build/CPackConfig.cmake" -B "$work/out" >"$work/cpack.log" 2>&1) \
  || { cat "$work/cpack.log"; fail "cpack"; }
deb=$(ls "$work"/out/sightline_*.deb)
echo "package: $(basename "$deb") ($(stat -c %s "$deb") bytes)"

depends=$(dpkg-deb -f "$deb" Depends)
echo "Depends: $depends"
for lib in libqt6core6 libqt6widgets6 libsqlite3-0 libgvc6 libcgraph6 qt6-qpa-plugins; do
  [[ $depends == *"$lib"* ]] || fail "Depends lacks $lib"
done

root=$work/root
dpkg -x "$deb" "$root"
for f in usr/bin/sightline usr/share/applications/io.github.sightline.Sightline.desktop \
  usr/share/metainfo/io.github.sightline.Sightline.metainfo.xml \
  usr/share/mime/packages/io.github.sightline.Sightline.xml \
  usr/share/icons/hicolor/scalable/apps/io.github.sightline.Sightline.svg \
  usr/share/icons/hicolor/48x48/apps/io.github.sightline.Sightline.png \
  usr/share/man/man1/sightline.1 usr/share/bash-completion/completions/sightline \
  usr/share/doc/sightline/copyright usr/share/sightline/demo/manifest.json; do
  [[ -e $root/$f ]] || fail "missing $f"
done
ls "$root"/usr/lib/sightline/plugins/*.so >/dev/null || fail "no plugins installed"

# The installed binary must not reach back into the build tree.
export LD_LIBRARY_PATH=
bin=$root/usr/bin/sightline
"$bin" --version | grep -q '^sightline [0-9]' || fail "--version"
ws=$work/w.sightline
"$bin" import "$ws" "$data/yu-iskw__dbt-artifacts-parser/tests__resources__manifest__v12__jaffle_shop__manifest_1.12.json" || fail "installed import"
# The text listing ends with "N assets".
count=$("$bin" assets "$ws" | tail -n 1 | cut -d ' ' -f 1)
# 19: checked by hand in tests/cli (tst_cli, "19 assets").
[[ $count -eq 19 ]] || fail "installed assets listed $count, expected 19"
echo "installed sightline imported jaffle_shop: $count assets"
