#ifndef CCURL_SHIM_H
#define CCURL_SHIM_H

/*
 * Typed wrappers around libcurl's variadic functions, which Swift cannot call.
 * A systemLibrary target cannot hold .c files, so every wrapper is static inline.
 */

#include <curl/curl.h>

/* curl_global_init(CURL_GLOBAL_DEFAULT): the flag is a macro expression Swift does not import. */
static inline CURLcode shim_global_init_default(void) {
    return curl_global_init(CURL_GLOBAL_DEFAULT);
}

/* ---- curl_easy_setopt, one wrapper per argument type ---- */

static inline CURLcode shim_easy_setopt_long(CURL *handle, CURLoption option, long value) {
    return curl_easy_setopt(handle, option, value);
}

static inline CURLcode shim_easy_setopt_string(CURL *handle, CURLoption option, const char *value) {
    return curl_easy_setopt(handle, option, value);
}

static inline CURLcode shim_easy_setopt_pointer(CURL *handle, CURLoption option, void *value) {
    return curl_easy_setopt(handle, option, value);
}

static inline CURLcode shim_easy_setopt_slist(CURL *handle, CURLoption option, struct curl_slist *value) {
    return curl_easy_setopt(handle, option, value);
}

static inline CURLcode shim_easy_setopt_off_t(CURL *handle, CURLoption option, curl_off_t value) {
    return curl_easy_setopt(handle, option, value);
}

/* CURLOPT_WRITEFUNCTION */
static inline CURLcode shim_easy_setopt_write_callback(CURL *handle, curl_write_callback callback) {
    return curl_easy_setopt(handle, CURLOPT_WRITEFUNCTION, callback);
}

/* CURLOPT_HEADERFUNCTION (same prototype as the write callback) */
static inline CURLcode shim_easy_setopt_header_callback(CURL *handle, curl_write_callback callback) {
    return curl_easy_setopt(handle, CURLOPT_HEADERFUNCTION, callback);
}

/* CURLOPT_OPENSOCKETFUNCTION */
static inline CURLcode shim_easy_setopt_opensocket_callback(CURL *handle, curl_opensocket_callback callback) {
    return curl_easy_setopt(handle, CURLOPT_OPENSOCKETFUNCTION, callback);
}

/* ---- curl_easy_getinfo, one wrapper per result type ---- */

static inline CURLcode shim_easy_getinfo_long(CURL *handle, CURLINFO info, long *value) {
    return curl_easy_getinfo(handle, info, value);
}

static inline CURLcode shim_easy_getinfo_double(CURL *handle, CURLINFO info, double *value) {
    return curl_easy_getinfo(handle, info, value);
}

static inline CURLcode shim_easy_getinfo_off_t(CURL *handle, CURLINFO info, curl_off_t *value) {
    return curl_easy_getinfo(handle, info, value);
}

/* The string belongs to the handle: copy it before the handle is reset or cleaned up. */
static inline CURLcode shim_easy_getinfo_string(CURL *handle, CURLINFO info, const char **value) {
    return curl_easy_getinfo(handle, info, (char **)value);
}

/* ---- curl_multi_setopt ---- */

static inline CURLMcode shim_multi_setopt_long(CURLM *multi, CURLMoption option, long value) {
    return curl_multi_setopt(multi, option, value);
}

static inline CURLMcode shim_multi_setopt_pointer(CURLM *multi, CURLMoption option, void *value) {
    return curl_multi_setopt(multi, option, value);
}

/* ---- helpers for callbacks ---- */

/* The peer address inside a curl_sockaddr; it may be longer than struct sockaddr (see addrlen). */
static inline const struct sockaddr *shim_sockaddr_address(const struct curl_sockaddr *address) {
    return &address->addr;
}

#endif
