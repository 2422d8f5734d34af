internal import CCurl

/// Owns one libcurl multi handle (`CURLM*`), freed exactly once in `deinit`.
///
/// `@unchecked Sendable` so that a ``CurlMultiWaker`` can carry it to other threads: from there only
/// `curl_multi_wakeup` is called, which libcurl documents as callable from any thread. Everything else happens
/// on the thread that drives the owning ``CurlMultiClient``. Holding a reference keeps the handle valid, so a
/// waker that outlives its client wakes nothing but never touches freed memory.
final class CurlMultiHandle: @unchecked Sendable {
    /// The `CURLM*`, valid for the object's lifetime.
    let pointer: UnsafeMutableRawPointer

    /// A new multi handle, or `nil` when libcurl could not initialise or allocate one.
    init?() {
        guard CurlGlobal.isInitialized, let pointer = curl_multi_init() else { return nil }
        self.pointer = pointer
    }

    deinit {
        curl_multi_cleanup(pointer)
    }
}
