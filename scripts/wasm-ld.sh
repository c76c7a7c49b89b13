#!/bin/sh
# The linker of the package's release build (scripts/build.sh sets it with
# CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_LINKER): rust-lld, minus two exports that js-sys makes for
# its JSPI executor (`__wbg_jspi_task_poll`, `__wbindgen_jspi_set_rejected`). The crate runs its
# own tasks (src/js/task.rs) and never enters JSPI, but an export is a root the linker must keep,
# and through it the executor's RefCells keep their panic messages and `core::fmt`: dropping the
# two exports lets the linker discard all of that (750 B gzip). wasm-bindgen removes the exports
# from its output anyway; the test builds link as usual.
set -eu
host=$(rustc -vV | sed -n 's/^host: //p')
lld="$(rustc --print sysroot)/lib/rustlib/$host/bin/rust-lld"
export_next=
for arg in "$@"; do
  shift
  if [ -n "$export_next" ]; then
    export_next=
    case "$arg" in
      __wbg_jspi_task_poll | __wbindgen_jspi_set_rejected) ;;
      *) set -- "$@" --export "$arg" ;;
    esac
  elif [ "$arg" = --export ]; then
    export_next=1
  else
    set -- "$@" "$arg"
  fi
done
exec "$lld" "$@"
