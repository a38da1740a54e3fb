// SPDX-License-Identifier: LGPL-2.1-or-later
/* What every enumerated object shares: identity, sysfs directory, sibling order. */
#include <errno.h>
#include <stdarg.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include "private.h"

int ndt_vec_push(struct ndt_vec *vec, void *item)
{
	if (vec->n == vec->cap) {
		size_t ncap = vec->cap ? vec->cap * 2 : 8;
		void **n = realloc(vec->v, ncap * sizeof(*n));

		if (!n)
			return -ENOMEM;
		vec->v = n;
		vec->cap = ncap;
	}
	vec->v[vec->n++] = item;
	return 0;
}

/* Sort with @cmp (on pointers to items) and renumber the objects' sibling index. */
void ndt_vec_sort(struct ndt_vec *vec, int (*cmp)(const void *, const void *))
{
	size_t i;

	if (vec->n > 1)
		qsort(vec->v, vec->n, sizeof(*vec->v), cmp);
	for (i = 0; i < vec->n; i++)
		((struct ndt_obj *)vec->v[i])->idx = i;
}

void ndt_vec_clear(struct ndt_vec *vec, void (*free_fn)(void *))
{
	size_t i;

	for (i = 0; i < vec->n; i++)
		free_fn(vec->v[i]);
	free(vec->v);
	vec->v = NULL;
	vec->n = vec->cap = 0;
}

int ndt_obj_init(struct ndt_obj *obj, struct ndt_ctx *ctx, const char *dir, const char *name,
		 unsigned int id)
{
	obj->ctx = ctx;
	obj->id = id;
	if ((size_t)snprintf(obj->devname, sizeof(obj->devname), "%s", name) >=
	    sizeof(obj->devname))
		return -ENAMETOOLONG;
	if (asprintf(&obj->path, "%s/%s", dir, name) < 0) {
		obj->path = NULL;
		return -ENOMEM;
	}
	return 0;
}

/*
 * A new zeroed object of @size bytes (its first member a struct ndt_obj), initialized
 * and appended to @vec. NULL when out of memory (logged).
 */
void *ndt_obj_new(size_t size, struct ndt_ctx *ctx, const char *dir, const char *name,
		  unsigned int id, struct ndt_vec *vec)
{
	struct ndt_obj *obj = calloc(1, size);

	if (obj && ndt_obj_init(obj, ctx, dir, name, id) == 0 && ndt_vec_push(vec, obj) == 0)
		return obj;
	err(ctx, "%s: out of memory", name);
	if (obj)
		ndt_obj_release(obj);
	free(obj);
	return NULL;
}

void ndt_obj_release(struct ndt_obj *obj)
{
	free(obj->path);
}

int ndt_obj_cmp(const void *a, const void *b)
{
	const struct ndt_obj *x = *(const struct ndt_obj *const *)a;
	const struct ndt_obj *y = *(const struct ndt_obj *const *)b;

	return (x->id > y->id) - (x->id < y->id);
}

/* A device is enabled when a driver is bound: <dev>/driver exists. */
bool ndt_obj_is_enabled(const struct ndt_obj *obj)
{
	char path[PATH_MAX];
	struct stat st;

	snprintf(path, sizeof(path), "%s/driver", obj->path);
	return lstat(path, &st) == 0;
}

int ndt_obj_read(const struct ndt_obj *obj, const char *attr, char *buf, size_t len)
{
	return ndt_sysfs_read_at(obj->ctx, obj->path, attr, buf, len);
}

int ndt_obj_read_u64(const struct ndt_obj *obj, const char *attr, uint64_t *val)
{
	char buf[64];
	int rc = ndt_obj_read(obj, attr, buf, sizeof(buf));

	if (rc < 0)
		return rc;
	if (ndt_parse_u64(buf, val) < 0) {
		dbg(obj->ctx, "%s/%s: not a number: \"%s\"", obj->devname, attr, buf);
		return -EIO;
	}
	return 0;
}

int ndt_obj_read_int(const struct ndt_obj *obj, const char *attr, int *val)
{
	char buf[64];
	int rc = ndt_obj_read(obj, attr, buf, sizeof(buf));

	if (rc < 0)
		return rc;
	if (ndt_parse_int(buf, val) < 0) {
		dbg(obj->ctx, "%s/%s: not a number: \"%s\"", obj->devname, attr, buf);
		return -EIO;
	}
	return 0;
}

char *ndt_obj_strdup(const struct ndt_obj *obj, const char *attr)
{
	return ndt_sysfs_strdup_at(obj->ctx, obj->path, attr);
}

int ndt_obj_write(const struct ndt_obj *obj, const char *attr, const char *val)
{
	char path[PATH_MAX];

	if ((size_t)snprintf(path, sizeof(path), "%s/%s", obj->path, attr) >= sizeof(path))
		return -ENAMETOOLONG;
	return ndt_sysfs_write(obj->ctx, path, val);
}

int ndt_obj_writef(const struct ndt_obj *obj, const char *attr, const char *fmt, ...)
{
	char buf[256];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	return ndt_obj_write(obj, attr, buf);
}
