#!/bin/bash
# fwa-quiesce.sh with ndtool
TOOL=ndtool exec bash "$(dirname "$0")/fwa-quiesce.sh"
