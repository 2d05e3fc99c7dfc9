#!/usr/bin/env bash
# Build cost of projects that use the generator, measured from outside as a user builds them (dotnet build, build
# servers as the environment sets them; here UseSharedCompilation=false): an empty console project, the fragment (1 operation), the whole Atlas spec (540 operations) in the
# application project, and the whole spec in its own class library referenced by the application (the layout the
# README recommends for large specs). For each: a clean build (after dotnet clean), a build with no change, and a
# build after a one-line edit of Program.cs. Prints a markdown table; ratios are against the empty project of the
# same run. Usage: bash tests/build-cost/measure.sh  (about 8 minutes on 2 cores)
set -euo pipefail
repo=$(cd "$(dirname "$0")/../.." && pwd)
work=$(mktemp -d)
version="0.0.0-measure.$(date +%s)"
export NUGET_PACKAGES="$work/packages" DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
dotnet pack "$repo/generator" -c Release -o "$work/feed" -p:Version="$version" >/dev/null
cat > "$work/nuget.config" <<XML
<?xml version="1.0" encoding="utf-8"?>
<configuration><packageSources><add key="local" value="$work/feed" /></packageSources></configuration>
XML

project() { # dir, kind (exe|lib), extra items
  mkdir -p "$1"
  local type=""; [ "$2" = exe ] && type="<OutputType>Exe</OutputType>"
  cat > "$1/$(basename "$1").csproj" <<XML
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup>$type<TargetFramework>net10.0</TargetFramework><Nullable>enable</Nullable><ImplicitUsings>enable</ImplicitUsings><RootNamespace>Api</RootNamespace></PropertyGroup>
  <ItemGroup>$3</ItemGroup>
</Project>
XML
}
pkg="<PackageReference Include=\"Atlas.Codegen\" Version=\"$version\" PrivateAssets=\"all\" />"
whole="$repo/openapi/atlas/atlas-admin-v2.yaml"
fragment="$repo/openapi/atlas/create-private-endpoint.yaml"

project "$work/empty/App" exe ""
echo 'Console.WriteLine("hello");' > "$work/empty/App/Program.cs"
project "$work/fragment/App" exe "$pkg<AdditionalFiles Include=\"$fragment\" AtlasClientName=\"AtlasClient\" />"
echo 'Console.WriteLine(typeof(Api.AtlasClient).Name);' > "$work/fragment/App/Program.cs"
project "$work/whole-app/App" exe "$pkg<AdditionalFiles Include=\"$whole\" />"
echo 'Console.WriteLine(typeof(Api.MongoDBAtlasAdministrationClient).Name);' > "$work/whole-app/App/Program.cs"
project "$work/whole-lib/Api" lib "$pkg<AdditionalFiles Include=\"$whole\" />"
project "$work/whole-lib/App" exe "<ProjectReference Include=\"../Api/Api.csproj\" />"
echo 'Console.WriteLine(typeof(Api.MongoDBAtlasAdministrationClient).Name);' > "$work/whole-lib/App/Program.cs"
for d in empty fragment whole-app whole-lib; do cp "$work/nuget.config" "$work/$d/"; done

ms() { local s; s=$(date +%s%N); "$@" >"$work/last.log" 2>&1 || { cat "$work/last.log"; exit 1; }; echo $(( ($(date +%s%N) - s) / 1000000 )); }
declare -A clean nochange edit
for d in empty fragment whole-app whole-lib; do
  app="$work/$d/App"
  dotnet restore "$app" >/dev/null
  dotnet build --no-restore "$app" >/dev/null   # warm: build servers up, first-run costs paid
  dotnet clean "$app" >/dev/null
  clean[$d]=$(ms dotnet build --no-restore "$app")
  nochange[$d]=$(ms dotnet build --no-restore "$app")
  echo "Console.WriteLine(\"edit $RANDOM\");" >> "$app/Program.cs"
  edit[$d]=$(ms dotnet build --no-restore "$app")
done
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }
echo "| project | clean build | no-change build | one-line edit | edit / empty edit |"
echo "|---|---|---|---|---|"
for d in empty fragment whole-app whole-lib; do
  echo "| $d | ${clean[$d]} ms | ${nochange[$d]} ms | ${edit[$d]} ms | $(ratio "${edit[$d]}" "${edit[empty]}") |"
done
echo
echo "generator version $version; $(nproc) cores; $(dotnet --version)"
rm -rf "$work"
