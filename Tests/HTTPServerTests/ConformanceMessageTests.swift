import Testing

/// RFC 9112 §2-§5 over a real socket: message format, request line, request-target forms, `Host` and field
/// syntax. Each rejection is checked as a client sees it: status, `Connection: close`, and the connection closed
/// without an answer to the request pipelined behind. docs/http-conformance.md lists which test covers which MUST.
@Suite("Conformance: request line, Host and fields (RFC 9112 §2-§5)")
struct ConformanceMessageTests {
    // MARK: §2 Message

    @Test("RFC 9112 §2.2: a bare CR in a field value or the request line is rejected with 400")
    func bareCarriageReturnIsRejected() throws {
        try expectEachRejected([
            "GET /hello HTTP/1.1\r\nHost: test\r\nX-A: one\rtwo\r\n\r\n",
            "GET /he\rllo HTTP/1.1\r\nHost: test\r\n\r\n",
            "GET /hello HTTP/1.1\r\nHost: test\r\nX\rA: one\r\n\r\n",
        ], status: 400)
    }

    @Test("RFC 9112 §2.2: whitespace between the request line and the first field is rejected with 400")
    func whitespaceBeforeTheFirstFieldIsRejected() throws {
        try expectEachRejected([
            "GET /hello HTTP/1.1\r\n Host: test\r\n\r\n",
            "GET /hello HTTP/1.1\r\n\tX-A: 1\r\nHost: test\r\n\r\n",
        ], status: 400)
    }

    @Test("RFC 9112 §2.2: empty lines before the request line are ignored")
    func emptyLinesBeforeTheRequestLineAreIgnored() throws {
        let responses = try expectEachServed(["\r\n\r\nGET /hello HTTP/1.1\r\nHost: test\r\n\r\n"])
        #expect(responses.map(\.text) == ["hello"])
    }

    @Test("RFC 9112 §2.3: the version is case-sensitive; major 2 gets 505; a higher minor version is served as 1.1")
    func protocolVersions() throws {
        try expectEachRejected(["GET /hello http/1.1\r\nHost: test\r\n\r\n"], status: 400)
        try expectEachRejected(["GET /hello HTTP/2.0\r\nHost: test\r\n\r\n"], status: 505)
        // HTTP/1.2 is HTTP/1.1 to this server: keep-alive by default, and Host is required.
        #expect(try expectEachServed(["GET /hello HTTP/1.2\r\nHost: test\r\n\r\n"]).map(\.text) == ["hello"])
        try expectEachRejected(["GET /hello HTTP/1.2\r\n\r\n"], status: 400)
    }

    // MARK: §3 Request line and target

    @Test("RFC 9112 §3: an invalid request line is rejected with 400")
    func invalidRequestLineIsRejected() throws {
        let lines = ["GET  /hello HTTP/1.1", "GET /hello  HTTP/1.1", "GET /hello", "GET /a b HTTP/1.1", "G@T /hello HTTP/1.1"]
        try expectEachRejected(lines.map { line in "\(line)\r\nHost: test\r\n\r\n" }, status: 400)
    }

    @Test("RFC 9112 §3.2: a request target longer than the server parses gets 414")
    func overlongTargetGets414() throws {
        let target = "/" + String(repeating: "a", count: 9000)
        try expectEachRejected(["GET \(target) HTTP/1.1\r\nHost: test\r\n\r\n"], status: 414)
    }

    @Test("RFC 9112 §3.2.2: the absolute-form is accepted and its authority wins over Host")
    func absoluteFormIsAcceptedAndItsAuthorityWins() throws {
        let responses = try expectEachServed([
            "GET http://test/hello HTTP/1.1\r\nHost: test\r\n\r\n",
            "GET https://example.com:8443/host?x=1 HTTP/1.1\r\nHost: other\r\n\r\n",
        ])
        #expect(responses.map(\.text) == ["hello", "example.com:8443"])
    }

    @Test("RFC 9112 §3.2.2, RFC 9110 §4.2.1 and §4.2.4: an absolute-form without host or with userinfo gets 400")
    func absoluteFormWithABadAuthorityIsRejected() throws {
        let targets = ["http:///hello", "http://user:pw@test/hello", "http://te%zz/hello", "1http://test/hello"]
        try expectEachRejected(targets.map { target in "GET \(target) HTTP/1.1\r\nHost: test\r\n\r\n" }, status: 400)
    }

