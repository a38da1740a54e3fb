#!/bin/bash
# fwa-quiesce.sh with ndctl
TOOL=ndctl exec bash "$(dirname "$0")/fwa-quiesce.sh"
