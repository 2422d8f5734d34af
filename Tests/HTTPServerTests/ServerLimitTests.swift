import Glibc
import HTTPServer
import Testing

@Suite("Server: limits, timeouts and errors")
struct ServerLimitTests {
    @Test func oversizedBodyGets413AndTheConnectionCloses() throws {
        var configuration = HTTPServerConfiguration(workerThreads: 2)
        configuration.maxBodyBytes = 1024
        try withServer(configuration, responder: makeTestRouter()) { server in
            let client = try TestClient(port: server.port)
            client.send("POST /echo HTTP/1.1\r\nHost: test\r\nContent-Length: 100000\r\n\r\n")
            client.send([UInt8](repeating: 65, count: 50_000))
            let response = try client.readResponse()
            #expect(response.status == 413)
            #expect(response.text.contains(#""code":"payload_too_large""#))
            #expect(response.header("Connection") == "close")
            _ = try client.readUntilClosed()
        }
    }

    @Test func hugeHeadersGet431AndTheConnectionCloses() throws {
        var configuration = HTTPServerConfiguration(workerThreads: 2)
        configuration.maxHeaderBytes = 4096
        try withServer(configuration, responder: makeTestRouter()) { server in
            let client = try TestClient(port: server.port)
            client.send("GET /hello HTTP/1.1\r\nHost: test\r\nX-Huge: \(String(repeating: "x", count: 8000))\r\n\r\n")
            let response = try client.readResponse()
            #expect(response.status == 431)
            #expect(response.header("Content-Type") == "application/json")
            #expect(response.text.contains(#""code":"request_header_fields_too_large""#))
            _ = try client.readUntilClosed()
        }
    }

    @Test func garbageGets400AndTheConnectionIsClosed() throws {
        try withServer(responder: makeTestRouter()) { server in
            let client = try TestClient(port: server.port)
            client.send("THIS IS NOT HTTP\r\n\r\n")
            let response = try client.readResponse()
            #expect(response.status == 400)
            #expect(response.text.contains(#""code":"bad_request""#))
            #expect(try client.readUntilClosed().isEmpty)
        }
    }

    @Test func gzipBeforeChunkedGets501() throws {
        try withServer(responder: makeTestRouter()) { server in
            let client = try TestClient(port: server.port)
            client.send("POST /echo HTTP/1.1\r\nHost: test\r\nTransfer-Encoding: gzip, chunked\r\n\r\nabc")
            let response = try client.readResponse()
            #expect(response.status == 501)
            #expect(response.text.contains(#""code":"not_implemented""#))
        }
    }

    @Test func halfARequestGets408AfterTheHeaderTimeout() throws {
        var configuration = HTTPServerConfiguration(workerThreads: 2)
        configuration.headerReadTimeout = .milliseconds(300)
        try withServer(configuration, responder: makeTestRouter()) { server in
            let client = try TestClient(port: server.port)
            client.send("GET /hello HTTP/1.1\r\nHost: te")
            let response = try client.readResponse()
            #expect(response.status == 408)
            #expect(response.text.contains(#""code":"request_timeout""#))
            #expect(try client.readUntilClosed().isEmpty)
        }
    }

    @Test func idleKeepAliveConnectionIsClosedAfterTheIdleTimeout() throws {
        var configuration = HTTPServerConfiguration(workerThreads: 2)
        configuration.idleTimeout = .milliseconds(300)
        try withServer(configuration, responder: makeTestRouter()) { server in
            let client = try TestClient(port: server.port)
            client.send("GET /hello HTTP/1.1\r\nHost: test\r\n\r\n")
            #expect(try client.readResponse().status == 200)
            #expect(try client.readUntilClosed().isEmpty)
            #expect(eventually { server.metrics.openConnections == 0 })
        }
    }

    @Test func fullWorkerQueueAnswers503ServerBusy() throws {
        let entered = Gate()
        let release = Gate()
        let router = blockingRouter(entered: entered, release: release)
        let configuration = HTTPServerConfiguration(workerThreads: 1, maxQueuedRequests: 1)
        try withServer(configuration, responder: router) { server in
            let running = try TestClient(port: server.port)
            running.send("GET /block HTTP/1.1\r\nHost: test\r\n\r\n")
            #expect(entered.wait())
            let queued = try TestClient(port: server.port)
            queued.send("GET /block HTTP/1.1\r\nHost: test\r\n\r\n")
            #expect(eventually { server.metrics.queuedRequests == 1 })

            let rejected = try TestClient(port: server.port)
            rejected.send("GET /block HTTP/1.1\r\nHost: test\r\n\r\n")
            let busy = try rejected.readResponse()
            #expect(busy.status == 503)
            #expect(busy.text.contains(#""code":"server_busy""#))
            #expect(busy.header("Retry-After") == "1")

            release.open(count: 2)
            #expect(try running.readResponse().text == "released")
            #expect(try queued.readResponse().text == "released")
            // The rejected connection stays usable.
            rejected.send("GET /block HTTP/1.1\r\nHost: test\r\n\r\n")
            release.open()
            #expect(try rejected.readResponse().status == 200)
        }
    }

