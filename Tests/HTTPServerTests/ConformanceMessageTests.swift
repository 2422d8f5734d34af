import Testing

/// RFC 9112 §2-§5 over a real socket: message format, request line, request-target forms, `Host` and field
/// syntax. Each rejection is checked as a client sees it: status, `Connection: close`, and the connection closed
/// without an answer to the request pipelined behind. docs/http-conformance.md lists which test covers which MUST.
@Suite("Conformance: request line, Host and fields (RFC 9112 §2-§5)")
struct ConformanceMessageTests {
    // MARK: §2 Message

    @Test("RFC 9112 §2.2: a bare CR in a field value or the request line is rejected with 400")
    func bareCarriageReturnIsRejected() throws {
        try withServer(responder: makeTestRouter()) { server in
            try expectRejected("GET /hello HTTP/1.1\r\nHost: test\r\nX-A: one\rtwo\r\n\r\n", status: 400, port: server.port)
            try expectRejected("GET /he\rllo HTTP/1.1\r\nHost: test\r\n\r\n", status: 400, port: server.port)
            try expectRejected("GET /hello HTTP/1.1\r\nHost: test\r\nX\rA: one\r\n\r\n", status: 400, port: server.port)
        }
    }

    @Test("RFC 9112 §2.2: whitespace between the request line and the first field is rejected with 400")
    func whitespaceBeforeTheFirstFieldIsRejected() throws {
        try withServer(responder: makeTestRouter()) { server in
            try expectRejected("GET /hello HTTP/1.1\r\n Host: test\r\n\r\n", status: 400, port: server.port)
            try expectRejected("GET /hello HTTP/1.1\r\n\tX-A: 1\r\nHost: test\r\n\r\n", status: 400, port: server.port)
        }
    }

    @Test("RFC 9112 §2.2: empty lines before the request line are ignored")
    func emptyLinesBeforeTheRequestLineAreIgnored() throws {
        try withServer(responder: makeTestRouter()) { server in
            let response = try expectServed("\r\n\r\nGET /hello HTTP/1.1\r\nHost: test\r\n\r\n", port: server.port)
            #expect(response.text == "hello")
        }
    }

    @Test("RFC 9112 §2.3: the version is case-sensitive; major 2 gets 505; a higher minor version is served as 1.1")
    func protocolVersions() throws {
        try withServer(responder: makeTestRouter()) { server in
            try expectRejected("GET /hello http/1.1\r\nHost: test\r\n\r\n", status: 400, port: server.port)
            try expectRejected("GET /hello HTTP/2.0\r\nHost: test\r\n\r\n", status: 505, port: server.port)
            // HTTP/1.2 is HTTP/1.1 to this server: keep-alive by default, and Host is required.
            #expect(try expectServed("GET /hello HTTP/1.2\r\nHost: test\r\n\r\n", port: server.port).text == "hello")
            try expectRejected("GET /hello HTTP/1.2\r\n\r\n", status: 400, port: server.port)
        }
    }

    // MARK: §3 Request line and target

    @Test("RFC 9112 §3: an invalid request line is rejected with 400")
    func invalidRequestLineIsRejected() throws {
        try withServer(responder: makeTestRouter()) { server in
            for line in ["GET  /hello HTTP/1.1", "GET /hello  HTTP/1.1", "GET /hello", "GET /a b HTTP/1.1", "G@T /hello HTTP/1.1"] {
                try expectRejected("\(line)\r\nHost: test\r\n\r\n", status: 400, port: server.port)
            }
        }
    }

    @Test("RFC 9112 §3.2: a request target longer than the server parses gets 414")
    func overlongTargetGets414() throws {
        try withServer(responder: makeTestRouter()) { server in
            let target = "/" + String(repeating: "a", count: 9000)
            try expectRejected("GET \(target) HTTP/1.1\r\nHost: test\r\n\r\n", status: 414, port: server.port)
        }
    }

    @Test("RFC 9112 §3.2.2: the absolute-form is accepted and its authority wins over Host")
    func absoluteFormIsAcceptedAndItsAuthorityWins() throws {
        try withServer(responder: makeTestRouter()) { server in
            let hello = try expectServed("GET http://test/hello HTTP/1.1\r\nHost: test\r\n\r\n", port: server.port)
            #expect(hello.text == "hello")
            let host = try expectServed("GET https://example.com:8443/host?x=1 HTTP/1.1\r\nHost: other\r\n\r\n", port: server.port)
            #expect(host.text == "example.com:8443")
        }
    }

    @Test("RFC 9112 §3.2.2, RFC 9110 §4.2.1 and §4.2.4: an absolute-form without host or with userinfo gets 400")
    func absoluteFormWithABadAuthorityIsRejected() throws {
        try withServer(responder: makeTestRouter()) { server in
            for target in ["http:///hello", "http://user:pw@test/hello", "http://te%zz/hello", "1http://test/hello"] {
                try expectRejected("GET \(target) HTTP/1.1\r\nHost: test\r\n\r\n", status: 400, port: server.port)
            }
        }
    }

