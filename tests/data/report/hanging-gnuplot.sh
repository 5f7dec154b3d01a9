#!/bin/sh
# A gnuplot that never finishes: the report must not wait for it.
exec sleep 60
