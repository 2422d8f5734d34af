@testable import API
import Foundation
import HTTPServer
import Logging
import Synchronization
import Testing
import TestSupport

/// `WEBHOOKS_TRUSTED_PROXIES`: behind a load balancer, the client address comes from `X-Forwarded-For` as the
/// trusted proxies wrote it, for the login limits and the access log, and never from a client's own claim.
@Suite struct TrustedProxyTests {
    static let proxies = try! TrustedProxies(parsing: "10.0.0.0/8, 2001:db8:ffff::/48")

    func clientAddress(peer: String, forwardedFor: [String], _ proxies: TrustedProxies = proxies) -> String {
        let headers = HTTPHeaders(forwardedFor.map { ("X-Forwarded-For", $0) })
        return proxies.clientAddress(of: HTTPRequest(method: .get, target: "/", headers: headers, remoteAddress: peer))
    }

    @Test func theListTakesAddressesAndCIDRBlocksOfBothFamilies() throws {
        let proxies = try TrustedProxies(parsing: " 10.1.2.3 ,192.168.0.0/16,, ::1, 2001:db8::/32 ")
        #expect(proxies.ranges.map(\.description) == ["10.1.2.3/32", "192.168.0.0/16", "::1/128", "2001:db8::/32"])
        for trusted in ["10.1.2.3", "192.168.200.1", "::1", "2001:db8:1::9", "::ffff:192.168.0.1"] {
            #expect(proxies.isTrusted(trusted), "\(trusted)")
        }
        for untrusted in ["10.1.2.4", "192.169.0.1", "::2", "2001:db9::1", "", "proxy.internal"] {
            #expect(!proxies.isTrusted(untrusted), "\(untrusted)")
        }
        for bad in ["10.0.0.0/33", "10.0.0.1/8", "lb.internal", "10.0.0.0/", "2001:db8::/129", "1.2.3.4/-1"] {
            #expect(throws: TrustedProxies.InvalidEntry(entry: bad)) { try TrustedProxies(parsing: "10.0.0.1, \(bad)") }
        }
        #expect(try TrustedProxies(parsing: "").ranges.isEmpty)
    }

    @Test func withoutATrustedPeerForwardedForIsIgnored() {
        #expect(clientAddress(peer: "198.51.100.7", forwardedFor: ["203.0.113.1"]) == "198.51.100.7")
        #expect(clientAddress(peer: "10.0.0.2", forwardedFor: ["203.0.113.1"], TrustedProxies()) == "10.0.0.2")
    }

    @Test func theWalkGoesFromTheRightAndSkipsTrustedProxies() {
        // The client wrote "1.1.1.1" itself; the first proxy appended the address it saw, the second its own view.
        #expect(clientAddress(peer: "10.0.0.2", forwardedFor: ["1.1.1.1, 203.0.113.9, 10.0.0.7"]) == "203.0.113.9")
        // Across several header fields, in order.
        #expect(clientAddress(peer: "10.0.0.2", forwardedFor: ["1.1.1.1", "203.0.113.9", "10.0.0.7"]) == "203.0.113.9")
        #expect(clientAddress(peer: "2001:db8:ffff::1", forwardedFor: ["2001:db8:1::42"]) == "2001:db8:1::42")
        #expect(clientAddress(peer: "::ffff:10.0.0.2", forwardedFor: ["::ffff:203.0.113.9"]) == "203.0.113.9")
        // No header, or only proxies in it: the last trusted hop is all we know.
        #expect(clientAddress(peer: "10.0.0.2", forwardedFor: []) == "10.0.0.2")
        #expect(clientAddress(peer: "10.0.0.2", forwardedFor: ["10.0.0.9, 10.0.0.7"]) == "10.0.0.9")
    }

    @Test func aMalformedEntryStopsTheWalkAtTheLastTrustedHop() {
        #expect(clientAddress(peer: "10.0.0.2", forwardedFor: ["203.0.113.9, unknown"]) == "10.0.0.2")
        #expect(clientAddress(peer: "10.0.0.2", forwardedFor: ["203.0.113.9, evil\u{7}, 10.0.0.7"]) == "10.0.0.7")
        #expect(clientAddress(peer: "10.0.0.2", forwardedFor: ["203.0.113.9:4711"]) == "10.0.0.2")
    }

    @Test func theSchemeComesFromATrustedProxyOnly() {
        func scheme(peer: String, _ proto: String?) -> String {
            let headers = HTTPHeaders(proto.map { [("X-Forwarded-Proto", $0)] } ?? [])
            return Self.proxies.scheme(of: HTTPRequest(method: .get, target: "/", headers: headers, remoteAddress: peer))
        }
        #expect(scheme(peer: "10.0.0.2", "https") == "https")
        #expect(scheme(peer: "10.0.0.2", "HTTPS, http") == "https")
        #expect(scheme(peer: "10.0.0.2", nil) == "http")
        #expect(scheme(peer: "10.0.0.2", "gopher") == "http")
        #expect(scheme(peer: "198.51.100.7", "https") == "http")
    }

    /// The probe: behind one load balancer, 20 bad logins from one client blocked every user for 15 minutes.
    @Test func badLoginsFromOneClientBehindTheProxyDoNotBlockAnother() throws {
        let service = try APIService(trustedProxies: Self.proxies)
        service.remoteAddress = "10.0.0.2"
        func login(_ email: String, _ password: String, from client: String) throws -> TestHTTPClient.Response {
            try service.request("POST", "/api/v1/auth/login", json: ["email": email, "password": password],
                                headers: [("X-Forwarded-For", client)])
        }
        var statuses: [Int] = []
        for index in 0..<21 {
            statuses.append(try login("guess\(index)@example.com", "wrong password", from: "198.51.100.1").status)
        }
        #expect(statuses == Array(repeating: 401, count: 20) + [429])
        #expect(try login(service.demo["email"]!, service.demo["password"]!, from: "203.0.113.5").status == 200)
        // The guesser stays limited, and a header it writes itself changes nothing: the proxy appends what it saw.
        #expect(try login(service.demo["email"]!, service.demo["password"]!, from: "203.0.113.5, 198.51.100.1").status == 429)
    }

    @Test func aClientThatIsNoProxyCannotChooseItsAddress() throws {
        let service = try APIService(trustedProxies: Self.proxies)
        service.remoteAddress = "198.51.100.1"
        var last = 0
        for index in 0..<6 {
            last = try service.request("POST", "/api/v1/auth/login",
                                       json: ["email": service.demo["email"]!, "password": "wrong password"],
                                       headers: [("X-Forwarded-For", "203.0.113.\(index)")]).status
        }
        #expect(last == 429)
    }

    @Test func theAccessLogShowsTheForwardedClient() throws {
        let entries = Mutex<[AccessLogEntry]>([])
        let router = Router()
        router.add(middleware: ObservabilityMiddleware(metrics: MetricsExposition().factory, trustedProxies: Self.proxies,
                                                       accessLog: { entry in entries.withLock { $0.append(entry) } }))
        router.get("/ping") { _, _ in HTTPResponse(status: .ok) }
        for (peer, forwarded) in [("10.0.0.2", "203.0.113.9"), ("198.51.100.7", "203.0.113.9")] {
            var context = RequestContext(requestID: "test", logger: Logger(label: "test"))
            let request = HTTPRequest(method: .get, target: "/ping", headers: HTTPHeaders([("X-Forwarded-For", forwarded)]),
                                      remoteAddress: peer)
            _ = try router.respond(to: request, context: &context)
        }
        #expect(entries.withLock { $0.map(\.remoteAddress) } == ["203.0.113.9", "198.51.100.7"])
    }
}
