/*
 * Scratch logs: the orbit appends typed records (UPDATE, OPERATION, ANY)
 * to a scratch in the scratch pool and sends it whole; the kernel copies
 * it into main at the same address, where main applies or skips records.
 */
#define _GNU_SOURCE
#include "orbit.h"

#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <unistd.h>
#include <sys/syscall.h>
#include <linux/orbit.h>

#include "orbit_nr.h"

#define PAGE_SIZE_ 4096UL
#define REC_ALIGN 4

static struct orbit_pool *scratch_pool;
static size_t scratch_next;	/* offset of the next scratch in the pool */

static size_t round_up(size_t v, size_t to)
{
	return (v + to - 1) & ~(to - 1);
}

int orbit_scratch_set_pool(struct orbit_pool *pool)
{
	if (!pool) {
		errno = EINVAL;
		return -1;
	}
	scratch_pool = pool;
	scratch_next = 0;
	return 0;
}

int orbit_scratch_create(struct orbit_scratch *s)
{
	if (!s || !scratch_pool) {
		errno = EINVAL;
		return -1;
	}
	/* wrap around: main has applied the oldest scratches by now */
	if (scratch_next + PAGE_SIZE_ > scratch_pool->length)
		scratch_next = 0;
	s->ptr = (char *)scratch_pool->rawptr + scratch_next;
	s->cursor = 0;
	s->size_limit = scratch_pool->length - scratch_next;
	s->count = 0;
	s->any_alloc = NULL;
	return 0;
}

/* Reserve a record of type with extra payload bytes, or NULL when full. */
static struct orbit_repr *scratch_reserve(struct orbit_scratch *s,
		enum orbit_type type, size_t extra)
{
	size_t size = sizeof(struct orbit_repr) + extra;
	struct orbit_repr *rec;

	orbit_scratch_close_any(s);
	if (extra > s->size_limit || s->cursor + size > s->size_limit) {
		errno = ENOMEM;
		return NULL;
	}
	rec = (struct orbit_repr *)((char *)s->ptr + s->cursor);
	rec->type = type;
	s->cursor = round_up(s->cursor + size, REC_ALIGN);
	s->count++;
	return rec;
}

int orbit_scratch_push_update(struct orbit_scratch *s, void *ptr, size_t length)
{
	struct orbit_repr *rec = scratch_reserve(s, ORBIT_UPDATE, length);

	if (!rec)
		return -1;
	rec->update.ptr = ptr;
	rec->update.length = length;
	memcpy(rec->update.data, ptr, length);
	return s->count;
}

int orbit_scratch_push_operation(struct orbit_scratch *s,
		orbit_operation_func func, size_t argc, unsigned long argv[])
{
	size_t bytes = argc * sizeof(unsigned long);
	struct orbit_repr *rec;

	if (argc > SIZE_MAX / sizeof(unsigned long)) {
		errno = EINVAL;
		return -1;
	}
	rec = scratch_reserve(s, ORBIT_OPERATION, bytes);
	if (!rec)
		return -1;
	rec->operation.func = func;
	rec->operation.argc = argc;
	memcpy(rec->operation.argv, argv, bytes);
	return s->count;
}

void *orbit_scratch_push_any(struct orbit_scratch *s, void *ptr, size_t length)
{
	struct orbit_repr *rec = scratch_reserve(s, ORBIT_ANY, length);

	if (!rec)
		return NULL;
	rec->any.length = length;
	if (ptr)
		memcpy(rec->any.data, ptr, length);
	return rec->any.data;
}

struct orbit_allocator *orbit_scratch_open_any(struct orbit_scratch *s,
		bool use_meta)
{
	struct orbit_repr *rec = scratch_reserve(s, ORBIT_ANY, 0);

	if (!rec)
		return NULL;
	rec->any.length = 0;
	s->any_alloc = orbit_allocator_create(rec->any.data,
			s->size_limit - ((char *)rec->any.data - (char *)s->ptr),
			(size_t *)&rec->any.length, use_meta);
	return s->any_alloc;
}

int orbit_scratch_close_any(struct orbit_scratch *s)
{
	struct orbit_repr *rec;

	if (!s || !s->any_alloc)
		return 0;
	rec = (struct orbit_repr *)((char *)s->any_alloc->start -
				    offsetof(struct orbit_repr, any.data));
	s->cursor = round_up((char *)rec->any.data + rec->any.length -
			     (char *)s->ptr, REC_ALIGN);
	orbit_allocator_destroy(s->any_alloc);
	s->any_alloc = NULL;
	return 0;
}

