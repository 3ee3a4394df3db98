#!/usr/bin/env bash
# Makes a local stand-in for the Dockerfile's base image (node:26-trixie-slim) without any image registry:
# a root filesystem holding this host's own `node`, the shared libraries `ldd` lists for it, the host's npm,
# a static busybox for /bin/sh, and the host's CA bundle, imported with `docker import`.
#
# It exists so the image can be built where no registry is reachable (CI, air-gapped machines):
#   scripts/build-local-base-image.sh                     # tags node:26-trixie-slim
#   scripts/build-local-base-image.sh my/node-base:local  # any tag; then
#   docker build --build-arg NODE_IMAGE=my/node-base:local .
# Options: --label key=value (repeatable) labels the image, so whoever made it can find and remove it.
# Needs: docker, node and npm on PATH, a static busybox (Debian: busybox-static) at /bin/busybox or on PATH.
set -euo pipefail

log() { printf 'build-local-base-image: %s\n' "$*" >&2; }
die() { log "$*"; exit 1; }

labels=()
tag=""
while [ $# -gt 0 ]; do
  case "$1" in
    --label) [ $# -ge 2 ] || die "--label needs key=value"; labels+=("$2"); shift 2 ;;
    --label=*) labels+=("${1#--label=}"); shift ;;
    -h|--help) sed -n '2,12p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    -*) die "unknown option $1" ;;
    *) [ -z "$tag" ] || die "one tag only"; tag="$1"; shift ;;
  esac
done
tag="${tag:-node:26-trixie-slim}"

command -v docker >/dev/null 2>&1 || die "docker is not on PATH"
node_bin="$(command -v node)" || die "node is not on PATH"
node_bin="$(readlink -f "$node_bin")"
npm_cli="$(readlink -f "$(command -v npm)")" || die "npm is not on PATH"
npm_root="$(dirname "$(dirname "$npm_cli")")"             # .../node_modules/npm
[ -f "$npm_root/package.json" ] || die "cannot find npm's package next to $npm_cli"
busybox="/bin/busybox"
[ -x "$busybox" ] || busybox="$(command -v busybox || true)"
[ -n "$busybox" ] && [ -x "$busybox" ] || die "no busybox (Debian: apt-get install busybox-static)"
if ldd "$busybox" >/dev/null 2>&1; then die "$busybox is dynamically linked; install busybox-static"; fi

node_major="$("$node_bin" -p 'process.versions.node.split(".")[0]')"
[ "$node_major" = 20 ] || log "warning: host node is v$node_major, the real base image has Node 20"

root="$(mktemp -d)"
trap 'rm -rf "$root"' EXIT

mkdir -p "$root"/{bin,etc,root,tmp,usr/bin,usr/local/bin,usr/local/lib/node_modules,etc/ssl/certs}
chmod 1777 "$root/tmp"

# node and every library the dynamic loader needs for it, at the same paths as on the host.
cp "$node_bin" "$root/usr/local/bin/node"
ldd "$node_bin" | grep -oE '/[^ ]+' | while read -r lib; do
  [ -e "$lib" ] || continue
  mkdir -p "$root$(dirname "$lib")"
  cp -L "$lib" "$root$lib"
done

# npm, laid out as in the official image.
cp -a "$npm_root" "$root/usr/local/lib/node_modules/npm"
ln -s ../lib/node_modules/npm/bin/npm-cli.js "$root/usr/local/bin/npm"
ln -s ../lib/node_modules/npm/bin/npx-cli.js "$root/usr/local/bin/npx"

# A shell and the usual tools (RUN lines, npm scripts, `#!/usr/bin/env node`).
cp "$busybox" "$root/bin/busybox"
for applet in $("$busybox" --list); do
  [ -e "$root/bin/$applet" ] || ln -s busybox "$root/bin/$applet"
done
ln -s ../../bin/env "$root/usr/bin/env"

printf 'root:x:0:0:root:/root:/bin/sh\nnode:x:1000:1000::/home/node:/bin/sh\n' >"$root/etc/passwd"
printf 'root:x:0:\nnode:x:1000:\n' >"$root/etc/group"
printf 'hosts: files dns\n' >"$root/etc/nsswitch.conf"

# The host's CA bundle, and the certificates Node is told to trust besides (NODE_EXTRA_CA_CERTS, say a proxy's), so
# npm inside a build trusts what npm here trusts.
changes=(--change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' --change 'CMD ["node"]')
ca_bundle=/etc/ssl/certs/ca-certificates.crt
ca_files=()
if [ -f "$ca_bundle" ]; then ca_files+=("$ca_bundle"); fi
extra_ca=${NODE_EXTRA_CA_CERTS:-}
if [ -f "$extra_ca" ] && [ "$(readlink -f "$extra_ca")" != "$(readlink -f "$ca_bundle")" ]; then ca_files+=("$extra_ca"); fi
if [ ${#ca_files[@]} -gt 0 ]; then
  cat "${ca_files[@]}" >"$root$ca_bundle"
  changes+=(--change "ENV NODE_EXTRA_CA_CERTS=$ca_bundle")
fi
for label in "${labels[@]}"; do changes+=(--change "LABEL $label"); done

log "importing $(du -sh "$root" | cut -f1) as $tag"
tar -C "$root" -c . | docker import "${changes[@]}" - "$tag" >/dev/null
log "done: $tag"
