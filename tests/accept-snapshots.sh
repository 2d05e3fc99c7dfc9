#!/usr/bin/env bash
# Accepts every snapshot the tests produce now (then review with git diff before committing).
set -euo pipefail
cd "$(dirname "$0")/.."
ATLAS_ACCEPT_SNAPSHOTS=1 dotnet test Atlas.Codegen.sln "$@"
