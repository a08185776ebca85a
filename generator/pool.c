/* SPDX-License-Identifier: ISC */
/*
 * Each worker has a pipe to the parent.  A result goes down it as a
 * header (the item and its length) and the bytes.  The next item to do
 * is a counter in memory shared by all the processes, taken with an
 * atomic add, so a worker that finishes early takes more; the flag
 * deliver() raises is there too.  The parent polls the pipes, keeps results that
 * come early, and delivers each as soon as all before it are delivered.
 */
#define _DEFAULT_SOURCE /* MAP_ANONYMOUS: in POSIX only since 2024 */

#include <errno.h>
#include <poll.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#include "buf.h"
#include "pool.h"
#include "util.h"

struct shared {
	atomic_size_t next; /* the next item to take */
	atomic_int    flag; /* raised by deliver() */
};

struct header {
	size_t k;   /* the item */
	size_t len; /* bytes of result that follow */
};

static struct shared *shared; /* while the workers run */
static bool	      flag;   /* the same, with one worker */

struct result {
	char  *data; /* NULL until it has come */
	size_t len;
	int    done; /* it came */
};

bool
pool_flagged(void)
{
	return shared != NULL ? atomic_load(&shared->flag) != 0 : flag;
}

size_t
pool_cpus(void)
{
	long n = sysconf(_SC_NPROCESSORS_ONLN);

	return n < 1 ? 1 : (size_t)n;
}

static int
write_all(int fd, const void *p, size_t len)
{
	const char *s = p;
	ssize_t	    w;

	while (len > 0) {
		if ((w = write(fd, s, len)) == -1) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		s += w;
		len -= (size_t)w;
	}
	return 0;
}

/* Read exactly 'len' bytes: 1 if done, 0 at the end of the pipe, -1. */
static int
read_all(int fd, void *p, size_t len)
{
	char   *s = p;
	ssize_t r;
	size_t	got = 0;

	while (got < len) {
		if ((r = read(fd, s + got, len - got)) == -1) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		if (r == 0)
			return got == 0 ? 0 : -1;
		got += (size_t)r;
	}
	return 1;
}

static void
serial(size_t n, pool_work *work, pool_deliver *deliver, void *ud)
{
	struct buf out = { 0 };
	size_t	   k;

	for (k = 0; k < n; k++) {
		buf_reset(&out);
		work(ud, k, &out);
		if (deliver(ud, k, out.ptr == NULL ? "" : out.ptr, out.len) !=
		    0)
			flag = true;
	}
	buf_release(&out);
}

/* A worker: take items until there are none. */
static void
worker(struct shared *sh, int fd, size_t n, pool_work *work, void *ud)
{
	struct buf    out = { 0 };
	struct header h;

	while ((h.k = atomic_fetch_add(&sh->next, 1)) < n) {
		buf_reset(&out);
		work(ud, h.k, &out);
		h.len = out.len;
		if (write_all(fd, &h, sizeof(h)) == -1 ||
		    write_all(fd, out.ptr, out.len) == -1)
			_exit(1);
	}
	_exit(0);
}

/* Deliver what has come, in order, from item '*next' on. */
static void
deliver_ready(struct result *res, size_t n, size_t *next, pool_deliver *deliver,
    void *ud)
{
	while (*next < n && res[*next].done) {
		struct result *r = &res[*next];

		if (deliver(ud, *next, r->data == NULL ? "" : r->data,
			r->len) != 0)
			atomic_store(&shared->flag, 1);
		free(r->data);
		r->data = NULL;
		(*next)++;
	}
}

int
pool_run(size_t n, size_t jobs, pool_work *work, pool_deliver *deliver,
    void *ud)
{
	struct shared *sh;
	struct result *res;
	struct pollfd *pfd;
	pid_t	      *pid;
	size_t	       i, open, next = 0;
	int	       fds[2], status, rc = 0;

	if (jobs > n)
		jobs = n;
	if (jobs <= 1) {
		serial(n, work, deliver, ud);
		return 0;
	}
	sh = mmap(NULL, sizeof(*sh), PROT_READ | PROT_WRITE,
	    MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (sh == MAP_FAILED) {
		perror("kindly: mmap");
		return -1;
	}
	atomic_init(&sh->next, 0);
	atomic_init(&sh->flag, flag);
	shared = sh;
	res = xcalloc(n, sizeof(*res));
	pfd = xcalloc(jobs, sizeof(*pfd));
	pid = xcalloc(jobs, sizeof(*pid));
	fflush(NULL); /* or the workers would write the parent's buffers too */
	for (i = 0; i < jobs; i++) {
		fds[0] = fds[1] = -1;
		if (pipe(fds) == -1 || (pid[i] = fork()) == -1) {
			perror("kindly: cannot start a worker");
			if (fds[0] != -1) {
				close(fds[0]);
				close(fds[1]);
			}
			atomic_store(&sh->next, n);
			jobs = i;
			rc = -1;
			break;
		}
		if (pid[i] == 0) {
			size_t j;

			close(fds[0]);
			for (j = 0; j < i; j++)
				close(pfd[j].fd);
			worker(sh, fds[1], n, work, ud);
		}
		close(fds[1]);
		pfd[i].fd = fds[0];
		pfd[i].events = POLLIN;
	}
	for (open = jobs; open > 0;) {
		if (poll(pfd, jobs, -1) == -1) {
			if (errno == EINTR)
				continue;
			perror("kindly: poll");
			rc = -1;
			break;
		}
		for (i = 0; i < jobs; i++) {
			struct header h;
			int	      got;

			if (pfd[i].fd == -1 || pfd[i].revents == 0)
				continue;
			if ((got = read_all(pfd[i].fd, &h, sizeof(h))) == 1 &&
			    h.k < n && !res[h.k].done) {
				res[h.k].data = xmalloc(h.len + 1);
				res[h.k].len = h.len;
				got = read_all(pfd[i].fd, res[h.k].data, h.len);
				if (got == 0 && h.len > 0)
					got = -1;
				res[h.k].done = 1;
			} else if (got == 1)
				got = -1; /* an item that makes no sense */
			if (got != 1) {
				if (got == -1)
					rc = -1;
				close(pfd[i].fd);
				pfd[i].fd = -1;
				open--;
			}
		}
		deliver_ready(res, n, &next, deliver, ud);
	}
	for (i = 0; i < jobs; i++)
		if (waitpid(pid[i], &status, 0) == -1 || !WIFEXITED(status) ||
		    WEXITSTATUS(status) != 0)
			rc = -1;
	if (rc == 0 && next < n)
		rc = -1; /* a worker stopped without doing its items */
	if (rc == -1)
		fputs("kindly: a worker process stopped before it finished; "
		      "nothing was written\n",
		    stderr);
	for (i = 0; i < n; i++)
		free(res[i].data);
	free(res);
	free(pfd);
	free(pid);
	flag = atomic_load(&sh->flag) != 0;
	shared = NULL;
	munmap(sh, sizeof(*sh));
	return rc;
}
