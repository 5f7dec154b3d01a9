/**
 * @file engine_mpi.h
 * @brief Runs split over several processes with MPI (docs/cluster.md).
 *
 * Only in the MPI build (build/rentbridge-mpi, made when OpenMPI's mpicc is
 * installed): the library's src/engine/mpi.c defines these.  Between
 * rb_engine_mpi_start() and rb_engine_mpi_end() every rb_engine_run() and
 * rb_engine_run_values() of the process is one collective call of all the
 * processes: each computes its slice of each chunk of replications (with
 * its own OpenMP threads), the slices are shared, and every process
 * reduces every replication in replication order, so the results are
 * byte-identical to a single process's on any number of processes and
 * threads.  Every process must make the same calls in the same order.
 */
#ifndef RENTBRIDGE_ENGINE_MPI_H
#define RENTBRIDGE_ENGINE_MPI_H

#include "rentbridge/status.h"

/**
 * Start MPI (MPI_Init_thread, the engine calling MPI from the main thread
 * only) and split every run of this process over MPI_COMM_WORLD.
 * @param argc,argv main()'s, handed to MPI_Init_thread.
 * @return RB_OK, or RB_EINTERNAL when MPI does not start.
 */
rb_status rb_engine_mpi_start(int *argc, char ***argv);

/** Every process's exit status @p rc, the largest: what each process
 * returns, so that mpirun's status is the run's.  @return that status. */
int rb_engine_mpi_status(int rc);

/** End MPI (MPI_Finalize); runs are single-process again. */
void rb_engine_mpi_end(void);

#endif
