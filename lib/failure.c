// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Why an operation failed: each operation that changes state clears the context's record
 * on entry and fills it when it fails, so that the caller can tell the administrator what
 * stands in the way (the library states the condition; the caller adds the advice).
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include "private.h"

void ndt_failure_clear(struct ndt_ctx *ctx)
{
	ctx->failure.reason = NDT_REASON_NONE;
	ctx->failure.object[0] = '\0';
	ctx->failure.text[0] = '\0';
}

static void vrecord(struct ndt_ctx *ctx, size_t off, const char *fmt, va_list ap)
{
	struct ndt_failure *f = &ctx->failure;

	if (off >= sizeof(f->text))
		return;
	vsnprintf(f->text + off, sizeof(f->text) - off, fmt, ap);
}

int ndt_fail(struct ndt_ctx *ctx, int rc, enum ndt_reason reason, const char *object,
	     const char *fmt, ...)
{
	struct ndt_failure *f = &ctx->failure;
	va_list ap;

	f->reason = reason;
	snprintf(f->object, sizeof(f->object), "%s", object ? object : "");
	va_start(ap, fmt);
	vrecord(ctx, 0, fmt, ap);
	va_end(ap);
	dbg(ctx, "%s (%s)", f->text, strerror(rc < 0 ? -rc : rc));
	return rc;
}

void ndt_fail_append(struct ndt_ctx *ctx, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vrecord(ctx, strlen(ctx->failure.text), fmt, ap);
	va_end(ap);
}

NDT_EXPORT const char *ndt_ctx_get_failure(struct ndt_ctx *ctx, enum ndt_reason *reason,
					   const char **object)
{
	if (reason)
		*reason = ctx->failure.reason;
	if (object)
		*object = ctx->failure.object;
	return ctx->failure.text;
}
