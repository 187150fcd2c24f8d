// A small program written against the artifact's orbit API, compiled with tcc
// inside the VM by npm test: main fills a pool, the orbit sums its snapshot,
// writes into it, and main checks that it never sees the orbit's write.
#include <stdio.h>
#include <orbit.h>

static unsigned long sum_pool(void *store, void *argbuf)
{
	int *values = *(int **)argbuf;
	unsigned long sum = 0;

	(void)store;
	for (int i = 0; i < 1024; i++)
		sum += values[i];
	values[0] = -1;	/* lands in the orbit's private copy only */
	return sum;
}

int main(void)
{
	struct orbit_module *ob;
	struct orbit_pool *pool;
	int *values;
	long sum;

	pool = orbit_pool_create(NULL, 1024 * sizeof(int));
	if (!pool)
		return perror("orbit_pool_create"), 1;
	values = pool->rawptr;
	for (int i = 0; i < 1024; i++)
		values[i] = i;
	pool->used = 1024 * sizeof(int);
	ob = orbit_create("demo", sum_pool, NULL);
	if (!ob)
		return perror("orbit_create"), 1;
	sum = orbit_call(ob, 1, &pool, NULL, &values, sizeof(values));
	printf("sum=%ld first=%d\n", sum, values[0]);
	orbit_destroy(ob->gobid);
	return sum == 523776 && values[0] == 0 ? 0 : 1;
}
