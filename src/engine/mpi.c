/* The engine's processes over MPI (docs/cluster.md): the hooks of
 * rb_eng_dist over MPI_COMM_WORLD.  Built only into the MPI program
 * (build/rentbridge-mpi, with mpicc); with OpenMP's threads in each
 * process, only the main thread calls MPI (MPI_THREAD_FUNNELED).  The only
 * file of the library that includes <mpi.h>. */
#include "engine/engine_internal.h"
#include "rentbridge/engine_mpi.h"

#include <limits.h>
#include <mpi.h>
#include <stdlib.h>

/* Doubles per MPI call: its counts are int. */
#define PIECE ((size_t)1 << 26)

/* Every process's slice of the chunk, in place: the slices stand one after
 * the other in replication order, so Allgatherv's displacements are the
 * slices' starts. */
static rb_status share(double *buf, size_t per, int n) {
  int K = 0, me = 0;
  MPI_Comm_size(MPI_COMM_WORLD, &K);
  MPI_Comm_rank(MPI_COMM_WORLD, &me);
  int *counts = calloc((size_t)K * 2, sizeof *counts);
  if (counts == NULL) {
    return RB_ENOMEM;
  }
  int *displs = counts + K;
  rb_status st = RB_OK;
  for (int k = 0; k < K; k++) {
    int lo = 0, hi = 0;
    rb_eng_slice(n, k, K, &lo, &hi);
    const size_t c = (size_t)(hi - lo) * per, d = (size_t)lo * per;
    if (c > INT_MAX || d > INT_MAX) {
      st = RB_EINTERNAL; /* a chunk's buffer is at most 64 MiB */
    }
    counts[k] = (int)c;
    displs[k] = (int)d;
  }
  if (st == RB_OK &&
      MPI_Allgatherv(MPI_IN_PLACE, 0, MPI_DATATYPE_NULL, buf, counts, displs,
                     MPI_DOUBLE, MPI_COMM_WORLD) != MPI_SUCCESS) {
    st = RB_EINTERNAL;
  }
  free(counts);
  return st;
}

static rb_status sum(double *x, size_t n) {
  for (size_t i = 0; i < n; i += PIECE) {
    const size_t c = n - i < PIECE ? n - i : PIECE;
    if (MPI_Allreduce(MPI_IN_PLACE, x + i, (int)c, MPI_DOUBLE, MPI_SUM,
                      MPI_COMM_WORLD) != MPI_SUCCESS) {
      return RB_EINTERNAL;
    }
  }
  return RB_OK;
}

static rb_status first(int *x) {
  int v = *x < 0 ? INT_MAX : *x;
  if (MPI_Allreduce(MPI_IN_PLACE, &v, 1, MPI_INT, MPI_MIN, MPI_COMM_WORLD) !=
      MPI_SUCCESS) {
    return RB_EINTERNAL;
  }
  *x = v == INT_MAX ? -1 : v;
  return RB_OK;
}

static rb_eng_dist the_mpi = {0, 1, share, sum, first};

rb_status rb_engine_mpi_start(int *argc, char ***argv) {
  int provided = 0;
  if (MPI_Init_thread(argc, argv, MPI_THREAD_FUNNELED, &provided) !=
      MPI_SUCCESS) {
    return RB_EINTERNAL;
  }
  MPI_Comm_rank(MPI_COMM_WORLD, &the_mpi.rank);
  MPI_Comm_size(MPI_COMM_WORLD, &the_mpi.size);
  rb_eng_dist_set(&the_mpi);
  return RB_OK;
}

int rb_engine_mpi_status(int rc) {
  int all = rc;
  MPI_Allreduce(&rc, &all, 1, MPI_INT, MPI_MAX, MPI_COMM_WORLD);
  return all;
}

void rb_engine_mpi_end(void) {
  rb_eng_dist_set(NULL);
  MPI_Finalize();
}
