import Glibc
import HTTPServer
import Testing

/// The probe of issue 15: silent sockets, one address flooding, the rest of the world still served.
@Suite("Server: silent connections and floods from one address")
struct ServerFloodTests {
    @Test func silentConnectionIsClosedAfterTheHeaderTimeoutCountedFromAccept() throws {
        var configuration = HTTPServerConfiguration(workerThreads: 2)
        configuration.headerReadTimeout = .milliseconds(300)
        configuration.idleTimeout = .seconds(60)
        try withServer(configuration, responder: makeTestRouter()) { server in
            let silent = try TestClient(port: server.port)
            // Closed without an answer long before the idle timeout (the client gives up after 5 s).
            #expect(try silent.readUntilClosed().isEmpty)
            #expect(eventually { server.metrics.openConnections == 0 })
        }
    }

    @Test func keepAliveConnectionWaitsForItsNextRequestUntilTheIdleTimeout() throws {
        var configuration = HTTPServerConfiguration(workerThreads: 2)
        configuration.headerReadTimeout = .milliseconds(200)
        configuration.idleTimeout = .seconds(60)
        try withServer(configuration, responder: makeTestRouter()) { server in
            let client = try TestClient(port: server.port)
            client.send("GET /hello HTTP/1.1\r\nHost: test\r\n\r\n")
            #expect(try client.readResponse().status == 200)
            usleep(1_000_000)
            client.send("GET /hello HTTP/1.1\r\nHost: test\r\n\r\n")
            #expect(try client.readResponse().text == "hello")
        }
    }

    @Test func sixtySilentSocketsFromOneAddressLeaveOtherAddressesServed() throws {
        var configuration = HTTPServerConfiguration(workerThreads: 2)
        configuration.maxConnections = 50
        configuration.headerReadTimeout = .seconds(2)
        try withServer(configuration, responder: makeTestRouter()) { server in
            let silent = try (0..<60).map { _ in try TestClient(port: server.port) }
            for source in ["127.0.0.2", "127.0.0.3"] {
                let other = try TestClient(port: server.port, from: source)
                other.send("GET /hello HTTP/1.1\r\nHost: test\r\n\r\n")
                #expect(try other.readResponse().text == "hello")
            }
            #expect(server.metrics.openConnections <= 50)
            // Every silent socket is closed by the header timeout counted from accept, not the 60 s idle timeout.
            for socket in silent {
                #expect(try socket.readUntilClosed().isEmpty)
            }
        }
    }

    @Test func connectionsBeyondThePerAddressLimitAreClosedAtOnce() throws {
        var configuration = HTTPServerConfiguration(workerThreads: 2)
        configuration.maxConnections = 50
        configuration.maxConnectionsPerAddress = 4
        configuration.headerReadTimeout = .seconds(60)
        try withServer(configuration, responder: makeTestRouter()) { server in
            var held = try (0..<4).map { _ in try TestClient(port: server.port) }
            #expect(eventually { server.metrics.openConnections == 4 })
            let beyond = try TestClient(port: server.port)
            #expect(try beyond.readUntilClosed().isEmpty)
            #expect(held.allSatisfy { !$0.isClosedByPeer })

            let other = try TestClient(port: server.port, from: "127.0.0.2")
            other.send("GET /hello HTTP/1.1\r\nHost: test\r\n\r\n")
            #expect(try other.readResponse().text == "hello")

            // A slot the address gives back is its own again.
            held.removeLast().close()
            #expect(eventually { server.metrics.openConnections == 4 })
            let again = try TestClient(port: server.port)
            again.send("GET /hello HTTP/1.1\r\nHost: test\r\n\r\n")
            #expect(try again.readResponse().text == "hello")
        }
    }

    @Test func aFullServerShedsAWaitingConnectionOfTheBusiestAddressForAnotherAddress() throws {
        var configuration = HTTPServerConfiguration(workerThreads: 2)
        configuration.maxConnections = 16
        configuration.maxConnectionsPerAddress = 0
        configuration.headerReadTimeout = .seconds(60)
        try withServer(configuration, responder: makeTestRouter()) { server in
            let flood = try (0..<16).map { _ in try TestClient(port: server.port) }
            #expect(eventually { server.metrics.openConnections == 16 })
            // The busiest address itself gets no more.
            let more = try TestClient(port: server.port)
            #expect(try more.readUntilClosed().isEmpty)

            let others = try ["127.0.0.2", "127.0.0.3"].map { try TestClient(port: server.port, from: $0) }
            for other in others {
                other.send("GET /hello HTTP/1.1\r\nHost: test\r\n\r\n")
                #expect(try other.readResponse().text == "hello")
            }
            #expect(server.metrics.openConnections == 16)
            #expect(eventually { flood.filter(\.isClosedByPeer).count == 2 })
        }
    }

    @Test func aFullServerKeepsAConnectionWhoseRequestIsUnderWay() throws {
        let entered = Gate()
        let release = Gate()
        let router = blockingRouter(entered: entered, release: release)
        var configuration = HTTPServerConfiguration(workerThreads: 2)
        configuration.maxConnections = 3
        configuration.maxConnectionsPerAddress = 0
        try withServer(configuration, responder: router) { server in
            let busy = (0..<3).compactMap { _ in try? TestClient(port: server.port) }
            for client in busy { client.send("GET /block HTTP/1.1\r\nHost: test\r\n\r\n") }
            #expect(entered.wait())
            #expect(entered.wait())
            // Two requests run, the third waits for a worker: none of them may be shed.
            let other = try TestClient(port: server.port, from: "127.0.0.2")
            other.send("GET /block HTTP/1.1\r\nHost: test\r\n\r\n")
            #expect(throws: TestClientError.self) { try other.readResponse() }
            release.open(count: 3)
            for client in busy {
                #expect(try client.readResponse().text == "released")
            }
        }
    }
}
