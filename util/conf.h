/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef NDTOOL_UTIL_CONF_H
#define NDTOOL_UTIL_CONF_H

#include <stddef.h>

/*
 * The value of "@key = value" in the [@section] of the *.conf files of @dir (ndctl's
 * configuration style: "#" comments, files read in name order, the last value wins).
 * Returns 1 with the value in @buf, 0 when no file sets it (or @dir cannot be read).
 */
int ndt_conf_get(const char *dir, const char *section, const char *key, char *buf,
		 size_t len);

/* @s without the white space (isspace) at its start and end; the end is cut in place. */
char *ndt_trim(char *s);

#endif
