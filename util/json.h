/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef NDTOOL_UTIL_JSON_H
#define NDTOOL_UTIL_JSON_H

#include <stdbool.h>
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

#endif