    @Test("RFC 9112 §3.2.3: the authority-form is for CONNECT only; CONNECT is not implemented (501)")
    func authorityForm() throws {
        try expectEachRejected(["GET test:443 HTTP/1.1\r\nHost: test\r\n\r\n"], status: 400)
        for connect in try expectEachServed(["CONNECT test:443 HTTP/1.1\r\nHost: test:443\r\n\r\n"], status: 501) {
            #expect(connect.text.contains(#""code":"not_implemented""#))
        }
    }

    @Test("RFC 9112 §3.2.4 and RFC 9110 §9.3.7: OPTIONS * answers for the server; * with another method gets 400")
    func asteriskForm() throws {
        for options in try expectEachServed(["OPTIONS * HTTP/1.1\r\nHost: test\r\n\r\n"]) {
            #expect(options.header("Allow") == "GET, HEAD, POST")
            #expect(options.header("Content-Length") == "0")
        }
        try expectEachRejected(["GET * HTTP/1.1\r\nHost: test\r\n\r\n"], status: 400)
    }

    // MARK: §3.2 Host

    @Test("RFC 9112 §3.2: an HTTP/1.1 request without Host gets 400; an HTTP/1.0 one is served")
    func hostIsRequiredInHTTP11() throws {
        for response in try expectEachRejected([
            "GET /hello HTTP/1.1\r\nX-A: 1\r\n\r\n",
            // Also in the absolute-form, whose authority would otherwise name the host.
            "GET http://test/hello HTTP/1.1\r\n\r\n",
        ], status: 400) {
            #expect(response.text.contains("Host"))
        }
        try withTestConnection { client throws in
            client.send("GET /hello HTTP/1.0\r\n\r\n")
            #expect(try client.readResponse().text == "hello")
        }
    }

    @Test("RFC 9112 §3.2: more than one Host field line gets 400, in HTTP/1.1 and HTTP/1.0")
    func twoHostLinesAreRejected() throws {
        try expectEachRejected([
            "GET /hello HTTP/1.1\r\nHost: test\r\nHost: test\r\n\r\n",
            "GET /hello HTTP/1.1\r\nHost: a\r\nhost: b\r\n\r\n",
            "GET /hello HTTP/1.0\r\nHost: a\r\nHost: b\r\n\r\n",
        ], status: 400)
    }

    @Test("RFC 9112 §3.2 and RFC 9110 §7.2: an invalid Host value gets 400", arguments: [
        "te st", "test/path", "a:b:c", "user@test", "test:80x", "[::1", "%zz", "tést",
    ])
    func invalidHostIsRejected(host: String) throws {
        try expectEachRejected(["GET /hello HTTP/1.1\r\nHost: \(host)\r\n\r\n"], status: 400)
    }

    @Test("RFC 9110 §7.2: valid Host values, including an empty one, are served", arguments: [
        "", "test", "test:8080", "127.0.0.1:1", "[::1]:8080", "a-b.example_c~d", "test:",
    ])
    func validHostIsServed(host: String) throws {
        #expect(try expectEachServed(["GET /host HTTP/1.1\r\nHost: \(host)\r\n\r\n"]).map(\.text) == [host])
    }

    // MARK: §5 Fields

    @Test("RFC 9112 §5.1: whitespace between a field name and the colon gets 400")
    func whitespaceBeforeTheColonIsRejected() throws {
        try expectEachRejected([
            "GET /hello HTTP/1.1\r\nHost : test\r\n\r\n",
            "GET /hello HTTP/1.1\r\nHost: test\r\nX-A\t: 1\r\n\r\n",
        ], status: 400)
    }

    @Test("RFC 9112 §5.2: obsolete line folding gets 400 that says so")
    func obsoleteLineFoldingIsRejected() throws {
        for response in try expectEachRejected(["GET /hello HTTP/1.1\r\nHost: test\r\nX-A: one\r\n two\r\n\r\n"], status: 400) {
            #expect(response.text.contains("folding"))
        }
    }

    @Test("RFC 9110 §5.5: a NUL in a field value gets 400")
    func nulInAFieldValueIsRejected() throws {
        try expectEachRejected(["GET /hello HTTP/1.1\r\nHost: test\r\nX-A: a\u{0}b\r\n\r\n"], status: 400)
    }
}
