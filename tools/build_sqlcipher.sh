#!/usr/bin/env bash
# Builds SQLCipher once, statically, into a cache outside the checkout, from the amalgamation the
# npm package @commapp/sqlcipher-amalgamation@4.5.5 ships (SQLCipher 4.5.5 on SQLite 3.42.0, BSD),
# with FTS5 and OpenSSL's libcrypto. Debian 12's libsqlcipher-dev is SQLCipher 3.4.1 on SQLite
# 3.15.2 without FTS5, UPSERT or RETURNING, which Samantha's schema needs. Idempotent: prints the
# install prefix and exits at once when the build is there. Needs npm, a C compiler, libssl-dev.
set -euo pipefail

version="@commapp/sqlcipher-amalgamation@4.5.5"
integrity="sha512-Ebi6aNWlh5qr2fWGaHVvahCBRZtbs63hStQmUOIA8zhfiJT3S0ZgQ0Oby0Pwh12DWP2uRs03am1LFuxgcdegoQ=="
cache="${SAMANTHA_CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/samantha}"
root="$cache/sqlcipher-4.5.5"
prefix="$root/install"

# The options SQLCipher requires (a codec, OpenSSL, temporary files in memory), FTS5 for the
# memory index, what a configure script would detect on Linux (without HAVE_USLEEP, SQLite's busy
# handler sleeps whole seconds; without HAVE_FDATASYNC it syncs with fsync), and the defaults
# Samantha relies on (serialized threading, no double-quoted string literals, no extensions).
flags=(-O2 -fPIC -DSQLITE_HAS_CODEC -DSQLCIPHER_CRYPTO_OPENSSL -DSQLITE_TEMP_STORE=2
    -DSQLITE_ENABLE_FTS5 -DSQLITE_THREADSAFE=1 -DSQLITE_DQS=0 -DSQLITE_OMIT_LOAD_EXTENSION
    -DSQLITE_DEFAULT_FOREIGN_KEYS=0 -DHAVE_USLEEP=1 -DHAVE_FDATASYNC=1 -DHAVE_LOCALTIME_R=1
    -DHAVE_GMTIME_R=1 -DHAVE_ISNAN=1 -DHAVE_STRCHRNUL=1 -DHAVE_MALLOC_H=1
    -DHAVE_MALLOC_USABLE_SIZE=1)
if [[ -f "$prefix/.built" && "$(cat "$prefix/.built")" == "${flags[*]}" ]]; then
    echo "$prefix"
    exit 0
fi
if ! command -v npm >/dev/null; then
    echo "build_sqlcipher: npm is needed to fetch $version (apt-get install npm)" >&2
    exit 1
fi
mkdir -p "$root"
cd "$root"
if [[ ! -f package.tgz ]]; then
    echo "build_sqlcipher: fetching $version" >&2
    tarball=$(npm pack "$version" --silent)
    actual="sha512-$(openssl dgst -sha512 -binary "$tarball" | base64 -w0)"
    if [[ "$actual" != "$integrity" ]]; then
        rm -f "$tarball"
        echo "build_sqlcipher: $version does not match its pinned integrity" >&2
        exit 1
    fi
    mv "$tarball" package.tgz
fi
rm -rf src
mkdir src
tar -xzf package.tgz -C src package/src/sqlite3.c package/src/sqlite3.h
echo "build_sqlcipher: building SQLCipher 4.5.5 (about 40 s)" >&2
cc "${flags[@]}" -c -w src/package/src/sqlite3.c -o src/sqlcipher.o
mkdir -p "$prefix/lib" "$prefix/include"
ar rcs "$prefix/lib/libsamantha_sqlcipher.a" src/sqlcipher.o
cp src/package/src/sqlite3.h "$prefix/include/sqlite3.h"
rm -rf src
echo "${flags[*]}" >"$prefix/.built"
echo "$prefix"
