// SPDX-License-Identifier: GPL-2.0-or-later
/* libpmem through dlopen(): the reference the benchmark compares against */
#include <dlfcn.h>
#include <link.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "bench/libpmem.h"

static void *sym(struct libpmem *lp, const char *name, char *err, size_t len)
{
	void *p = dlsym(lp->handle, name);

	if (!p)
		snprintf(err, len, "%s has no symbol %s", lp->path, name);
	return p;
}

int libpmem_load(struct libpmem *lp, char *err, size_t len)
{
	const char *name = getenv("NDTOOL_LIBPMEM");
	struct link_map *map = NULL;

	memset(lp, 0, sizeof(*lp));
	if (!name || !*name)
		name = "libpmem.so.1";
	lp->handle = dlopen(name, RTLD_NOW | RTLD_LOCAL);
	if (!lp->handle) {
		snprintf(err, len, "%s (install libpmem1)", dlerror());
		return -1;
	}
	snprintf(lp->path, sizeof(lp->path), "%s", name);
	if (dlinfo(lp->handle, RTLD_DI_LINKMAP, &map) == 0 && map && map->l_name && *map->l_name)
		snprintf(lp->path, sizeof(lp->path), "%s", map->l_name);

	*(void **)&lp->memcpy_persist = sym(lp, "pmem_memcpy_persist", err, len);
	*(void **)&lp->memset_persist = sym(lp, "pmem_memset_persist", err, len);
	*(void **)&lp->has_auto_flush = sym(lp, "pmem_has_auto_flush", err, len);
	if (!lp->memcpy_persist || !lp->memset_persist || !lp->has_auto_flush) {
		libpmem_unload(lp);
		return -1;
	}
	return 0;
}

void libpmem_unload(struct libpmem *lp)
{
	if (lp->handle)
		dlclose(lp->handle);
	memset(lp, 0, sizeof(*lp));
}
