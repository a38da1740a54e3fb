// SPDX-License-Identifier: GPL-2.0-or-later
/* JSON of a namespace info block, as `ndctl read-infoblock -j` prints it. */
#include <stdio.h>
#include <uuid/uuid.h>
#include "util/json.h"
#include "json/infoblock.h"

static struct json_object *uuid_json(const uint8_t *u)
{
	char s[40];

	uuid_unparse(u, s);
	return json_object_new_string(s);
}

static bool add_pfn(struct json_object *j, const struct ndt_infoblock *ib, bool human)
{
	return ndt_json_add(j, "dataoff", ndt_json_hex(ib->dataoff, human)) &&
	       ndt_json_add(j, "npfns", ndt_json_hex(ib->npfns, human)) &&
	       ndt_json_add_int(j, "mode", (int32_t)ib->mode) &&
	       ndt_json_add(j, "start_pad", ndt_json_hex(ib->start_pad, human)) &&
	       ndt_json_add(j, "end_trunc", ndt_json_hex(ib->end_trunc, human)) &&
	       ndt_json_add(j, "align", ndt_json_hex(ib->align, human)) &&
	       ndt_json_add(j, "page_size", ndt_json_hex(ib->page_size, human)) &&
	       ndt_json_add(j, "page_struct_size", ndt_json_hex(ib->page_struct_size, human));
}

static bool add_btt(struct json_object *j, const struct ndt_infoblock *ib, bool human)
{
	return ndt_json_add(j, "external_lbasize", ndt_json_u64(ib->external_lbasize)) &&
	       ndt_json_add(j, "external_nlba", ndt_json_u64(ib->external_nlba)) &&
	       ndt_json_add(j, "internal_lbasize", ndt_json_u64(ib->internal_lbasize)) &&
	       ndt_json_add(j, "internal_nlba", ndt_json_u64(ib->internal_nlba)) &&
	       ndt_json_add(j, "nfree", ndt_json_u64(ib->nfree)) &&
	       ndt_json_add(j, "infosize", ndt_json_u64(ib->infosize)) &&
	       ndt_json_add(j, "nextoff", ndt_json_hex(ib->nextoff, human)) &&
	       ndt_json_add(j, "dataoff", ndt_json_hex(ib->btt_dataoff, human)) &&
	       ndt_json_add(j, "mapoff", ndt_json_hex(ib->mapoff, human)) &&
	       ndt_json_add(j, "logoff", ndt_json_hex(ib->logoff, human)) &&
	       ndt_json_add(j, "info2off", ndt_json_hex(ib->info2off, human));
}

struct json_object *ndt_infoblock_to_json(const char *key, const char *name,
					  const struct ndt_infoblock *ib, bool human)
{
	struct json_object *j;
	char version[16];
	bool ok;

	if (ib->type == NDT_IB_NONE)
		return NULL;
	j = json_object_new_object();
	if (!j)
		return NULL;
	snprintf(version, sizeof(version), "%u.%u", ib->major, ib->minor);
	ok = ndt_json_add_string(j, key, name) &&
	     ndt_json_add_string(j, "signature", ib->signature) &&
	     ndt_json_add(j, "uuid", uuid_json(ib->uuid)) &&
	     ndt_json_add(j, "parent_uuid", uuid_json(ib->parent_uuid)) &&
	     ndt_json_add(j, "flags", ndt_json_hex(ib->flags, human)) &&
	     ndt_json_add_string(j, "version", version);
	if (ok)
		ok = ib->type == NDT_IB_BTT ? add_btt(j, ib, human) : add_pfn(j, ib, human);
	if (!ok) {
		json_object_put(j);
		return NULL;
	}
	return j;
}
