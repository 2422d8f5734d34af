import Delivery
import Testing

@Suite struct SSRFGuardTests {
    private func productionConfiguration() -> HTTPClientConfiguration {
        HTTPClientConfiguration(userAgent: "WebhooksTest/1.0", allowPrivateTargets: false, connectTimeout: .seconds(2))
    }

    @Test func loopbackTargetIsBlockedAtConnectTimeAndNeverReached() throws {
        let receiver = try TestReceiver()
        defer { receiver.stop() }
        let result = try #require(try sendOne(OutboundRequest(url: receiver.baseURL + "/hook", body: Array("{}".utf8)),
                                              configuration: productionConfiguration()))
        #expect(result.error == .blockedAddress("127.0.0.1"))
        #expect(result.error?.description.contains("127.0.0.1") == true)
        #expect(result.statusCode == nil)
        #expect(receiver.acceptedConnections == 0)
    }

    @Test func hostNameResolvingToLoopbackIsBlockedAfterResolution() throws {
        let receiver = try TestReceiver()
        defer { receiver.stop() }
        let result = try #require(try sendOne(OutboundRequest(url: "http://localhost:\(receiver.port)/", body: []),
                                              configuration: productionConfiguration()))
        guard case .blockedAddress(let address) = result.error else {
            Issue.record("expected blockedAddress, got \(String(describing: result.error))")
            return
        }
        #expect(["127.0.0.1", "::1"].contains(address))
        #expect(receiver.acceptedConnections == 0)
    }

    @Test func allowingPrivateTargetsLetsLoopbackThrough() throws {
        let receiver = try TestReceiver()
        defer { receiver.stop() }
        var configuration = productionConfiguration()
        configuration.allowPrivateTargets = true
        let result = try #require(try sendOne(OutboundRequest(url: receiver.baseURL, body: []), configuration: configuration))
        #expect(result.statusCode == 200)
        #expect(receiver.acceptedConnections == 1)
    }
}
