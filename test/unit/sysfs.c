// SPDX-License-Identifier: GPL-2.0-or-later
/* sysfs attribute reading and bus enumeration, on a directory tree built here. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>
#include "tap.h"
#include "lib/private.h"

static char root[64];

static void put(const char *rel, const char *data, size_t len)
{
	char path[256];
	int fd;

	snprintf(path, sizeof(path), "%s/%s", root, rel);
	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	if (fd < 0 || write(fd, data, len) != (ssize_t)len)
		abort();
	close(fd);
}

static void dir(const char *rel)
{
	char path[256];

	snprintf(path, sizeof(path), "%s/%s", root, rel);
	mkdir(path, 0755);
}

static void rm_tree(void)
{
	char cmd[128];

	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", root);
	if (system(cmd) != 0)
		abort();
}

static void quiet(struct ndt_ctx *ctx, int p, const char *f, int l, const char *fn,
		  const char *fmt, va_list a)
{
}

int main(void)
{
	struct ndt_region *region;
	struct ndt_badblock *bb;
	enum ndt_reason reason;
	struct ndt_ctx *ctx;
	struct ndt_bus *bus;
	char buf[16], big[5000];
	unsigned int id = 99;
	char path[256];
	int fd;

	snprintf(root, sizeof(root), "/tmp/ndtool-unit-XXXXXX");
	if (!mkdtemp(root))
		abort();
	ndt_ctx_new(&ctx);
	ndt_set_log_fn(ctx, quiet);

	put("a", "ACPI.NFIT\n", 10);
	snprintf(path, sizeof(path), "%s/a", root);
	is_int(ndt_sysfs_read(ctx, path, buf, sizeof(buf)), 9, "length without the newline");
	is_str(buf, "ACPI.NFIT", "trailing newline stripped");
	put("b", "0123456789abcdefXYZ", 19);
	snprintf(path, sizeof(path), "%s/b", root);
	is_int(ndt_sysfs_read(ctx, path, buf, sizeof(buf)), 15, "read capped at the buffer");
	is_str(buf, "0123456789abcde", "capped read is terminated");
	put("c", "ab\0cd", 5);
	snprintf(path, sizeof(path), "%s/c", root);
	is_int(ndt_sysfs_read(ctx, path, buf, sizeof(buf)), -EIO, "embedded NUL rejected");
	snprintf(path, sizeof(path), "%s/missing", root);
	is_int(ndt_sysfs_read(ctx, path, buf, sizeof(buf)), -ENOENT, "missing attribute");
	memset(big, 'x', sizeof(big));
	put("d", big, sizeof(big));
	ok(ndt_sysfs_strdup_at(ctx, root, "missing") == NULL, "strdup of a missing attribute");

	is_int(ndt_parse_devname("ndbus12", "ndbus", &id), 0, "ndbus12 parses");
	is_int(id, 12, "id 12");
	is_int(ndt_parse_devname("ndbus", "ndbus", &id), -EINVAL, "no number");
	is_int(ndt_parse_devname("ndbus01", "ndbus", &id), -EINVAL, "leading zero");
	is_int(ndt_parse_devname("ndbus1x", "ndbus", &id), -EINVAL, "trailing text");
	is_int(ndt_parse_devname("ndbus-1", "ndbus", &id), -EINVAL, "sign");
	is_int(ndt_parse_devname("ndbus99999999999", "ndbus", &id), -EINVAL, "overflow");
	is_int(ndt_parse_devname("region0", "ndbus", &id), -EINVAL, "other prefix");

	/* Bus enumeration: numeric order, junk entries ignored, scrub parsing. */
	dir("ndbus10");
	dir("ndbus2");
	dir("ndbus2/nfit");
	dir("ndbusX");
	dir("region0");
	put("ndbus10/provider", "nfit_test.1\n", 12);
	put("ndbus2/provider", "ACPI.NFIT\n", 10);
	put("ndbus2/nfit/scrub", "3+\n", 3);
	ctx->sysfs_nd = root;
	bus = ndt_bus_get_first(ctx);
	ok(bus != NULL, "first bus");
	is_str(ndt_bus_get_devname(bus), "ndbus2", "numeric order: ndbus2 first");
	is_str(ndt_bus_get_provider(bus), "ACPI.NFIT", "provider");
	is_int(ndt_bus_get_scrub_state(bus), 1, "scrub running");
	is_int(ndt_bus_get_scrub_count(bus), 3, "scrub count");
	put("ndbus2/nfit/scrub", "4\n", 2);
	is_int(ndt_bus_get_scrub_state(bus), 0, "scrub idle, re-read each call");
	put("ndbus2/nfit/scrub", "4-\n", 3);
	is_int(ndt_bus_get_scrub_state(bus), -EIO, "malformed scrub attribute");
	put("ndbus2/nfit/scrub", "\n", 1);
	is_int(ndt_bus_get_scrub_state(bus), -EIO, "empty scrub attribute");
	bus = ndt_bus_get_next(bus);
	is_str(ndt_bus_get_devname(bus), "ndbus10", "ndbus10 second");
	is_int(ndt_bus_get_scrub_state(bus), -ENOENT, "no scrub attribute");
	ok(ndt_bus_get_next(bus) == NULL, "two buses only");
	ok(ndt_bus_find(ctx, "nfit_test.1") == bus, "find by provider");
	ok(ndt_bus_find(ctx, "10") == bus, "find by id");
	ok(ndt_bus_find(ctx, "ndbus10") == bus, "find by name");
	ok(ndt_bus_find(ctx, "ndbus3") == NULL, "unknown name");
	ok(ndt_bus_find(ctx, "010") == NULL, "id with a leading zero does not match");
	ok(ndt_bus_matches(bus, "all"), "all matches");

	dir("ndbus0");
	ok(ndt_bus_get_first(ctx) != NULL && ndt_bus_get_id(ndt_bus_get_first(ctx)) == 2,
	   "enumeration is cached");
	ndt_ctx_refresh(ctx);
	bus = ndt_bus_get_first(ctx);
	is_int(ndt_bus_get_id(bus), 0, "refresh rescans");
	is_str(ndt_bus_get_provider(bus), "", "missing provider reads as empty");
	ok(!ndt_bus_matches(bus, ""), "an empty name matches no bus, provider-less ones neither");
	ok(ndt_bus_find(ctx, "") == NULL, "an empty name finds no bus");

	/* A region: its persistence domain, and a disable that clears the last failure. */
	dir("ndbus0/region0");
	put("ndbus0/region0/nstype", "5\n", 2);
	region = ndt_region_get_first(bus);
	ok(region != NULL, "region0 enumerated");
	is_int(ndt_region_get_persistence_domain(region), NDT_PERSISTENCE_UNKNOWN,
	       "no persistence_domain: unknown");
	put("ndbus0/region0/persistence_domain", "\n", 1);
	is_int(ndt_region_get_persistence_domain(region), NDT_PERSISTENCE_UNKNOWN,
	       "empty persistence_domain: unknown");
	put("ndbus0/region0/persistence_domain", "none\n", 5);
	is_int(ndt_region_get_persistence_domain(region), NDT_PERSISTENCE_NONE, "none");
	put("ndbus0/region0/persistence_domain", "cpu_cache\n", 10);
	is_int(ndt_region_get_persistence_domain(region), NDT_PERSISTENCE_CPU_CACHE, "cpu_cache");
	/* Its media errors: the list, and a descriptor that waits for the next one. */
	is_int(ndt_region_open_badblocks_notify(region), -ENOENT, "no badblocks: no descriptor");
	put("ndbus0/region0/badblocks", "12 2\nbogus\n100 1\n", 17);
	is_int(ndt_region_get_badblocks(region, &bb), 2, "two ranges, a bad line skipped");
	ok(bb && bb[0].offset == 12 && bb[0].length == 2 && bb[1].offset == 100 &&
	   bb[1].length == 1, "offsets and lengths in sectors");
	free(bb);
	fd = ndt_region_open_badblocks_notify(region);
	ok(fd >= 0, "badblocks open for notifications");
	is_int(ndt_region_badblocks_rearm(fd), 0, "re-armed by reading it again");
	close(fd);
	is_int(ndt_region_badblocks_rearm(fd), -EBADF, "a closed descriptor cannot be re-armed");
	ndt_fail(ctx, -EIO, NDT_REASON_KERNEL, "region0", "an earlier failure");
	is_int(ndt_region_disable(region), 0, "disabling a disabled region without namespaces");
	ndt_ctx_get_failure(ctx, &reason, NULL);
	is_int(reason, NDT_REASON_NONE, "the disable cleared the earlier failure");

	ctx->sysfs_nd = "/nonexistent/ndtool";
	ndt_ctx_refresh(ctx);
	ok(ndt_bus_get_first(ctx) == NULL, "no libnvdimm: no buses");
	ndt_ctx_unref(ctx);
	rm_tree();
	return done();
}
