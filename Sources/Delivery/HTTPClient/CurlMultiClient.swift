import Foundation
import WebhookCore
internal import CCurl
internal import Glibc

/// An error creating a ``CurlMultiClient``.
public struct HTTPClientSetupError: Error, Sendable, CustomStringConvertible {
    /// What failed.
    public let description: String
}

/// Sends many webhook POSTs at once over one libcurl multi handle, with keep-alive connections per host.
///
/// Not thread-safe by design: one dispatcher thread creates it, calls ``submit(_:tag:)`` and
/// ``poll(timeout:)``, and drops it. Other threads may only use its ``waker``. Every request is a POST over
/// http or https, never follows redirects, never uses a proxy, and (unless
/// ``HTTPClientConfiguration/allowPrivateTargets``) refuses to connect to non-public addresses after DNS
/// resolution (see ``AddressPolicy``). Response bodies keep the first
/// ``HTTPClientConfiguration/maxResponseBodyBytes`` bytes; the rest is read and dropped so the connection can be
/// reused, up to ``HTTPClientConfiguration/maxResponseDrainBytes``, where the transfer is cut short.
public final class CurlMultiClient {
    private let configuration: HTTPClientConfiguration
    private let multi: CurlMultiHandle
    /// Transfers added to the multi handle, by their `CURL*`.
    private var transfers: [UnsafeMutableRawPointer: Transfer] = [:]
    /// Configured easy handles waiting for the next request.
    private var idleHandles: [CurlEasy] = []
    /// Requests that failed before reaching curl, returned by the next poll.
    private var failedBeforeStart: [OutboundResult] = []

    /// A client; throws when libcurl cannot make or configure a multi handle.
    public init(configuration: HTTPClientConfiguration) throws(HTTPClientSetupError) {
        guard let multi = CurlMultiHandle() else {
            throw HTTPClientSetupError(description: "libcurl could not create a multi handle")
        }
        let options: [(CURLMoption, Int)] = [
            (CURLMOPT_MAX_HOST_CONNECTIONS, max(1, configuration.maxConcurrentPerHost)),
            (CURLMOPT_MAX_TOTAL_CONNECTIONS, max(1, configuration.maxTotalConnections)),
            (CURLMOPT_MAXCONNECTS, max(1, configuration.maxTotalConnections)),
        ]
        for (option, value) in options {
            let code = shim_multi_setopt_long(multi.pointer, option, value)
            guard code == CURLM_OK else {
                throw HTTPClientSetupError(description: "curl_multi_setopt: " + String(cString: curl_multi_strerror(code)))
            }
        }
        self.configuration = configuration
        self.multi = multi
    }

    deinit {
        // Detach every easy handle before the handles and then the multi handle are freed.
        for handle in transfers.keys {
            curl_multi_remove_handle(multi.pointer, handle)
        }
    }

    /// Requests submitted whose results ``poll(timeout:)`` has not returned yet.
    public var inFlight: Int { transfers.count + failedBeforeStart.count }

    /// A handle other threads can use to interrupt ``poll(timeout:)``, for example when new work arrives.
    public var waker: CurlMultiWaker { CurlMultiWaker(multi: multi) }

    /// Starts sending a request; its ``OutboundResult`` with this `tag` comes from a later ``poll(timeout:)``.
    /// A request curl cannot even start (a header with a line break, a URL with NUL) yields a failed result.
    public func submit(_ request: OutboundRequest, tag: UInt64) {
        let easy: CurlEasy
        do throws(CurlSetupError) {
            if let idle = idleHandles.popLast() {
                easy = idle
            } else {
                easy = try newHandle()
            }
        } catch {
            failedBeforeStart.append(OutboundResult(
                tag: tag, error: .other(code: Int(error.code.rawValue), message: error.message)))
            return
        }
        let context = TransferContext(tag: tag, configuration: configuration)
        do throws(CurlSetupError) {
            try easy.prepare(request, context: context, configuration: configuration)
            let added = curl_multi_add_handle(multi.pointer, easy.handle)
            guard added == CURLM_OK else {
                throw CurlSetupError(CURLE_FAILED_INIT, message: String(cString: curl_multi_strerror(added)))
            }
            transfers[easy.handle] = Transfer(easy: easy, context: context)
        } catch {
            recycle(easy)
            failedBeforeStart.append(OutboundResult(
                tag: tag, error: .other(code: Int(error.code.rawValue), message: error.message)))
        }
    }

