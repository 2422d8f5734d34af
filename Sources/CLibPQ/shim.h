#ifndef CLIBPQ_SHIM_H
#define CLIBPQ_SHIM_H

// pkg-config puts the libpq include directory on the search path (Debian:
// /usr/include/postgresql, Homebrew: .../libpq/include). Without pkg-config,
// fall back to Debian's location under /usr/include.
#if __has_include(<libpq-fe.h>)
#include <libpq-fe.h>
#else
#include <postgresql/libpq-fe.h>
#endif

#endif
