/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef NDTOOL_JSON_INFOBLOCK_H
#define NDTOOL_JSON_INFOBLOCK_H

#include <stdbool.h>
#include <json-c/json.h>
#include "util/infoblock.h"

/*
 * The object `ndctl read-infoblock -j` prints for one block, in its key order and types:
 *   {@key:@name, "signature", "uuid", "parent_uuid", "flags", "version":"M.m",
 *    pfn/dax: "dataoff", "npfns", "mode", "start_pad", "end_trunc", "align",
 *             "page_size", "page_struct_size"
 *    btt:     "external_lbasize", "external_nlba", "internal_lbasize", "internal_nlba",
 *             "nfree", "infosize", "nextoff", "dataoff", "mapoff", "logoff", "info2off"}
 * @key is "dev" (a namespace) or "file" (an --input file). Every field is printed whatever
 * the version says is present. "mode" is a signed 32-bit number, the rest unsigned. With
 * @human (-u) flags and the offsets, sizes and counts of a pfn/dax block become hex strings
 * ("0x200000", "0"); mode and the btt's lba sizes and counts stay numbers.
 * Returns a new object, or NULL when out of memory or @ib is no known format.
 */
struct json_object *ndt_infoblock_to_json(const char *key, const char *name,
					  const struct ndt_infoblock *ib, bool human);

#endif