    /// Drives every transfer (`curl_multi_perform`) and returns those that finished. When none has, waits up to
    /// `timeout` for network activity, a curl timer, or ``CurlMultiWaker/wakeup()`` (`curl_multi_poll`), drives
    /// the transfers again and returns what finished then, possibly nothing. With nothing in flight it still
    /// waits, so a dispatcher can sleep here until woken.
    public func poll(timeout: Duration) -> [OutboundResult] {
        var results = failedBeforeStart
        failedBeforeStart.removeAll()
        results += performAndCollect()
        guard results.isEmpty else { return results }
        var activeDescriptors: Int32 = 0
        _ = curl_multi_poll(multi.pointer, nil, 0, Int32(clamping: timeout.wholeMillisecondsRoundedUp), &activeDescriptors)
        return performAndCollect()
    }

    /// One `curl_multi_perform`, then every finished transfer read from `curl_multi_info_read`, removed from the
    /// multi handle, turned into a result, and its easy handle kept for reuse. A failing `curl_multi_perform`
    /// (only on out-of-memory) is retried at the next poll; timeouts still end every transfer.
    private func performAndCollect() -> [OutboundResult] {
        var running: Int32 = 0
        _ = curl_multi_perform(multi.pointer, &running)
        var results: [OutboundResult] = []
        var queued: Int32 = 0
        while let message = curl_multi_info_read(multi.pointer, &queued) {
            guard message.pointee.msg == CURLMSG_DONE, let handle = message.pointee.easy_handle else { continue }
            let code = message.pointee.data.result
            guard let transfer = transfers.removeValue(forKey: handle) else { continue }
            results.append(transfer.result(code: code))
            curl_multi_remove_handle(multi.pointer, handle)
            recycle(transfer.easy)
        }
        return results
    }

    /// A new easy handle with the options every request shares.
    private func newHandle() throws(CurlSetupError) -> CurlEasy {
        guard let easy = CurlEasy() else {
            throw CurlSetupError(CURLE_OUT_OF_MEMORY, message: "libcurl could not create an easy handle")
        }
        try easy.configure(configuration)
        return easy
    }

    /// Keeps an easy handle for the next request, up to `maxTotalConnections` idle handles. Its options stay: the
    /// next request sets every one that differs (see ``CurlEasy/prepare(_:context:configuration:)``).
    private func recycle(_ easy: CurlEasy) {
        if idleHandles.count < max(1, configuration.maxTotalConnections) {
            idleHandles.append(easy)
        }
    }
}

/// One in-flight request: the easy handle and the context its callbacks write into.
private struct Transfer {
    let easy: CurlEasy
    let context: TransferContext

    /// The result of the finished transfer, read before its handle is reused.
    func result(code: CURLcode) -> OutboundResult {
        let finishedOnPurpose = code == CURLE_WRITE_ERROR && context.stoppedAtDrainLimit
        let error = finishedOnPurpose ? nil : OutboundError(
            code: code, message: easy.errorMessage(for: code), blockedAddress: context.blockedAddress)
        let retryAfter = context.headers.first { $0.0.lowercased() == "retry-after" }
            .flatMap { RetryPolicy.parseRetryAfter($0.1, now: Date()) }
        return OutboundResult(
            tag: context.tag,
            statusCode: easy.responseCode,
            responseHeaders: context.headers,
            retryAfter: retryAfter,
            responseBody: context.body,
            responseBodyTruncated: context.bodyBytesReceived > context.body.count,
            duration: easy.totalTime,
            remoteAddress: easy.primaryIP,
            error: error
        )
    }
}
