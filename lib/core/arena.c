/* lib/core/arena.c -- bump allocator for value trees and objects. */
#include "core.h"
#include <stddef.h>

struct hpa__arena_block {
	hpa__arena_block *next;
	hpa__arena *owner;     /* for hpa__arena_of */
	size_t used, size;
	/* data follows, 16-byte aligned */
	_Alignas(16) unsigned char data[];
};

void hpa__arena_init(hpa__arena *a, size_t block_size)
{
	a->head = NULL;
	a->block_size = block_size ? block_size : 16384;
	a->total = 0;
	a->intern = NULL;
	a->intern_heap = NULL;
	a->links = NULL;
}

/* size bytes aligned to align (4 or 8; sizes rounded up to it) */
static void *alloc_in(hpa__arena *a, size_t size, size_t align, hpa__arena_block **where)
{
	hpa__arena_block *b = a->head;
	size_t off = 0;
	if (!size)
		size = 1;
	if (size > SIZE_MAX - 8)
		return NULL;
	size = (size + align - 1) & ~(align - 1);
	if (b)
		off = (b->used + align - 1) & ~(align - 1);
	if (!b || off > b->size || b->size - off < size) {
		size_t bs = a->block_size;
		if (size > bs / 4) {
			/* big allocation: its own block, kept behind the head so the
			 * head's free space is not wasted */
			hpa__arena_block *big;
			if (size > SIZE_MAX - sizeof(*big))
				return NULL;
			big = hpa__malloc(sizeof(*big) + size);
			if (!big)
				return NULL;
			big->size = big->used = size;
			big->owner = a;
			a->total += size;
			*where = big;
			if (b) {
				big->next = b->next;
				b->next = big;
			} else {
				big->next = NULL;
				a->head = big;
			}
			return big->data;
		}
		b = hpa__malloc(sizeof(*b) + bs);
		if (!b)
			return NULL;
		b->size = bs;
		b->used = 0;
		b->owner = a;
		b->next = a->head;
		a->head = b;
		a->total += bs;
		off = 0;
		if (a->block_size < HPA__ARENA_BLOCK_MAX)
			a->block_size *= 2;
	}
	b->used = off + size;
	*where = b;
	return b->data + off;
}

void *hpa__arena_alloc(hpa__arena *a, size_t size)
{
	hpa__arena_block *b;
	return alloc_in(a, size, 8, &b);
}

void *hpa__arena_alloc_back(hpa__arena *a, size_t size, uint32_t *back)
{
	hpa__arena_block *b = NULL;
	unsigned char *p = alloc_in(a, size, 4, &b);
	size_t d;
	if (!p)
		return NULL;
	d = (size_t)(p - b->data);
	if (d > UINT32_MAX)
		return NULL;   /* the allocation stays in the arena, unused */
	*back = (uint32_t)d;
	return p;
}

hpa__arena *hpa__arena_of(const void *p, uint32_t back)
{
	const unsigned char *data = (const unsigned char *)p - back;
	return ((const hpa__arena_block *)(const void *)(data - offsetof(hpa__arena_block, data)))->owner;
}

void *hpa__arena_calloc(hpa__arena *a, size_t size)
{
	void *p = hpa__arena_alloc(a, size);
	if (p)
		memset(p, 0, size);
	return p;
}

char *hpa__arena_strndup(hpa__arena *a, const char *s, size_t n)
{
	char *p;
	if (n == SIZE_MAX)
		return NULL;
	p = hpa__arena_alloc(a, n + 1);
	if (!p)
		return NULL;
	if (n)
		memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

void hpa__arena_dispose(hpa__arena *a)
{
	hpa__arena_block *b = a->head;
	while (b) {
		hpa__arena_block *n = b->next;
		hpa__free(b);
		b = n;
	}
	a->head = NULL;
	a->total = 0;
	hpa__free(a->intern_heap);
	a->intern_heap = NULL;
	hpa__free(a->links);
	a->links = NULL;
	a->intern = NULL;
}
