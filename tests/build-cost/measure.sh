#!/usr/bin/env bash
# Build cost of projects that use the generator, measured from outside as a user builds them (dotnet build, build
# servers as the environment sets them; here UseSharedCompilation=false): an empty console project, the fragment (1 operation), the whole Atlas spec (540 operations) in the
# application project, the whole spec in the application project compiled into its own assembly by the package's
# targets (AtlasAssemblyName, the README's recommendation for large specs), the whole spec in its own class library
# referenced by the application, and for reference Kiota's output for the same spec compiled in a project of the same
# kind (when the Kiota dotnet tool can be installed). For each: a clean build (after dotnet clean), a build with no change, and a
# build after a one-line edit of Program.cs. Prints a markdown table; ratios are against the empty project of the
# same run. Usage: bash tests/build-cost/measure.sh  (about 10 minutes on 2 cores)
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
project "$work/whole-sep/App" exe "$pkg<AdditionalFiles Include=\"$whole\" AtlasAssemblyName=\"App.AtlasApi\" />"
echo 'Console.WriteLine(typeof(Api.MongoDBAtlasAdministrationClient).Name);' > "$work/whole-sep/App/Program.cs"
project "$work/whole-lib/Api" lib "$pkg<AdditionalFiles Include=\"$whole\" />"
project "$work/whole-lib/App" exe "<ProjectReference Include=\"../Api/Api.csproj\" />"
echo 'Console.WriteLine(typeof(Api.MongoDBAtlasAdministrationClient).Name);' > "$work/whole-lib/App/Program.cs"
for d in empty fragment whole-app whole-sep whole-lib; do cp "$work/nuget.config" "$work/$d/"; done

# For reference, the code another generator emits for the same spec (Kiota, a dotnet tool), compiled as a project of
# the same kind, when the tool can be installed here. Kiota 1.38.0's output for this spec does not compile as emitted
# (the schema AdditionalData clashes with IAdditionalDataHolder.AdditionalData, CS0535): the one member is added.
projects="empty fragment whole-app whole-sep whole-lib"
if dotnet tool install --tool-path "$work/tools" Microsoft.OpenApi.Kiota --version 1.38.0 >/dev/null 2>&1 \
  && "$work/tools/kiota" generate -l CSharp -d "$whole" -o "$work/kiota/Generated" -n Api.Kiota -c AtlasKiotaClient --ll Error >/dev/null 2>&1; then
  sed -i 's#^\(        public IDictionary<string, object> AdditionalDataProp { get; set; }\)#\1\n        IDictionary<string, object> IAdditionalDataHolder.AdditionalData { get => AdditionalDataProp; set => AdditionalDataProp = value; }#' "$work/kiota/Generated/Models/AdditionalData.cs"
  kiota_packages=""
  for p in Abstractions Http.HttpClientLibrary Serialization.Json Serialization.Text Serialization.Form Serialization.Multipart; do
    kiota_packages="$kiota_packages<PackageReference Include=\"Microsoft.Kiota.$p\" Version=\"2.1.6\" />"
  done
  project "$work/kiota/App" exe "$kiota_packages<Compile Include=\"../Generated/**/*.cs\" />"
  echo 'Console.WriteLine(typeof(Api.Kiota.AtlasKiotaClient).Name);' > "$work/kiota/App/Program.cs"
  echo "kiota: $(find "$work/kiota/Generated" -name '*.cs' | wc -l) files, $(find "$work/kiota/Generated" -name '*.cs' -exec cat {} + | wc -l) lines" >&2
  projects="$projects kiota"
else
  echo "kiota: the tool could not be installed or run here; no reference row" >&2
fi

ms() { local s; s=$(date +%s%N); "$@" >"$work/last.log" 2>&1 || { cat "$work/last.log"; exit 1; }; echo $(( ($(date +%s%N) - s) / 1000000 )); }
declare -A clean nochange edit
for d in $projects; do
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
for d in $projects; do
  echo "| $d | ${clean[$d]} ms | ${nochange[$d]} ms | ${edit[$d]} ms | $(ratio "${edit[$d]}" "${edit[empty]}") |"
done
echo
echo "generator version $version; $(nproc) cores; $(dotnet --version)"
rm -rf "$work"
