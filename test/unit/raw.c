// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Raw namespace access: the refusals that come before any change, on a sysfs tree built
 * here (nothing is bound or written: binding needs the kernel, the VM tests do it).
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "tap.h"
#include "lib/private.h"

static char root[64];

static void put(const char *rel, const char *data)
{
	char path[256];
	int fd;

	snprintf(path, sizeof(path), "%s/%s", root, rel);
	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	if (fd < 0 || write(fd, data, strlen(data)) != (ssize_t)strlen(data))
		abort();
	close(fd);
}

static void dir(const char *rel)
{
	char path[256];

	snprintf(path, sizeof(path), "%s/%s", root, rel);
	mkdir(path, 0755);
}

static void rm(const char *rel)
{
	char path[256];

	snprintf(path, sizeof(path), "%s/%s", root, rel);
	rmdir(path);
}

/* Whether the attribute @rel still holds @want: a refusal changed nothing. */
static bool holds(const char *rel, const char *want)
{
	char path[256], buf[64] = "";
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", root, rel);
	f = fopen(path, "r");
	if (!f)
		return false;
	if (!fgets(buf, sizeof(buf), f))
		buf[0] = '\0';
	fclose(f);
	return strcmp(buf, want) == 0;
}

static void expect(struct ndt_ctx *ctx, int rc, int want_rc, enum ndt_reason want_reason,
		   const char *want_msg, const char *what)
{
	enum ndt_reason reason;
	const char *msg = ndt_ctx_get_failure(ctx, &reason, NULL);

	is_int(rc, want_rc, what);
	is_int(reason, want_reason, "  its reason");
	is_str(msg, want_msg, "  its sentence");
}

int main(void)
{
	struct ndt_namespace *ns;
	struct ndt_region *region;
	struct ndt_raw *raw = (struct ndt_raw *)&root;
	struct ndt_ctx *ctx;
	struct ndt_bus *bus;
	char cmd[128];
	int rc;

	snprintf(root, sizeof(root), "/tmp/ndtool-unit-XXXXXX");
	if (!mkdtemp(root))
		abort();
	ndt_ctx_new(&ctx);
	dir("ndbus0");
	dir("ndbus0/region0");
	dir("ndbus0/region0/driver");
	put("ndbus0/region0/nstype", "4\n");
	dir("ndbus0/region0/namespace0.0");
	dir("ndbus0/region0/namespace0.0/driver");
	put("ndbus0/region0/namespace0.0/size", "1073741824\n");
	put("ndbus0/region0/namespace0.0/force_raw", "0\n");
	dir("ndbus0/region0/namespace0.1");
	put("ndbus0/region0/namespace0.1/size", "0\n");
	ctx->sysfs_nd = root;
	bus = ndt_bus_get_first(ctx);
	region = bus ? ndt_region_get_first(bus) : NULL;
	ns = region ? ndt_namespace_get_first(region) : NULL;
	ok(ns != NULL, "namespace0.0 enumerated");
	if (!ns)
		return done();

	rc = ndt_namespace_raw_open(ns, NDT_RAW_READ, &raw);
	expect(ctx, rc, -EBUSY, NDT_REASON_ACTIVE, "namespace0.0 is active",
	       "an enabled namespace is refused");
	ok(raw == NULL, "  no handle");
	ok(holds("ndbus0/region0/namespace0.0/force_raw", "0\n"), "  force_raw untouched");

	rm("ndbus0/region0/namespace0.0/driver");
	rc = ndt_namespace_raw_open(ns, 0x10, &raw);
	expect(ctx, rc, -EINVAL, NDT_REASON_INVALID, "unknown raw access flags 0x10",
	       "unknown flags are refused");

	put("ndbus0/region0/read_only", "1\n");
	rc = ndt_namespace_raw_open(ns, NDT_RAW_WRITE, &raw);
	expect(ctx, rc, -EROFS, NDT_REASON_READ_ONLY, "region0 is read-only",
	       "writing to a read-only region is refused");
	put("ndbus0/region0/read_only", "0\n");

	rm("ndbus0/region0/driver");
	rc = ndt_namespace_raw_open(ns, NDT_RAW_READ, &raw);
	expect(ctx, rc, -ENXIO, NDT_REASON_DISABLED, "region0 is disabled",
	       "a namespace of a disabled region is refused");
	dir("ndbus0/region0/driver");

	ns = ndt_namespace_get_next(ns);
	rc = ndt_namespace_raw_open(ns, NDT_RAW_READ, &raw);
	expect(ctx, rc, -ENXIO, NDT_REASON_SEED,
	       "namespace0.1 has size 0: it is a seed for new namespaces, with no data",
	       "a seed is refused");
	is_int(ndt_raw_close(NULL), 0, "closing NULL does nothing");

	ndt_ctx_unref(ctx);
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", root);
	if (system(cmd) != 0)
		abort();
	return done();
}
