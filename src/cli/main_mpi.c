/* rentbridge-mpi: the rentbridge program with every run split over MPI
 * processes (docs/cluster.md).  `mpirun -np K build/rentbridge-mpi run …`
 * takes the same commands and options; the results folder is
 * byte-identical to a single process's.  Each process runs the command
 * (the same calls into the engine in the same order); the first alone
 * prints and writes the folder (src/folder/resultdir.c), the others'
 * terminal output is dropped.  main.c's main() is built as rb_cli_main()
 * for this program (Makefile). */
#include "cli.h"
#include "rentbridge/engine.h"
#include "rentbridge/engine_mpi.h"

#include <stdio.h>

int rb_cli_main(int argc, char **argv);

int main(int argc, char **argv) {
  if (rb_engine_mpi_start(&argc, &argv) != RB_OK) {
    fputs("rentbridge-mpi: MPI does not start\n", stderr);
    return rb_status_exit_code(RB_EINTERNAL);
  }
  if (rb_engine_process_rank() != 0 &&
      (freopen("/dev/null", "w", stdout) == NULL ||
       freopen("/dev/null", "w", stderr) == NULL)) {
    fputs("rentbridge-mpi: cannot quieten a process\n", stderr);
  }
  int rc = rb_cli_main(argc, argv);
  fflush(stdout);
  rc = rb_engine_mpi_status(rc);
  rb_engine_mpi_end();
  return rc;
}
