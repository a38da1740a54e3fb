/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef NDTOOL_FILTER_H
#define NDTOOL_FILTER_H

#include <stdbool.h>
#include <ndtool/libndtool.h>

/*
 * Object filters shared by the commands. Each string holds one or more space-separated
 * words: a device name ("region1"), its number ("1"), or "all"; NULL selects everything.
 */
struct ndt_filter {
	const char *bus;
	const char *region;
	const char *dimm;
	const char *ns;		/* "namespace1.0", "1.0" */
	int mode;		/* enum ndt_namespace_mode, -1: any */
	int type;		/* enum ndt_region_type, -1: any */
	bool numa_set;
	int numa;
};

void ndt_filter_init(struct ndt_filter *f);
bool ndt_filter_bus(const struct ndt_filter *f, struct ndt_bus *bus);
bool ndt_filter_dimm(const struct ndt_filter *f, struct ndt_dimm *dimm);
/* Region filters, type, NUMA node, and (with a dimm filter) the region's mappings. */
bool ndt_filter_region(const struct ndt_filter *f, struct ndt_region *region);
bool ndt_filter_namespace(const struct ndt_filter *f, struct ndt_namespace *ns);

/*
 * daxctl's filters (one word each, as daxctl takes them): a dax region as its id ("0") or
 * "region0", NULL or "all" for every region; a device as its name ("dax0.1"), "0.1" or
 * "all" (NULL: every device).
 */
bool ndt_filter_dax_region(const char *region, struct ndt_dax_region *r);
bool ndt_filter_dax_dev(const char *dev, struct ndt_dax_dev *d);
/* Whether the word names a dax region or device at all (for a clear usage error). */
bool ndt_dax_region_word_valid(const char *region);

/*
 * The operands argv[first..argc-1] joined with spaces into one filter string (malloc'ed),
 * or NULL when one of them is "all" (*all set) or memory runs out (*all clear).
 */
char *ndt_filter_join(int argc, char **argv, int first, bool *all);

/* Namespace modes by name, with ndctl's aliases (memory, dax, safe); -1 when unknown. */
int ndt_parse_mode(const char *name);
const char *ndt_mode_name(enum ndt_namespace_mode mode);

#endif
