#!/usr/bin/env bash
# Cuts an API baseline: builds every Sotay bundle that exports packages, from a commit (a release tag) or
# from the working tree, and keeps its jar as org.sotay:<bundle>:<version> in the small Maven repository
# api-baseline/repository, which the build's bnd-baseline-maven-plugin compares every later build with.
# Run it at each release, with the release's version and tag (docs/architecture.md, "API baseline"):
#
#   api-baseline/make-baseline.sh 0.2.0 v0.2.0     # from the tag (a temporary git worktree)
#   api-baseline/make-baseline.sh 0.1.0            # from the working tree as it is
#
# then set <sotay.api.baseline> in the root pom.xml to that version and commit both. A release's
# baseline is never rewritten; --force replaces one (and drops its cached copy from ~/.m2, which Maven
# would otherwise keep using).
set -euo pipefail

usage() { echo "usage: $0 [--force] <version> [<commit>]" >&2; exit 2; }
force=0
if [[ "${1:-}" == "--force" ]]; then force=1; shift; fi
version="${1:-}"; commit="${2:-}"
[[ "$version" =~ ^[0-9]+\.[0-9]+\.[0-9]+$ ]] || usage

here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/.." && pwd)"
repo="$here/repository"
m2="${MAVEN_REPO_LOCAL:-$HOME/.m2/repository}"

src="$root"
tmp=""
cleanup() { if [[ -n "$tmp" ]]; then git -C "$root" worktree remove --force "$tmp" >/dev/null 2>&1 || true; rm -rf "$tmp"; fi; }
trap cleanup EXIT
if [[ -n "$commit" ]]; then
  tmp="$(mktemp -d /tmp/sotay-baseline.XXXXXX)"
  rmdir "$tmp"
  git -C "$root" worktree add --detach "$tmp" "$commit" >/dev/null
  src="$tmp"
  echo "Building the API bundles of $commit ($(git -C "$src" rev-parse --short HEAD)) in $src"
else
  echo "Building the API bundles of the working tree ($(git -C "$root" rev-parse --short HEAD)$(git -C "$root" diff --quiet HEAD -- bundles samples || echo ', with uncommitted changes'))"
fi

# The modules that export packages: a package-info.java annotated @Export under src/main/java.
mapfile -t modules < <(cd "$src" && grep -rl --include=package-info.java 'org.osgi.annotation.bundle.Export' bundles samples 2>/dev/null \
  | sed 's#/src/main/java/.*##' | sort -u)
[[ ${#modules[@]} -gt 0 ]] || { echo "no module exports a package" >&2; exit 1; }
list="$(IFS=,; echo "${modules[*]}")"
echo "Modules: ${modules[*]}"

# package only (no install: the shared ~/.m2 snapshots stay as they are); not baselined against itself.
(cd "$src" && ./mvnw -o -B -q -DskipTests -Dbnd.baseline.skip=true package -pl "$list" -am)

for m in "${modules[@]}"; do
  aid="$(basename "$m")"
  jar="$(ls "$src/$m"/target/"$aid"-*.jar | grep -v -- '-sources\|-javadoc\|-tests' | head -1)"
  unzip -p "$jar" META-INF/MANIFEST.MF | grep -q '^Export-Package:' || { echo "$aid: no Export-Package in $jar, not baselined"; continue; }
  dir="$repo/org/sotay/$aid/$version"
  if [[ -e "$dir" && $force -eq 0 ]]; then
    echo "$dir exists: a release's baseline is not rewritten (--force to replace it)" >&2; exit 1
  fi
  rm -rf "$dir" "$m2/org/sotay/$aid/$version"
  mkdir -p "$dir"
  cp "$jar" "$dir/$aid-$version.jar"
  cat > "$dir/$aid-$version.pom" <<POM
<?xml version="1.0" encoding="UTF-8"?>
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <!-- api-baseline $version: the exported packages of $aid as released, for bnd baselining only -->
  <groupId>org.sotay</groupId>
  <artifactId>$aid</artifactId>
  <version>$version</version>
</project>
POM
  # maven-metadata.xml lists every baseline version kept
  versions="$(cd "$repo/org/sotay/$aid" && ls -d */ | tr -d / | sort -V)"
  {
    echo '<?xml version="1.0" encoding="UTF-8"?>'
    echo "<metadata><groupId>org.sotay</groupId><artifactId>$aid</artifactId><versioning>"
    echo "  <latest>$(tail -1 <<<"$versions")</latest><release>$(tail -1 <<<"$versions")</release><versions>"
    for v in $versions; do echo "    <version>$v</version>"; done
    echo "  </versions><lastUpdated>$(date -u +%Y%m%d%H%M%S)</lastUpdated></versioning></metadata>"
  } > "$repo/org/sotay/$aid/maven-metadata.xml"
  for f in "$dir/$aid-$version.jar" "$dir/$aid-$version.pom" "$repo/org/sotay/$aid/maven-metadata.xml"; do
    sha1sum "$f" | cut -d' ' -f1 > "$f.sha1"
  done
  echo "  $aid $version: $(unzip -p "$jar" META-INF/MANIFEST.MF | tr -d '\r' | sed -n '/^Export-Package:/,/^[A-Z]/p' | tr -d '\n ' | grep -o 'org\.sotay\.[a-z.]*;version="[0-9.]*"' | sed 's/;version=/ /; s/"//g' | paste -sd, -)"
done
echo "api-baseline $version: $(du -sh "$repo" | cut -f1) in $repo"
