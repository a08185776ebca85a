/* SPDX-License-Identifier: ISC */
/*
 * Work shared among worker processes.  Items 0 to n-1 are handed out one
 * at a time to whichever worker is free; each worker does an item with
 * work(), which puts its result into a buffer of bytes, and the parent
 * hands every result to deliver() in the order of the items, whatever
 * order they were done in.  So what the parent makes of the results is
 * the same with any number of workers.  Workers are forked processes:
 * each has its own copy of everything, so work() needs no locks, and
 * what it changes outside its result stays in the worker.  deliver() can
 * raise a flag that every worker sees, to say that some work is no
 * longer needed.
 */
#ifndef POOL_H
#define POOL_H

#include <stdbool.h>
#include <stddef.h>

struct buf;

/* Do item 'k'; put what the parent needs to know into 'out'. */
typedef void pool_work(void *ud, size_t k, struct buf *out);

/*
 * Take the result of item 'k' ('len' bytes).  Return nonzero to raise
 * the flag that pool_flagged() reads.
 */
typedef int pool_deliver(void *ud, size_t k, const char *data, size_t len);

/*
 * Do 'n' items with 'jobs' workers; with one, all in this process.
 * Returns 0, or -1 if a worker could not start or died (after saying
 * so).
 */
int pool_run(size_t n, size_t jobs, pool_work *, pool_deliver *, void *ud);

/*
 * True once deliver() has raised the flag, as far as work() can know: a
 * worker may do an item before it sees the flag, so deliver() must still
 * judge each result by what came before it.
 */
bool pool_flagged(void);

/* The number of processors this machine has online (at least 1). */
size_t pool_cpus(void);

#endif /* !POOL_H */
