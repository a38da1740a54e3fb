/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef NDTOOL_JSON_LABEL_H
#define NDTOOL_JSON_LABEL_H

#include <stdbool.h>
#include <json-c/json.h>
#include "util/label.h"

/*
 * The object `ndctl read-labels -j` prints for one DIMM, in its key order and types:
 *   {"dev":@devname,
 *    "index":[{"signature","major","minor","labelsize","seq","nslot"} x 2],
 *    "label":[{"uuid","name","slot","position","nlabel","flags","isetcookie","lbasize",
 *              "dpa","rawsize"[,"type_guid","abstraction_guid"]}, ...]}
 * Both index blocks are dumped as found (valid or not); the labels are the first
 * ndt_label_area_dump_count() slots, with the two GUIDs for 256-byte (v1.2) labels.
 * uuid, type_guid and abstraction_guid are the raw 16 bytes printed as a UUID string.
 * With @human (-u): flags, isetcookie and dpa become hex strings ("0x8", "0"), rawsize a
 * size string ("16.00 MiB (16.78 MB)"); the rest stays numeric.
 * Returns a new object, or NULL when out of memory.
 */
struct json_object *ndt_label_area_to_json(const char *devname, const struct ndt_label_area *area,
					   bool human);

#endif
