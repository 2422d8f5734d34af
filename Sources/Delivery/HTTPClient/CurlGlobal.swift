internal import CCurl

/// Process-wide libcurl initialisation, done once before the first handle.
enum CurlGlobal {
    /// Whether `curl_global_init(CURL_GLOBAL_DEFAULT)` succeeded. A `static let` is initialised exactly once,
    /// thread-safely, on first use; libcurl is never de-initialised (it lives as long as the process).
    static let isInitialized: Bool = shim_global_init_default() == CURLE_OK
}