    @Test("RFC 9112 §3.2.3: the authority-form is for CONNECT only; CONNECT is not implemented (501)")
    func authorityForm() throws {
        try withServer(responder: makeTestRouter()) { server in
            try expectRejected("GET test:443 HTTP/1.1\r\nHost: test\r\n\r\n", status: 400, port: server.port)
            let connect = try expectServed("CONNECT test:443 HTTP/1.1\r\nHost: test:443\r\n\r\n", status: 501, port: server.port)
            #expect(connect.text.contains(#""code":"not_implemented""#))
        }
    }

    @Test("RFC 9112 §3.2.4 and RFC 9110 §9.3.7: OPTIONS * answers for the server; * with another method gets 400")
    func asteriskForm() throws {
        try withServer(responder: makeTestRouter()) { server in
            let options = try expectServed("OPTIONS * HTTP/1.1\r\nHost: test\r\n\r\n", port: server.port)
            #expect(options.header("Allow") == "GET, HEAD, POST")
            #expect(options.header("Content-Length") == "0")
            try expectRejected("GET * HTTP/1.1\r\nHost: test\r\n\r\n", status: 400, port: server.port)
        }
    }

    // MARK: §3.2 Host

    @Test("RFC 9112 §3.2: an HTTP/1.1 request without Host gets 400; an HTTP/1.0 one is served")
    func hostIsRequiredInHTTP11() throws {
        try withServer(responder: makeTestRouter()) { server in
            let response = try expectRejected("GET /hello HTTP/1.1\r\nX-A: 1\r\n\r\n", status: 400, port: server.port)
            #expect(response.text.contains("Host"))
            // Also in the absolute-form, whose authority would otherwise name the host.
            try expectRejected("GET http://test/hello HTTP/1.1\r\n\r\n", status: 400, port: server.port)
            let client = try TestClient(port: server.port)
            client.send("GET /hello HTTP/1.0\r\n\r\n")
            #expect(try client.readResponse().text == "hello")
        }
    }

    @Test("RFC 9112 §3.2: more than one Host field line gets 400, in HTTP/1.1 and HTTP/1.0")
    func twoHostLinesAreRejected() throws {
        try withServer(responder: makeTestRouter()) { server in
            try expectRejected("GET /hello HTTP/1.1\r\nHost: test\r\nHost: test\r\n\r\n", status: 400, port: server.port)
            try expectRejected("GET /hello HTTP/1.1\r\nHost: a\r\nhost: b\r\n\r\n", status: 400, port: server.port)
            try expectRejected("GET /hello HTTP/1.0\r\nHost: a\r\nHost: b\r\n\r\n", status: 400, port: server.port)
        }
    }

    @Test("RFC 9112 §3.2 and RFC 9110 §7.2: an invalid Host value gets 400", arguments: [
        "te st", "test/path", "a:b:c", "user@test", "test:80x", "[::1", "%zz", "tést",
    ])
    func invalidHostIsRejected(host: String) throws {
        try withServer(responder: makeTestRouter()) { server in
            try expectRejected("GET /hello HTTP/1.1\r\nHost: \(host)\r\n\r\n", status: 400, port: server.port)
        }
    }

    @Test("RFC 9110 §7.2: valid Host values, including an empty one, are served", arguments: [
        "", "test", "test:8080", "127.0.0.1:1", "[::1]:8080", "a-b.example_c~d", "test:",
    ])
    func validHostIsServed(host: String) throws {
        try withServer(responder: makeTestRouter()) { server in
            let response = try expectServed("GET /host HTTP/1.1\r\nHost: \(host)\r\n\r\n", port: server.port)
            #expect(response.text == host)
        }
    }

    // MARK: §5 Fields

    @Test("RFC 9112 §5.1: whitespace between a field name and the colon gets 400")
    func whitespaceBeforeTheColonIsRejected() throws {
        try withServer(responder: makeTestRouter()) { server in
            try expectRejected("GET /hello HTTP/1.1\r\nHost : test\r\n\r\n", status: 400, port: server.port)
            try expectRejected("GET /hello HTTP/1.1\r\nHost: test\r\nX-A\t: 1\r\n\r\n", status: 400, port: server.port)
        }
    }

    @Test("RFC 9112 §5.2: obsolete line folding gets 400 that says so")
    func obsoleteLineFoldingIsRejected() throws {
        try withServer(responder: makeTestRouter()) { server in
            let response = try expectRejected(
                "GET /hello HTTP/1.1\r\nHost: test\r\nX-A: one\r\n two\r\n\r\n", status: 400, port: server.port
            )
            #expect(response.text.contains("folding"))
        }
    }

    @Test("RFC 9110 §5.5: a NUL in a field value gets 400")
    func nulInAFieldValueIsRejected() throws {
        try withServer(responder: makeTestRouter()) { server in
            try expectRejected("GET /hello HTTP/1.1\r\nHost: test\r\nX-A: a\u{0}b\r\n\r\n", status: 400, port: server.port)
        }
    }
}
