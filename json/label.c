// SPDX-License-Identifier: GPL-2.0-or-later
/* JSON of a namespace label area, as `ndctl read-labels -j` prints it. */
#include <stdio.h>
#include <string.h>
#include "util/json.h"
#include "json/label.h"

/* 16 raw bytes in order, formatted like a UUID (no GUID byte swapping, as ndctl prints). */
static struct json_object *raw_uuid_json(const uint8_t *b)
{
	char s[40];

	snprintf(s, sizeof(s),
		 "%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-%02x%02x%02x%02x%02x%02x", b[0],
		 b[1], b[2], b[3], b[4], b[5], b[6], b[7], b[8], b[9], b[10], b[11], b[12], b[13],
		 b[14], b[15]);
	return json_object_new_string(s);
}

/* Append @v to @array; false (and @v released) when @v is NULL or the append fails. */
static bool array_add(struct json_object *array, struct json_object *v)
{
	if (!v)
		return false;
	if (json_object_array_add(array, v) != 0) {
		json_object_put(v);
		return false;
	}
	return true;
}

static struct json_object *index_to_json(const struct ndt_label_index *ix)
{
	struct json_object *j = json_object_new_object();
	size_t siglen;
	uint64_t lsize;

	if (!j)
		return NULL;
	for (siglen = 0; siglen < sizeof(ix->sig) && ix->sig[siglen]; siglen++)
		;
	/* the size the labelsize field encodes; 0 when the shift makes no sense */
	lsize = ix->labelsize < 57 ? (uint64_t)NDT_LABEL_V11_SIZE << ix->labelsize : 0;
	if (!ndt_json_add(j, "signature",
			  json_object_new_string_len((const char *)ix->sig, (int)siglen)) ||
	    !ndt_json_add_int(j, "major", ix->major) ||
	    !ndt_json_add_int(j, "minor", ix->minor) ||
	    !ndt_json_add(j, "labelsize", ndt_json_u64(lsize)) ||
	    !ndt_json_add(j, "seq", ndt_json_u64(ix->seq)) ||
	    !ndt_json_add(j, "nslot", ndt_json_u64(ix->nslot))) {
		json_object_put(j);
		return NULL;
	}
	return j;
}

static struct json_object *label_to_json(const struct ndt_label *l, bool human)
{
	struct json_object *j = json_object_new_object();

	if (!j)
		return NULL;
	if (!ndt_json_add(j, "uuid", raw_uuid_json(l->uuid)) ||
	    !ndt_json_add_string(j, "name", l->name) ||
	    !ndt_json_add(j, "slot", ndt_json_u64(l->slot)) ||
	    !ndt_json_add_int(j, "position", l->position) ||
	    !ndt_json_add_int(j, "nlabel", l->nlabel) ||
	    !ndt_json_add(j, "flags", ndt_json_hex(l->flags, human)) ||
	    !ndt_json_add(j, "isetcookie", ndt_json_hex(l->isetcookie, human)) ||
	    !ndt_json_add(j, "lbasize", ndt_json_u64(l->lbasize)) ||
	    !ndt_json_add(j, "dpa", ndt_json_hex(l->dpa, human)) ||
	    !ndt_json_add(j, "rawsize", ndt_json_size(l->rawsize, human)))
		goto fail;
	if (l->v12 && (!ndt_json_add(j, "type_guid", raw_uuid_json(l->type_guid)) ||
		       !ndt_json_add(j, "abstraction_guid", raw_uuid_json(l->abstraction_guid))))
		goto fail;
	return j;
fail:
	json_object_put(j);
	return NULL;
}

struct json_object *ndt_label_area_to_json(const char *devname, const struct ndt_label_area *area,
					   bool human)
{
	struct json_object *j = json_object_new_object();
	struct json_object *jindex, *jlabel;
	uint32_t pos, n;
	unsigned int i;

	if (!j)
		return NULL;
	jindex = json_object_new_array();
	if (!ndt_json_add_string(j, "dev", devname ? devname : "") ||
	    !ndt_json_add(j, "index", jindex))
		goto fail;
	for (i = 0; i < 2; i++)
		if (!array_add(jindex, index_to_json(&area->index[i])))
			goto fail;
	jlabel = json_object_new_array();
	if (!ndt_json_add(j, "label", jlabel))
		goto fail;
	n = ndt_label_area_dump_count(area);
	for (pos = 0; pos < n; pos++) {
		struct ndt_label l;

		if (ndt_label_area_get(area, pos, &l) != 0)
			break;
		if (!array_add(jlabel, label_to_json(&l, human)))
			goto fail;
	}
	return j;
fail:
	json_object_put(j);
	return NULL;
}
