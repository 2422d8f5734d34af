internal import CCurl

/// Wakes the thread blocked in ``CurlMultiClient/poll(timeout:)``; safe to use from any thread.
public struct CurlMultiWaker: Sendable {
    let multi: CurlMultiHandle

    /// Makes the current `poll(timeout:)` return promptly, or the next one if none is waiting
    /// (`curl_multi_wakeup`). Several calls may be folded into one wake-up.
    public func wakeup() {
        _ = curl_multi_wakeup(multi.pointer)
    }
}
