#!/usr/bin/env bash
# The files the image needs besides the server's classes, for jib's extraDirectories on the "scratch" base: a Java
# runtime made by jlink from the JDK that runs the build, the C libraries it links (copied from this machine, as
# ldd finds them), a user for the server and its writable folders. No container registry is needed to build the
# image: the only source is the build machine's own JDK (Debian's openjdk-17 here).
#
#   runtime-layer.sh <java.home> <output folder>
set -euo pipefail
java_home=$1
out=$2

# What the server uses: jdeps --print-module-deps on convro-server.jar, plus TLS to MariaDB (jdk.crypto.ec),
# the JVM's process metrics (jdk.management) and zip file systems (jdk.zipfs). java.desktop is there for java.beans.
modules=java.base,java.compiler,java.desktop,java.instrument,java.management,java.naming,java.net.http,java.rmi
modules=$modules,java.scripting,java.security.jgss,java.security.sasl,java.sql,jdk.jfr,jdk.net,jdk.unsupported
modules=$modules,jdk.crypto.ec,jdk.management,jdk.zipfs

rm -rf "$out"
mkdir -p "$out/opt" "$out/etc" "$out/tmp" "$out/var/lib/convro"
"$java_home/bin/jlink" --add-modules "$modules" --strip-debug --no-man-pages --no-header-files --compress=2 \
  --output "$out/opt/java"

# The libraries of the launcher, the JVM and every native library a headless server loads (not the desktop's
# windowing, font, image and sound libraries: they are never loaded with java.awt.headless=true). Copied as files:
# the image has no symbolic links, so each lands under the name the dynamic loader asks for.
natives=("$out/opt/java/bin/java" "$out/opt/java/lib/server/libjvm.so")
for library in "$out/opt/java/lib/"*.so; do
  case "$(basename "$library")" in
    libawt_xawt.so|libsplashscreen.so|libjawt.so|libfontmanager.so|liblcms.so|libjsound.so|libjavajpeg.so|libmlib_image.so) ;;
    *) natives+=("$library") ;;
  esac
done
ldd "${natives[@]}" | awk '$2 == "=>" && $3 ~ /^\// { print $3 } $1 ~ /^\// && $1 !~ /:$/ { print $1 }' | sort -u |
  grep -v "^$out/" | while read -r library; do
    mkdir -p "$out$(dirname "$library")"
    cp -L "$library" "$out$library"
  done
# the libraries must be where the loader looks, whatever this machine's /lib is a link to
if [ ! -e "$out/lib64/ld-linux-x86-64.so.2" ]; then
  echo "runtime-layer.sh: the dynamic loader /lib64/ld-linux-x86-64.so.2 was not found by ldd" >&2
  exit 1
fi

# the server runs as convro (65532), not root; /tmp for netty's native library, /var/lib/convro for the embedded
# database's folder (CONVRO_DATA_DIR=/var/lib/convro/data, made owner-only by the server itself)
printf 'root:x:0:0:root:/root:/sbin/nologin\nconvro:x:65532:65532:convro:/var/lib/convro:/sbin/nologin\n' > "$out/etc/passwd"
printf 'root:x:0:\nconvro:x:65532:\n' > "$out/etc/group"
echo "runtime-layer.sh: $(du -sh "$out" | cut -f1) in $out"
