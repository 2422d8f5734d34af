import Delivery
import Foundation
import Testing

@Suite struct CurlMultiClientTests {
    @Test func postArrivesByteExactWithOurHeadersAndWithoutExpect() throws {
        let receiver = try TestReceiver()
        defer { receiver.stop() }
        // 1.5 MB of every byte value: large enough that curl would otherwise send "Expect: 100-continue".
        let body = (0..<1_500_000).map { UInt8(truncatingIfNeeded: $0 &* 7919) }
        let headers = [
            ("Content-Type", "application/json"),
            ("X-Webhook-Event", "lead.created"),
            ("X-Webhook-Delivery-Id", "dlv_123"),
            ("X-Custom", "a: b, c"),
        ]
        let result = try #require(try sendOne(OutboundRequest(url: receiver.baseURL + "/hooks/in?x=1", headers: headers, body: body)))

        #expect(result.error == nil)
        #expect(result.statusCode == 200)
        let request = try #require(receiver.requests.first)
        #expect(receiver.requests.count == 1)
        #expect(request.method == "POST")
        #expect(request.target == "/hooks/in?x=1")
        #expect(request.body == body)
        for (name, value) in headers {
            #expect(request.header(name) == value, "\(name)")
        }
        #expect(request.header("User-Agent") == "WebhooksTest/1.0")
        #expect(request.header("Content-Length") == "1500000")
        #expect(request.header("Expect") == nil)
        #expect(result.remoteAddress == "127.0.0.1")
    }

    @Test(arguments: [200, 204])
    func successStatusIsReportedAsSuccess(status: Int) throws {
        let receiver = try TestReceiver { _ in CannedResponse(status: status) }
        defer { receiver.stop() }
        let result = try #require(try sendOne(OutboundRequest(url: receiver.baseURL, body: Array("{}".utf8))))
        #expect(result.statusCode == status)
        #expect(result.error == nil)
        #expect(result.duration > .zero)
    }

    @Test func serverErrorGivesItsStatusAndTheBodyExcerpt() throws {
        let receiver = try TestReceiver { _ in CannedResponse(status: 500, body: Array("database on fire".utf8)) }
        defer { receiver.stop() }
        let result = try #require(try sendOne(OutboundRequest(url: receiver.baseURL, body: [])))
        #expect(result.statusCode == 500)
        #expect(result.error == nil)
        #expect(result.responseBody == Array("database on fire".utf8))
        #expect(!result.responseBodyTruncated)
    }

    @Test func responseBodyLongerThanTheCapIsCutToTheCap() throws {
        let long = (0..<10_000).map { UInt8(truncatingIfNeeded: $0) }
        let receiver = try TestReceiver { _ in CannedResponse(status: 200, body: long) }
        defer { receiver.stop() }
        let result = try #require(try sendOne(OutboundRequest(url: receiver.baseURL, body: [])))
        #expect(result.error == nil)
        #expect(result.statusCode == 200)
        #expect(result.responseBody == Array(long.prefix(4_096)))
        #expect(result.responseBodyTruncated)
    }

    @Test func bodyPastTheDrainLimitEndsTheTransferButKeepsStatusAndExcerpt() throws {
        let huge = [UInt8](repeating: 0x41, count: 2_000_000)
        let receiver = try TestReceiver { _ in CannedResponse(status: 200, body: huge) }
        defer { receiver.stop() }
        let configuration = localConfiguration(maxResponseBodyBytes: 100, maxResponseDrainBytes: 64 * 1_024)
        let result = try #require(try sendOne(OutboundRequest(url: receiver.baseURL, body: []), configuration: configuration))
        #expect(result.error == nil)
        #expect(result.statusCode == 200)
        #expect(result.responseBody == [UInt8](repeating: 0x41, count: 100))
        #expect(result.responseBodyTruncated)
    }

    @Test func serverSlowerThanTheTimeoutGivesTimeout() throws {
        let receiver = try TestReceiver { _ in CannedResponse(status: 200, delay: .seconds(2)) }
        defer { receiver.stop() }
        let started = ContinuousClock.now
        let result = try #require(try sendOne(OutboundRequest(url: receiver.baseURL, body: [], timeout: .milliseconds(300))))
        #expect(result.error == .timeout)
        #expect(result.statusCode == nil)
        #expect(ContinuousClock.now - started < .milliseconds(1_500))
    }

    @Test func closedPortGivesConnectionFailed() throws {
        let closed = try ClosedPort()
        let result = try #require(try sendOne(OutboundRequest(url: "http://127.0.0.1:\(closed.port)/", body: [])))
        guard case .connectionFailed(let message) = result.error else {
            Issue.record("expected connectionFailed, got \(String(describing: result.error))")
            return
        }
        #expect(!message.isEmpty)
        #expect(result.statusCode == nil)
    }

    @Test func redirectIsReturnedAndNotFollowed() throws {
        let receiver = try TestReceiver { request in
            request.target == "/start"
                ? CannedResponse(status: 302, headers: [("Location", "/elsewhere")])
                : CannedResponse(status: 200)
        }
        defer { receiver.stop() }
        let result = try #require(try sendOne(OutboundRequest(url: receiver.baseURL + "/start", body: [])))
        #expect(result.statusCode == 302)
        #expect(result.error == nil)
        #expect(result.headerValue(named: "location") == "/elsewhere")
        #expect(receiver.requests.map(\.target) == ["/start"])
    }

    @Test func retryAfterSecondsIsParsedFromTheResponse() throws {
        let receiver = try TestReceiver { _ in CannedResponse(status: 429, headers: [("Retry-After", "7")]) }
        defer { receiver.stop() }
        let result = try #require(try sendOne(OutboundRequest(url: receiver.baseURL, body: [])))
        #expect(result.statusCode == 429)
        #expect(result.retryAfter == .seconds(7))
        #expect(result.headerValue(named: "Retry-After") == "7")
    }

