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
}
