import Foundation
import Storage
import Testing

/// The dispatcher acting on receivers' signals for the whole webhook: a `503` pauses every delivery of that
/// webhook (not only the one answered), while other webhooks go on.
@Suite struct DispatcherSignalTests {
    @Test func aSlowDownAnswerPausesTheWholeWebhookButNotOthers() throws {
        let answered = Locked(0)
        let busy = try TestReceiver { _ in
            let count = answered.withLock { count -> Int in
                count += 1
                return count
            }
            return CannedResponse(status: count == 1 ? 503 : 200)
        }
        defer { busy.stop() }
        let other = try TestReceiver()
        defer { other.stop() }
        let f = try DispatchFixture()
        _ = try f.webhook(url: busy.baseURL + "/busy", retryDelayMs: 100, maxConcurrency: 1)
        _ = try f.webhook(url: other.baseURL + "/other", maxConcurrency: 1)
        for n in 0..<3 {
            try f.publish(data: #"{"n":\#(n)}"#)
        }
        _ = try f.startDispatcher()

        // The busy webhook: the 503, then a pause of about a second (the first signal's) before anything else of it
        // goes, although its other deliveries were waiting and its retry was due after about 100 ms.
        let requests = busy.waitForRequests(4)
        try #require(requests.count == 4)
        let gap = requests[1].receivedAt.milliseconds(since: requests[0].receivedAt)
        #expect(gap >= 950, "the second request came \(gap) ms after the 503")
        // The other webhook was not paused: its three arrived before the busy one's pause ended.
        let others = other.waitForRequests(3)
        try #require(others.count == 3)
        #expect(others.allSatisfy { $0.receivedAt < requests[1].receivedAt })
    }
}