    @Test func twoHundredConcurrentPostsCompleteOverAFewKeptAliveConnections() throws {
        let receiver = try TestReceiver()
        defer { receiver.stop() }
        let client = try CurlMultiClient(configuration: localConfiguration())
        for tag in 0..<200 {
            client.submit(OutboundRequest(url: receiver.baseURL + "/n/\(tag)", body: Array("{\"n\":\(tag)}".utf8)), tag: UInt64(tag))
        }
        #expect(client.inFlight == 200)
        let results = collect(client, count: 200, limit: .seconds(15))

        #expect(results.count == 200)
        #expect(Set(results.map(\.tag)) == Set((0..<200).map(UInt64.init)))
        let failures = results.filter { $0.statusCode != 200 || $0.error != nil }
        #expect(failures.isEmpty, "\(failures.map { "\($0.tag): \($0.statusCode as Int?) \($0.error as OutboundError?)" })")
        #expect(client.inFlight == 0)
        #expect(receiver.requests.count == 200)
        #expect(receiver.acceptedConnections <= 8, "at most maxConcurrentPerHost connections, reused")
    }

    @Test func sequentialRequestsReuseOneConnection() throws {
        let receiver = try TestReceiver()
        defer { receiver.stop() }
        let client = try CurlMultiClient(configuration: localConfiguration())
        for tag in 0..<5 {
            client.submit(OutboundRequest(url: receiver.baseURL, body: [UInt8(tag)]), tag: UInt64(tag))
            #expect(collect(client, count: 1).first?.statusCode == 200)
        }
        #expect(receiver.acceptedConnections == 1)
    }

    @Test func wakeupFromAnotherThreadEndsALongPollPromptly() throws {
        let client = try CurlMultiClient(configuration: localConfiguration())
        let waker = client.waker
        Thread.detachNewThread {
            Thread.sleep(forTimeInterval: 0.1)
            waker.wakeup()
        }
        let started = ContinuousClock.now
        let results = client.poll(timeout: .seconds(20))
        #expect(results.isEmpty)
        #expect(ContinuousClock.now - started < .seconds(3))
    }

    @Test func wakeupBeforePollMakesTheNextPollReturnAtOnce() throws {
        let client = try CurlMultiClient(configuration: localConfiguration())
        client.waker.wakeup()
        let started = ContinuousClock.now
        _ = client.poll(timeout: .seconds(20))
        #expect(ContinuousClock.now - started < .seconds(3))
    }

    @Test(arguments: ["ftp://127.0.0.1:PORT/file", "file:///etc/passwd", "gopher://127.0.0.1:PORT/", "dict://127.0.0.1:PORT/"])
    func nonHTTPSchemesAreRefused(template: String) throws {
        let receiver = try TestReceiver()
        defer { receiver.stop() }
        let url = template.replacingOccurrences(of: "PORT", with: String(receiver.port))
        let result = try #require(try sendOne(OutboundRequest(url: url, body: [])))
        guard case .other(let code, _) = result.error else {
            Issue.record("expected an unsupported-protocol error, got \(String(describing: result.error))")
            return
        }
        #expect(code == 1, "CURLE_UNSUPPORTED_PROTOCOL")
        #expect(result.statusCode == nil)
        #expect(receiver.acceptedConnections == 0)
    }

    @Test(arguments: ["evil\r\nX-Injected: 1", "evil\nX-Injected: 1", "nul\0byte"])
    func headerValueWithALineBreakIsRefusedBeforeSending(value: String) throws {
        let receiver = try TestReceiver()
        defer { receiver.stop() }
        let result = try #require(try sendOne(OutboundRequest(url: receiver.baseURL, headers: [("X-Custom", value)], body: [])))
        guard case .other(_, let message) = result.error else {
            Issue.record("expected a refusal, got \(String(describing: result.error))")
            return
        }
        #expect(message.contains("CR, LF or NUL"))
        #expect(receiver.acceptedConnections == 0)
    }

    @Test func resultsComeBackWithTheirTagsAndInFlightCountsDown() throws {
        let receiver = try TestReceiver()
        defer { receiver.stop() }
        let client = try CurlMultiClient(configuration: localConfiguration())
        #expect(client.inFlight == 0)
        client.submit(OutboundRequest(url: receiver.baseURL, body: []), tag: 41)
        client.submit(OutboundRequest(url: "ftp://127.0.0.1/", headers: [("Bad", "a\nb")], body: []), tag: 42)
        #expect(client.inFlight == 2)
        let results = collect(client, count: 2)
        #expect(Set(results.map(\.tag)) == [41, 42])
        #expect(client.inFlight == 0)
    }

    @Test func droppingTheClientWithRequestsInFlightIsSafeAndItsWakerOutlivesIt() throws {
        let receiver = try TestReceiver { _ in CannedResponse(status: 200, delay: .seconds(1)) }
        defer { receiver.stop() }
        var client: CurlMultiClient? = try CurlMultiClient(configuration: localConfiguration())
        for tag in 0..<3 {
            client?.submit(OutboundRequest(url: receiver.baseURL, body: Array("{}".utf8)), tag: UInt64(tag))
        }
        let deadline = ContinuousClock.now + .seconds(5)
        while receiver.requests.count < 3 && ContinuousClock.now < deadline {
            #expect(client?.poll(timeout: .milliseconds(50)).isEmpty == true)
        }
        #expect(client?.inFlight == 3)
        let waker = try #require(client?.waker)
        client = nil
        waker.wakeup()
        #expect(receiver.requests.count == 3)
    }
}
