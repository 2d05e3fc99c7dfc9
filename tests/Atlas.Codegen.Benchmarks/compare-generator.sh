#!/usr/bin/env bash
# Generator run time of this tree against another commit's generator (default: HEAD~1), side by side in one
# BenchmarkDotNet run. Usage: bash tests/Atlas.Codegen.Benchmarks/compare-generator.sh [commit]
set -euo pipefail
repo=$(cd "$(dirname "$0")/../.." && pwd)
commit=${1:-HEAD~1}
work=$(mktemp -d)
git -C "$repo" worktree add --detach "$work/base" "$commit" >/dev/null
trap 'git -C "$repo" worktree remove --force "$work/base"; rm -rf "$work"' EXIT
dotnet build "$work/base/generator" -c Release >/dev/null
ATLAS_BASELINE_GENERATOR="$work/base/generator/bin/Release/netstandard2.0/Atlas.Codegen.dll" \
  dotnet run -c Release --project "$repo/tests/Atlas.Codegen.Benchmarks" -- --filter '*GeneratorComparison*'
