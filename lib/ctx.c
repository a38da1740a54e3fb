// SPDX-License-Identifier: LGPL-2.1-or-later
/* The library context: owner of every enumerated object. */
#include <errno.h>
#include <libkmod.h>
#include <stdlib.h>
#include <time.h>
#include "private.h"

NDT_EXPORT int ndt_ctx_new(struct ndt_ctx **out)
{
	struct ndt_ctx *ctx = calloc(1, sizeof(*ctx));

	if (!ctx)
		return -ENOMEM;
	ctx->refcount = 1;
	ctx->sysfs_nd = "/sys/bus/nd/devices";
	ndt_log_init(ctx);
	info(ctx, "context %p created", (void *)ctx);
	*out = ctx;
	return 0;
}

NDT_EXPORT struct ndt_ctx *ndt_ctx_ref(struct ndt_ctx *ctx)
{
	if (ctx)
		ctx->refcount++;
	return ctx;
}

NDT_EXPORT void ndt_ctx_refresh(struct ndt_ctx *ctx)
{
	ndt_buses_free(ctx);
	ndt_dax_regions_free(ctx);
}

NDT_EXPORT struct ndt_ctx *ndt_ctx_unref(struct ndt_ctx *ctx)
{
	if (!ctx)
		return NULL;
	if (--ctx->refcount > 0)
		return ctx;
	info(ctx, "context %p released", (void *)ctx);
	ndt_ctx_refresh(ctx);
	kmod_unref(ctx->kmod);
	free(ctx);
	return NULL;
}

NDT_EXPORT void ndt_set_userdata(struct ndt_ctx *ctx, void *userdata)
{
	ctx->userdata = userdata;
}

NDT_EXPORT void *ndt_get_userdata(struct ndt_ctx *ctx)
{
	return ctx->userdata;
}

/* CLOCK_MONOTONIC in milliseconds, for the waits of the library */
long long ndt_now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}
