/*
 * Orbit allocators: a bump allocator over a pool (or any area), so that
 * main's data structures live in memory that orbit calls snapshot.
 * Running out of space is NULL with errno ENOMEM, never an abort.
 */
#include "orbit.h"

#include <errno.h>
#include <stdint.h>
#include <stdlib.h>

#define ALIGN_ 8

/* Header stored in front of each object when use_meta is set. */
struct alloc_meta {
	size_t size;
	size_t pad;
};

/* An allocator with its own size counter when the caller has none. */
struct owned_allocator {
	struct orbit_allocator alloc;
	size_t own_allocated;
};

static size_t align_up(size_t v)
{
	return (v + ALIGN_ - 1) & ~(size_t)(ALIGN_ - 1);
}

struct orbit_allocator *orbit_allocator_create(void *start, size_t length,
		size_t *allocated, bool use_meta)
{
	struct owned_allocator *o = calloc(1, sizeof(*o));

	if (!o)
		return NULL;
	o->alloc.start = start;
	o->alloc.length = length;
	o->alloc.allocated = allocated ? allocated : &o->own_allocated;
	o->alloc.use_meta = use_meta;
	pthread_spin_init(&o->alloc.lock, PTHREAD_PROCESS_PRIVATE);
	return &o->alloc;
}

void orbit_allocator_destroy(struct orbit_allocator *alloc)
{
	if (!alloc)
		return;
	pthread_spin_destroy(&alloc->lock);
	free(alloc);	/* alloc is the first member of owned_allocator */
}

struct orbit_allocator *orbit_allocator_from_pool(struct orbit_pool *pool,
		bool use_meta)
{
	if (!pool) {
		errno = EINVAL;
		return NULL;
	}
	return orbit_allocator_create(pool->rawptr, pool->length, &pool->used,
				      use_meta);
}

void *__orbit_alloc(struct orbit_allocator *alloc, size_t size,
		const char *file, int line)
{
	size_t need, at;
	char *p = NULL;

	(void)file;
	(void)line;
	if (!alloc) {
		errno = EINVAL;
		return NULL;
	}
	need = align_up(size) + (alloc->use_meta ? sizeof(struct alloc_meta) : 0);
	pthread_spin_lock(&alloc->lock);
	at = align_up(*alloc->allocated);
	if (need >= size && at <= alloc->length && need <= alloc->length - at) {
		p = (char *)alloc->start + at;
		*alloc->allocated = at + need;
	}
	pthread_spin_unlock(&alloc->lock);
	if (!p) {
		errno = ENOMEM;
		return NULL;
	}
	if (alloc->use_meta) {
		((struct alloc_meta *)p)->size = size;
		p += sizeof(struct alloc_meta);
	}
	return p;
}

/* Size of an object; only known with use_meta. */
static size_t alloc_size(void *ptr)
{
	return ((struct alloc_meta *)ptr - 1)->size;
}

void orbit_free(struct orbit_allocator *alloc, void *ptr)
{
	char *end;

	if (!alloc || !ptr || !alloc->use_meta)
		return;
	pthread_spin_lock(&alloc->lock);
	end = (char *)ptr + align_up(alloc_size(ptr));
	if (end == (char *)alloc->start + *alloc->allocated)
		*alloc->allocated = (char *)ptr - sizeof(struct alloc_meta) -
				    (char *)alloc->start;
	pthread_spin_unlock(&alloc->lock);
}

void *orbit_realloc(struct orbit_allocator *alloc, void *oldptr, size_t newsize)
{
	size_t old;
	void *p;

	if (!oldptr)
		return orbit_alloc(alloc, newsize);
	if (!alloc || !alloc->use_meta) {
		errno = EINVAL;
		return NULL;
	}
	old = alloc_size(oldptr);
	p = orbit_alloc(alloc, newsize);
	if (!p)
		return NULL;
	memcpy(p, oldptr, old < newsize ? old : newsize);
	return p;
}
