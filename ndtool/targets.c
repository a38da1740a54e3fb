// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The namespaces a command acts on, collected by name before the first action: enabling,
 * disabling and reconfiguring rescan a region, which makes namespace pointers invalid.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "builtin.h"
#include "json/filter.h"

int ndtool_ns_collect(struct ndt_ctx *ctx, const struct ndt_filter *f, bool skip_seeds,
		      struct ndtool_ns_target **out)
{
	struct ndtool_ns_target *t = NULL, *nt;
	struct ndt_region *region;
	struct ndt_namespace *ns;
	struct ndt_bus *bus;
	uint64_t size;
	int n = 0;

	ndt_bus_foreach(ctx, bus) {
		ndt_region_foreach(bus, region) {
			if (!ndt_filter_region(f, region))
				continue;
			ndt_namespace_foreach(region, ns) {
				if (!ndt_filter_namespace(f, ns))
					continue;
				size = 0;
				if (skip_seeds && ndt_namespace_get_size(ns, &size) == 0 && size == 0)
					continue;
				nt = realloc(t, (n + 1) * sizeof(*t));
				if (!nt) {
					free(t);
					return -ENOMEM;
				}
				t = nt;
				t[n].region = region;
				snprintf(t[n].devname, sizeof(t[n].devname), "%s",
					 ndt_namespace_get_devname(ns));
				n++;
			}
		}
	}
	*out = t;
	return n;
}

struct ndt_namespace *ndtool_ns_lookup(const struct ndtool_ns_target *t)
{
	struct ndt_namespace *ns;

	ndt_namespace_foreach(t->region, ns)
		if (strcmp(ndt_namespace_get_devname(ns), t->devname) == 0)
			return ns;
	return NULL;
}

const char *ndtool_dimm_active_region(struct ndt_dimm *dimm)
{
	struct ndt_region *region;
	struct ndt_mapping *m;

	ndt_region_foreach(ndt_dimm_get_bus(dimm), region) {
		if (!ndt_region_is_enabled(region))
			continue;
		ndt_mapping_foreach(region, m)
			if (ndt_mapping_get_dimm(m) == dimm)
				return ndt_region_get_devname(region);
	}
	return NULL;
}
