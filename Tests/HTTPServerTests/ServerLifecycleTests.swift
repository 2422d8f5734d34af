import Synchronization
import Testing
import HTTPServer

@Suite("Server: lifecycle")
struct ServerLifecycleTests {
    @Test func gracefulShutdownFinishesTheRequestInFlightAndRefusesNewConnections() throws {
        let entered = Gate()
        let release = Gate()
        let router = Router()
        router.get("/slow") { _, _ in
            entered.open()
            release.wait()
            return .text(.ok, "finished")
        }
        var configuration = HTTPServerConfiguration(workerThreads: 2)
        configuration.host = "127.0.0.1"
        configuration.port = 0
        let server = HTTPServer(configuration: configuration, responder: router, logger: quietLogger)
        try server.start()
        let port = server.port

        let inFlight = try TestClient(port: port)
        inFlight.send("GET /slow HTTP/1.1\r\nHost: test\r\n\r\n")
        #expect(entered.wait())
        let idle = try TestClient(port: port)
        #expect(eventually { server.metrics.openConnections == 2 })

        let stopped = Gate()
        runDetached {
            server.stop(deadline: .now + .seconds(10))
            stopped.open()
        }
        #expect(eventually { TestClient.isRefused(port: port) })
        #expect(try idle.readUntilClosed().isEmpty)

        release.open()
        let response = try inFlight.readResponse()
        #expect(response.status == 200)
        #expect(response.text == "finished")
        #expect(response.header("Connection") == "close")
        #expect(stopped.wait())
        #expect(TestClient.isRefused(port: port))
        server.waitUntilStopped()
        server.stop(deadline: .now + .seconds(1))
    }

    @Test func stopClosesConnectionsStillBusyAfterTheGracePeriod() throws {
        let release = Gate()
        let router = Router()
        router.get("/stuck") { _, _ in
            release.wait()
            return .text(.ok, "late")
        }
        var configuration = HTTPServerConfiguration(workerThreads: 1)
        configuration.host = "127.0.0.1"
        configuration.port = 0
        let server = HTTPServer(configuration: configuration, responder: router, logger: quietLogger)
        try server.start()
        let client = try TestClient(port: server.port)
        client.send("GET /stuck HTTP/1.1\r\nHost: test\r\n\r\n")
        #expect(eventually { server.metrics.busyWorkers == 1 })

        let stopped = Gate()
        runDetached {
            server.stop(deadline: .now + .milliseconds(200))
            stopped.open()
        }
        #expect(try client.readUntilClosed().isEmpty)
        release.open()
        #expect(stopped.wait())
    }

    @Test func stopCalledFromAWorkerHandlerCompletes() throws {
        let serverBox = Mutex<HTTPServer?>(nil)
        let router = Router()
        router.post("/admin/stop") { _, _ in
            serverBox.withLock { $0 }?.stop(deadline: .now + .milliseconds(200))
            return .text(.ok, "stopping")
        }
        var configuration = HTTPServerConfiguration(workerThreads: 2)
        configuration.host = "127.0.0.1"
        configuration.port = 0
        let server = HTTPServer(configuration: configuration, responder: router, logger: quietLogger)
        serverBox.withLock { $0 = server }
        try server.start()
        let client = try TestClient(port: server.port)
        client.send("POST /admin/stop HTTP/1.1\r\nHost: test\r\nContent-Length: 0\r\n\r\n")
        _ = try client.readUntilClosed()
        server.waitUntilStopped()
        #expect(TestClient.isRefused(port: server.port))
    }

    @Test func startFailsWithSocketErrorWhenThePortIsTaken() throws {
        try withServer(responder: makeTestRouter()) { server in
            var configuration = HTTPServerConfiguration()
            configuration.host = "127.0.0.1"
            configuration.port = server.port
            let second = HTTPServer(configuration: configuration, responder: makeTestRouter(), logger: quietLogger)
            do {
                try second.start()
                Issue.record("a second server bound the same port")
            } catch HTTPServerError.socket(let error) {
                #expect(error.call == "bind")
                #expect(error.errno != 0)
            } catch {
                Issue.record("unexpected error \(error)")
            }
            #expect(throws: HTTPServerError.self) { try server.start() }
        }
    }

    @Test func stoppingANeverStartedServerReturnsAtOnce() {
        let server = HTTPServer(responder: makeTestRouter(), logger: quietLogger)
        server.stop(deadline: .now + .seconds(1))
        server.waitUntilStopped()
    }
}