int orbit_sendv(struct orbit_scratch *s)
{
	struct orbit_scratch_info info;

	orbit_scratch_close_any(s);
	info.ptr = (uintptr_t)s->ptr;
	info.size = s->cursor;
	info.count = s->count;
	if (syscall(__NR_orbit_sendv, &info, 0) < 0)
		return -1;
	scratch_next += round_up(s->cursor ? s->cursor : 1, PAGE_SIZE_);
	return 0;
}

int orbit_recvv(union orbit_result *result, struct orbit_task *task)
{
	struct orbit_recvv_info info = { 0 };
	long ret;

	if (!result || !task || !task->orbit) {
		errno = EINVAL;
		return -1;
	}
	/* the kernel copies a scratch into main only inside the scratch pool */
	if (scratch_pool) {
		info.scratch.ptr = (uintptr_t)scratch_pool->rawptr;
		info.scratch.size = scratch_pool->length;
	}
	ret = syscall(__NR_orbit_recvv, task->orbit->gobid, task->taskid,
		      &info, 0);
	if (ret == 1) {
		result->scratch = (struct orbit_scratch) {
			.ptr = (void *)(uintptr_t)info.scratch.ptr,
			.cursor = 0,
			.size_limit = info.scratch.size,
			.count = info.scratch.count,
		};
	} else if (ret == 0) {
		result->retval = info.retval;
	}
	return ret;
}

/* Payload bytes of a record after its header, or -1 if unknown type. */
static long record_extra(const struct orbit_repr *rec)
{
	switch (rec->type) {
	case ORBIT_UPDATE:
		return rec->update.length;
	case ORBIT_OPERATION:
		return rec->operation.argc * sizeof(unsigned long);
	case ORBIT_ANY:
		return rec->any.length;
	default:
		return -1;
	}
}

struct orbit_repr *orbit_scratch_first(struct orbit_scratch *s)
{
	struct orbit_repr *rec;

	if (!s || s->count == 0 || s->cursor >= s->size_limit)
		return NULL;
	rec = (struct orbit_repr *)((char *)s->ptr + s->cursor);
	return record_extra(rec) < 0 ? NULL : rec;
}

/* Consume the current record, applying it first when apply is set. */
static enum orbit_type scratch_step(struct orbit_scratch *s, bool yield,
		bool apply)
{
	struct orbit_repr *rec = orbit_scratch_first(s);
	enum orbit_type type;

	if (!s || s->count == 0)
		return ORBIT_END;
	if (!rec)
		return ORBIT_UNKNOWN;
	type = rec->type;
	if (type == ORBIT_ANY && yield)
		return ORBIT_ANY;
	if (apply && type == ORBIT_UPDATE)
		memcpy(rec->update.ptr, rec->update.data, rec->update.length);
	else if (apply && type == ORBIT_OPERATION)
		rec->operation.func(rec->operation.argc, rec->operation.argv);
	s->cursor = round_up(s->cursor + sizeof(*rec) + record_extra(rec),
			     REC_ALIGN);
	s->count--;
	return type;
}

/* Run scratch_step until the end, an unknown record, or a yielded ANY. */
static enum orbit_type scratch_run(struct orbit_scratch *s, bool yield,
		bool apply)
{
	enum orbit_type type = ORBIT_END;

	while (s && s->count) {
		type = scratch_step(s, yield, apply);
		if (type == ORBIT_UNKNOWN || (type == ORBIT_ANY && yield))
			return type;
	}
	return ORBIT_END;
}

enum orbit_type orbit_apply_one(struct orbit_scratch *s, bool yield)
{
	return scratch_step(s, yield, true);
}

enum orbit_type orbit_apply(struct orbit_scratch *s, bool yield)
{
	return scratch_run(s, yield, true);
}

enum orbit_type orbit_skip_one(struct orbit_scratch *s, bool yield)
{
	return scratch_step(s, yield, false);
}

enum orbit_type orbit_skip(struct orbit_scratch *s, bool yield)
{
	return scratch_run(s, yield, false);
}

struct orbit_repr *orbit_scratch_next(struct orbit_scratch *s)
{
	scratch_step(s, false, false);
	return orbit_scratch_first(s);
}

bool orbit_scratch_empty(struct orbit_scratch *s)
{
	return !s || s->count == 0;
}
