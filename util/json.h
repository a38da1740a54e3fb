/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef NDTOOL_UTIL_JSON_H
#define NDTOOL_UTIL_JSON_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <json-c/json.h>

/*
 * Print a list the way ndctl does: nothing when @array is empty; the array,
 * pretty-printed, when it has several entries or @human is false; the single
 * entry as a bare object with @human. Consumes @array.
 */
int ndt_json_print_list(FILE *f, struct json_object *array, bool human);

/* Print @obj pretty-printed and consume it. Returns 0 or -EIO. */
int ndt_json_print(FILE *f, struct json_object *obj);

/* json_object_object_add() of a new string; false on allocation failure. */
bool ndt_json_add_string(struct json_object *obj, const char *key, const char *val);


/*
 * Numbers as ndctl prints them. Without @human: JSON numbers (u64 stays unsigned).
 * With @human: sizes of 5000 KiB and more become "62.00 MiB (65.01 MB)" style strings,
 * hex values become "0x..." strings ("0" for zero).
 */
struct json_object *ndt_json_size(uint64_t bytes, bool human);
struct json_object *ndt_json_hex(uint64_t val, bool human);
struct json_object *ndt_json_u64(uint64_t val);

/* Format @bytes for humans into @buf; returns false when it stays a plain number. */
bool ndt_format_size(uint64_t bytes, char *buf, size_t len);

/* json_object_object_add() of a new value; false on allocation failure. */
bool ndt_json_add(struct json_object *obj, const char *key, struct json_object *val);
bool ndt_json_add_int(struct json_object *obj, const char *key, int64_t val);
bool ndt_json_add_bool(struct json_object *obj, const char *key, bool val);

#endif
