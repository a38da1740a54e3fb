# Sourced by the host-side VM scripts: kernel version and cache locations.
# The cache holds what is slow to make (initramfs, nfit_test modules), keyed by the
# kernel version so that a kernel upgrade rebuilds it.
VM_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
SRC_DIR=$(cd "$VM_DIR/../.." && pwd)
KVER=${KVER:-$(ls -1 /lib/modules 2>/dev/null | grep -- '-amd64$' | sort -V | tail -n 1)}
NDTOOL_CACHE=${NDTOOL_CACHE:-/var/tmp/ndtool-cache}
KCACHE=$NDTOOL_CACHE/$KVER

vm_die() { echo "vm: $*" >&2; exit 125; }
[ -n "$KVER" ] || vm_die "no Debian kernel in /lib/modules (apt-get install linux-image-amd64)"
[ -f "/boot/vmlinuz-$KVER" ] || vm_die "/boot/vmlinuz-$KVER missing"
