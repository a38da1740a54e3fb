#!/bin/bash
# Build the kernel's NVDIMM test modules (tools/testing/nvdimm: nfit_test and the
# instrumented libnvdimm, nfit, nd_pmem, nd_btt, dax_pmem, device_dax) for the
# installed Debian kernel, out of tree, and stage a module tree for the guest:
#   $KCACHE/nfit_test/modtree/lib/modules/$KVER  (stock modules hard-linked, the test
#   modules in updates/, depmod run here: depmod over 9p in the guest takes ~30 s)
# The guest bind-mounts it on /lib/modules/$KVER so modprobe and udev pick the test
# modules. Needs linux-source-6.1 and linux-headers-amd64 of the same Debian upload.
set -euo pipefail
. "$(dirname "$0")/common.sh"
NT=$KCACHE/nfit_test
MT=$NT/modtree
STAMP=$NT/built
[ -f "$STAMP" ] && [ -f "$MT/lib/modules/$KVER/modules.dep" ] && exit 0

KDIR=/lib/modules/$KVER/build
[ -d "$KDIR" ] || vm_die "no $KDIR (apt-get install linux-headers-amd64)"
TARBALL=$(ls /usr/src/linux-source-*.tar.xz 2>/dev/null | sort -V | tail -n 1)
[ -n "$TARBALL" ] || vm_die "no /usr/src/linux-source-*.tar.xz (apt-get install linux-source-6.1)"
img=$(dpkg-query -W -f '${Version}' "linux-image-$KVER" 2>/dev/null || true)
src=$(dpkg-query -W -f '${Version}' "$(basename "$TARBALL" .tar.xz)" 2>/dev/null || true)
[ -z "$img" ] || [ "$img" = "$src" ] ||
	vm_die "linux-image-$KVER is $img but the kernel source is $src: install both from the same upload"

b=$(basename "$TARBALL" .tar.xz)
rm -rf "$NT"
mkdir -p "$NT/src"
echo "nfit_test: extracting $b (tools/testing/nvdimm, drivers/{nvdimm,acpi/nfit,dax})" >&2
tar -C "$NT/src" -xJf "$TARBALL" "$b/tools/testing/nvdimm" "$b/drivers/nvdimm" \
	"$b/drivers/acpi/nfit" "$b/drivers/dax"
S=$NT/src/$b
T0=$(date +%s)
echo "nfit_test: building against $KDIR ..." >&2
# The Kbuild file adds -I$(srctree)/drivers/{nvdimm,acpi/nfit}; out of tree srctree is
# the headers package, which lacks those private headers.
if ! make -C "$KDIR" M="$S/tools/testing/nvdimm" -j"$(nproc)" \
	KCFLAGS="-I$S/drivers/nvdimm -I$S/drivers/acpi/nfit" modules >"$NT/build.log" 2>&1; then
	tail -n 30 "$NT/build.log" >&2
	vm_die "nfit_test build failed (log: $NT/build.log)"
fi
echo "nfit_test: built in $(($(date +%s) - T0)) s" >&2

mkdir -p "$MT/lib/modules/$KVER/updates"
cp -al "/lib/modules/$KVER/kernel" "$MT/lib/modules/$KVER/kernel" 2>/dev/null ||
	cp -a "/lib/modules/$KVER/kernel" "$MT/lib/modules/$KVER/kernel"
cp "/lib/modules/$KVER"/modules.{order,builtin,builtin.modinfo} "$MT/lib/modules/$KVER/"
find "$S/tools/testing/nvdimm" -name '*.ko' -exec cp {} "$MT/lib/modules/$KVER/updates/" \;
depmod -b "$MT" "$KVER"
rm -rf "$NT/src"
date -u +%FT%TZ >"$STAMP"
echo "nfit_test: staged $MT/lib/modules/$KVER" >&2
