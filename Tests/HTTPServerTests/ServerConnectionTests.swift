import Glibc
import HTTPServer
import Testing

@Suite("Server: connections and framing")
struct ServerConnectionTests {
    @Test func keepAliveServesSeveralRequestsOnOneConnection() throws {
        try withServer(responder: makeTestRouter()) { server in
            let client = try TestClient(port: server.port)
            for path in ["/hello", "/worker", "/items/9", "/hello"] {
                client.send("GET \(path) HTTP/1.1\r\nHost: test\r\n\r\n")
                let response = try client.readResponse()
                #expect(response.status == 200)
                #expect(response.header("Connection") == nil)
                #expect(response.header("Date")?.hasSuffix("GMT") == true)
            }
            #expect(server.metrics.openConnections == 1)
        }
    }

    @Test func pipelinedRequestsAreAnsweredInOrder() throws {
        try withServer(responder: makeTestRouter()) { server in
            let client = try TestClient(port: server.port)
            let paths = ["/worker", "/hello", "/items/1", "/worker", "/items/2", "/hello"]
            client.send(paths.map { "GET \($0) HTTP/1.1\r\nHost: test\r\n\r\n" }.joined())
            let bodies = try paths.map { _ in try client.readResponse().text }
            #expect(bodies == ["worker", "hello", "item 1", "worker", "item 2", "hello"])
        }
    }

    @Test func headResponseHasContentLengthButNoBody() throws {
        try withServer(responder: makeTestRouter()) { server in
            let client = try TestClient(port: server.port)
            client.send("HEAD /hello HTTP/1.1\r\nHost: test\r\n\r\nGET /hello HTTP/1.1\r\nHost: test\r\n\r\n")
            let head = try client.readResponse(isHead: true)
            #expect(head.status == 200)
            #expect(head.header("Content-Length") == "5")
            #expect(head.body.isEmpty)
            // The next bytes on the wire are the following response, so no body was sent.
            #expect(try client.readResponse().text == "hello")
        }
    }

    @Test func chunkedPostIsEchoed() throws {
        try withServer(responder: makeTestRouter()) { server in
            let client = try TestClient(port: server.port)
            client.send("POST /echo HTTP/1.1\r\nHost: test\r\nTransfer-Encoding: chunked\r\n\r\n")
            client.send("6;ext=1\r\nhello \r\n")
            client.send("5\r\nworld\r\n0\r\nX-Checksum: none\r\n\r\n")
            let response = try client.readResponse()
            #expect(response.status == 200)
            #expect(response.text == "hello world")
        }
    }

    @Test func expectContinueGets100BeforeTheBody() throws {
        try withServer(responder: makeTestRouter()) { server in
            let client = try TestClient(port: server.port)
            client.send("POST /echo HTTP/1.1\r\nHost: test\r\nContent-Length: 4\r\nExpect: 100-continue\r\n\r\n")
            #expect(try client.readResponse().status == 100)
            client.send("data")
            let response = try client.readResponse()
            #expect(response.status == 200)
            #expect(response.text == "data")
        }
    }

    @Test func largeResponsesAreWrittenCompletelyToASlowReader() throws {
        try withServer(responder: makeTestRouter()) { server in
            let client = try TestClient(port: server.port)
            let size = 8 * 1024 * 1024
            client.send("GET /big?size=\(size) HTTP/1.1\r\nHost: test\r\n\r\n")
            usleep(200_000)  // let the socket buffers fill so the server has to wait for EPOLLOUT
            let response = try client.readResponse()
            var expected = [UInt8](repeating: UInt8(ascii: "x"), count: size)
            expected[size - 1] = UInt8(ascii: "!")
            #expect(response.body == expected)
            client.send("GET /hello HTTP/1.1\r\nHost: test\r\n\r\n")
            #expect(try client.readResponse().text == "hello")
        }
    }

    @Test func http10ClosesUnlessKeepAliveIsAsked() throws {
        try withServer(responder: makeTestRouter()) { server in
            let plain = try TestClient(port: server.port)
            plain.send("GET /hello HTTP/1.0\r\n\r\n")
            let first = try plain.readResponse()
            #expect(first.header("Connection") == "close")
            #expect(try plain.readUntilClosed().isEmpty)

            let keepAlive = try TestClient(port: server.port)
            keepAlive.send("GET /hello HTTP/1.0\r\nConnection: keep-alive\r\n\r\n")
            #expect(try keepAlive.readResponse().header("Connection") == "keep-alive")
            keepAlive.send("GET /hello HTTP/1.0\r\nConnection: keep-alive\r\n\r\n")
            #expect(try keepAlive.readResponse().text == "hello")
        }
    }

    @Test func connectionCloseIsHonouredFromClientAndHandler() throws {
        try withServer(responder: makeTestRouter()) { server in
            let client = try TestClient(port: server.port)
            client.send("GET /hello HTTP/1.1\r\nHost: test\r\nConnection: close\r\n\r\nGET /hello HTTP/1.1\r\nHost: test\r\n\r\n")
            let response = try client.readResponse()
            #expect(response.header("Connection") == "close")
            #expect(try client.readUntilClosed().isEmpty)

            let other = try TestClient(port: server.port)
            other.send("GET /close HTTP/1.1\r\nHost: test\r\n\r\n")
            let closing = try other.readResponse()
            #expect(closing.text == "bye")
            #expect(closing.header("Connection") == "close")
            #expect(try other.readUntilClosed().isEmpty)
        }
    }

    @Test func requestIDComesFromTheClientWhenSaneOrIsGenerated() throws {
        try withServer(responder: makeTestRouter()) { server in
            let client = try TestClient(port: server.port)
            client.send("GET /request-id HTTP/1.1\r\nHost: test\r\nX-Request-Id: abc-123\r\n\r\n")
            #expect(try client.readResponse().text == "abc-123")
            client.send("GET /request-id HTTP/1.1\r\nHost: test\r\nX-Request-Id: not sane!\r\n\r\n")
            let generated = try client.readResponse().text
            #expect(generated.count == 12)
            #expect(generated != "not sane!")
        }
    }
}
