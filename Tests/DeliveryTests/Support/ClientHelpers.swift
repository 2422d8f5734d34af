import Delivery

/// A configuration for tests against the loopback receiver.
func localConfiguration(
    maxResponseBodyBytes: Int = 4_096,
    maxResponseDrainBytes: Int = 1 << 20
) -> HTTPClientConfiguration {
    HTTPClientConfiguration(
        userAgent: "WebhooksTest/1.0",
        maxConcurrentPerHost: 8,
        maxResponseBodyBytes: maxResponseBodyBytes,
        maxResponseDrainBytes: maxResponseDrainBytes,
        allowPrivateTargets: true,
        connectTimeout: .seconds(2)
    )
}

/// Polls until `count` results have come or `limit` has passed, and returns them.
func collect(_ client: CurlMultiClient, count: Int, limit: Duration = .seconds(10)) -> [OutboundResult] {
    let deadline = ContinuousClock.now + limit
    var results: [OutboundResult] = []
    while results.count < count && ContinuousClock.now < deadline {
        results += client.poll(timeout: .milliseconds(200))
    }
    return results
}

/// Sends one request with a new client and returns its result, or `nil` if none came within 10 s.
func sendOne(_ request: OutboundRequest, configuration: HTTPClientConfiguration = localConfiguration()) throws -> OutboundResult? {
    let client = try CurlMultiClient(configuration: configuration)
    client.submit(request, tag: 1)
    return collect(client, count: 1).first
}

extension OutboundResult {
    /// The value of the first response header with this name, compared case-insensitively.
    func headerValue(named name: String) -> String? {
        let wanted = name.lowercased()
        return responseHeaders.first { $0.0.lowercased() == wanted }?.1
    }
}
