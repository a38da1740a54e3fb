// SPDX-License-Identifier: GPL-2.0-or-later
/* Bus, DIMM, region and namespace filters (-b -d -r -n -m -t -U). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "filter.h"

void ndt_filter_init(struct ndt_filter *f)
{
	memset(f, 0, sizeof(*f));
	f->mode = -1;
	f->type = -1;
}

typedef bool (*word_match_fn)(void *obj, const char *word);

/* Whether one of the space-separated words of @list matches @obj. */
static bool any_word(const char *list, word_match_fn match, void *obj)
{
	char *copy, *tok, *save;
	bool hit = false;

	if (!list)
		return true;
	copy = strdup(list);
	if (!copy)
		return false;
	for (tok = strtok_r(copy, " \t", &save); tok && !hit; tok = strtok_r(NULL, " \t", &save))
		hit = strcmp(tok, "all") == 0 || match(obj, tok);
	free(copy);
	return hit;
}

/* "<prefix>N" or "N" naming the object devname/id. */
static bool name_or_id(const char *word, const char *devname, unsigned int id)
{
	char *end;
	unsigned long v;

	if (strcmp(word, devname) == 0)
		return true;
	if (word[0] < '0' || word[0] > '9')
		return false;
	v = strtoul(word, &end, 10);
	return *end == '\0' && v == id;
}

static bool bus_word(void *obj, const char *word)
{
	return ndt_bus_matches(obj, word);
}

static bool dimm_word(void *obj, const char *word)
{
	return name_or_id(word, ndt_dimm_get_devname(obj), ndt_dimm_get_id(obj));
}

static bool region_word(void *obj, const char *word)
{
	return name_or_id(word, ndt_region_get_devname(obj), ndt_region_get_id(obj));
}

static bool ns_word(void *obj, const char *word)
{
	const char *dev = ndt_namespace_get_devname(obj);

	return strcmp(word, dev) == 0 || strcmp(word, dev + strlen("namespace")) == 0;
}

bool ndt_filter_bus(const struct ndt_filter *f, struct ndt_bus *bus)
{
	return any_word(f->bus, bus_word, bus);
}

bool ndt_filter_dimm(const struct ndt_filter *f, struct ndt_dimm *dimm)
{
	return ndt_filter_bus(f, ndt_dimm_get_bus(dimm)) && any_word(f->dimm, dimm_word, dimm);
}

static bool region_has_dimm(const struct ndt_filter *f, struct ndt_region *region)
{
	struct ndt_mapping *m;

	if (!f->dimm)
		return true;
	ndt_mapping_foreach(region, m) {
		struct ndt_dimm *dimm = ndt_mapping_get_dimm(m);

		if (dimm && any_word(f->dimm, dimm_word, dimm))
			return true;
	}
	return false;
}

/* With a namespace filter, only regions holding a namespace of that name. */
static bool region_has_namespace(const struct ndt_filter *f, struct ndt_region *region)
{
	struct ndt_namespace *ns;

	if (!f->ns)
		return true;
	ndt_namespace_foreach(region, ns)
		if (any_word(f->ns, ns_word, ns))
			return true;
	return false;
}

bool ndt_filter_region(const struct ndt_filter *f, struct ndt_region *region)
{
	int node;

	if (!ndt_filter_bus(f, ndt_region_get_bus(region)) ||
	    !any_word(f->region, region_word, region))
		return false;
	if (f->type >= 0 && (int)ndt_region_get_type(region) != f->type)
		return false;
	if (f->numa_set && (ndt_region_get_numa_node(region, &node) < 0 || node != f->numa))
		return false;
	return region_has_dimm(f, region) && region_has_namespace(f, region);
}

bool ndt_filter_namespace(const struct ndt_filter *f, struct ndt_namespace *ns)
{
	int node;

	if (!ndt_filter_region(f, ndt_namespace_get_region(ns)) || !any_word(f->ns, ns_word, ns))
		return false;
	if (f->mode >= 0 && (int)ndt_namespace_get_mode(ns) != f->mode)
		return false;
	if (f->numa_set && (ndt_namespace_get_numa_node(ns, &node) < 0 || node != f->numa))
		return false;
	return true;
}

bool ndt_dax_region_word_valid(const char *region)
{
	const char *p = region;

	if (strcmp(region, "all") == 0)
		return true;
	if (strncmp(p, "region", 6) == 0)
		p += 6;
	if (*p < '0' || *p > '9')
		return false;
	while (*p >= '0' && *p <= '9')
		p++;
	return *p == '\0';
}

bool ndt_filter_dax_region(const char *region, struct ndt_dax_region *r)
{
	unsigned int id = ndt_dax_region_get_id(r);
	char name[32];

	if (!region || strcmp(region, "all") == 0)
		return true;
	snprintf(name, sizeof(name), "region%u", id);
	return strcmp(region, name) == 0 || name_or_id(region, name, id);
}

bool ndt_filter_dax_dev(const char *dev, struct ndt_dax_dev *d)
{
	const char *name = ndt_dax_dev_get_devname(d);

	if (!dev || strcmp(dev, "all") == 0)
		return true;
	return strcmp(dev, name) == 0 || strcmp(dev, name + strlen("dax")) == 0;
}

static const struct {
	const char *name;
	enum ndt_namespace_mode mode;
} mode_names[] = {
	{ "raw", NDT_NS_MODE_RAW },	  { "sector", NDT_NS_MODE_SECTOR },
	{ "fsdax", NDT_NS_MODE_FSDAX },	  { "devdax", NDT_NS_MODE_DEVDAX },
	{ "safe", NDT_NS_MODE_SECTOR },	  { "memory", NDT_NS_MODE_FSDAX },
	{ "dax", NDT_NS_MODE_DEVDAX },
};

int ndt_parse_mode(const char *name)
{
	size_t i;

	for (i = 0; i < sizeof(mode_names) / sizeof(mode_names[0]); i++)
		if (strcmp(name, mode_names[i].name) == 0)
			return (int)mode_names[i].mode;
	return -1;
}

const char *ndt_mode_name(enum ndt_namespace_mode mode)
{
	size_t i;

	for (i = 0; i < sizeof(mode_names) / sizeof(mode_names[0]); i++)
		if (mode_names[i].mode == mode)
			return mode_names[i].name;
	return "unknown";
}

char *ndt_filter_join(int argc, char **argv, int first, bool *all)
{
	size_t len = 1;
	char *names;
	int i;

	*all = false;
	for (i = first; i < argc; i++) {
		if (strcmp(argv[i], "all") == 0) {
			*all = true;
			return NULL;
		}
		len += strlen(argv[i]) + 1;
	}
	names = calloc(1, len);
	if (!names)
		return NULL;
	for (i = first; i < argc; i++) {
		if (i > first)
			strcat(names, " ");
		strcat(names, argv[i]);
	}
	return names;
}