    @Test func clientDisconnectingMidBodyDoesNotAffectOthers() throws {
        try withServer(responder: makeTestRouter()) { server in
            for _ in 0..<5 {
                let quitter = try TestClient(port: server.port)
                quitter.send("POST /echo HTTP/1.1\r\nHost: test\r\nContent-Length: 1000\r\n\r\n" + String(repeating: "a", count: 100))
                quitter.close()
            }
            let client = try TestClient(port: server.port)
            client.send("POST /echo HTTP/1.1\r\nHost: test\r\nContent-Length: 3\r\n\r\nabc")
            #expect(try client.readResponse().text == "abc")
            #expect(eventually { server.metrics.openConnections == 1 })
        }
    }

    @Test func clientDisconnectingMidResponseDoesNotAffectOthers() throws {
        try withServer(responder: makeTestRouter()) { server in
            for _ in 0..<3 {
                let quitter = try TestClient(port: server.port)
                quitter.send("GET /big?size=\(16 * 1024 * 1024) HTTP/1.1\r\nHost: test\r\n\r\n")
                usleep(50_000)
                quitter.close()
            }
            let client = try TestClient(port: server.port)
            client.send("GET /hello HTTP/1.1\r\nHost: test\r\n\r\n")
            #expect(try client.readResponse().text == "hello")
            #expect(eventually { server.metrics.openConnections == 1 })
        }
    }

    @Test func manyIdleConnectionsDoNotDelayOtherClients() throws {
        try withServer(responder: makeTestRouter()) { server in
            let idle = try (0..<200).map { _ in try TestClient(port: server.port) }
            #expect(eventually { server.metrics.openConnections == 200 })
            let client = try TestClient(port: server.port, timeoutSeconds: 2)
            for _ in 0..<3 {
                client.send("GET /worker HTTP/1.1\r\nHost: test\r\n\r\n")
                #expect(try client.readResponse().text == "worker")
            }
            #expect(server.metrics.openConnections == 201)
            idle.forEach { $0.close() }
        }
    }

    @Test func maxConnectionsIsEnforced() throws {
        var configuration = HTTPServerConfiguration(workerThreads: 2)
        configuration.maxConnections = 2
        try withServer(configuration, responder: makeTestRouter()) { server in
            let first = try TestClient(port: server.port)
            let second = try TestClient(port: server.port)
            for client in [first, second] {
                client.send("GET /hello HTTP/1.1\r\nHost: test\r\n\r\n")
                #expect(try client.readResponse().status == 200)
            }
            let third = try TestClient(port: server.port)
            third.send("GET /hello HTTP/1.1\r\nHost: test\r\n\r\n")
            #expect(throws: TestClientError.self) { try third.readResponse() }
            #expect(server.metrics.openConnections == 2)

            first.close()
            #expect(eventually { server.metrics.openConnections == 1 })
            let fourth = try TestClient(port: server.port)
            fourth.send("GET /hello HTTP/1.1\r\nHost: test\r\n\r\n")
            #expect(try fourth.readResponse().status == 200)
        }
    }

    @Test func genericHandlerErrorBecomes500JSONAndTheServerKeepsServing() throws {
        try withServer(responder: makeTestRouter()) { server in
            let client = try TestClient(port: server.port)
            client.send("GET /boom HTTP/1.1\r\nHost: test\r\n\r\n")
            let response = try client.readResponse()
            #expect(response.status == 500)
            #expect(response.header("Content-Type") == "application/json")
            #expect(response.text == #"{"error":{"code":"internal_error","message":"Internal server error"}}"#)
            client.send("GET /hello HTTP/1.1\r\nHost: test\r\n\r\n")
            #expect(try client.readResponse().text == "hello")
        }
    }

    @Test func httpResponseErrorSendsItsStatusAndBody() throws {
        try withServer(responder: makeTestRouter()) { server in
            let client = try TestClient(port: server.port)
            client.send("GET /limited HTTP/1.1\r\nHost: test\r\n\r\n")
            let response = try client.readResponse()
            #expect(response.status == 429)
            #expect(response.header("Retry-After") == "7")
            #expect(response.text == #"{"error":{"code":"rate_limited","message":"Slow down."}}"#)
        }
    }

    @Test func unknownRoutesGetJSON404And405() throws {
        try withServer(responder: makeTestRouter()) { server in
            let client = try TestClient(port: server.port)
            client.send("GET /missing HTTP/1.1\r\nHost: test\r\n\r\nDELETE /hello HTTP/1.1\r\nHost: test\r\n\r\n")
            let missing = try client.readResponse()
            #expect(missing.status == 404)
            #expect(missing.header("Content-Type") == "application/json")
            let wrongMethod = try client.readResponse()
            #expect(wrongMethod.status == 405)
            #expect(wrongMethod.header("Allow") == "GET, HEAD")
        }
    }
}
