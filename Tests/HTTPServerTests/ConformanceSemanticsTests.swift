import Testing

/// RFC 9112 §9 (connection management) and the MUSTs of RFC 9110 that fall on the server itself rather than on a
/// route: HEAD, method handling, Expect, and the fields a response must or must not carry.
@Suite("Conformance: connections and server semantics (RFC 9112 §9, RFC 9110)")
struct ConformanceSemanticsTests {
    // MARK: RFC 9112 §9

    @Test("RFC 9112 §9.6: after Connection: close the server answers, closes, and processes nothing further")
    func connectionCloseEndsTheConnection() throws {
        try expectEachRejected(["GET /hello HTTP/1.1\r\nHost: test\r\nConnection: keep-alive, Close\r\n\r\n"], status: 200)
    }

    @Test("RFC 9112 §9.3: an HTTP/1.0 connection persists only with keep-alive")
    func http10PersistsOnlyWithKeepAlive() throws {
        try expectEachRejected(["GET /hello HTTP/1.0\r\n\r\n"], status: 200)
        try withTestConnection { client throws in
            client.send("GET /hello HTTP/1.0\r\nConnection: keep-alive\r\n\r\n" + followUpRequest)
            #expect(try client.readResponse().header("Connection") == "keep-alive")
            #expect(try client.readResponse().text == "hello")
        }
    }

    @Test("RFC 9112 §9.3.2: pipelined responses come in the order of the requests, also after a body")
    func pipelinedResponsesKeepTheirOrder() throws {
        try withTestConnection { client in
            client.send(
                "GET /worker HTTP/1.1\r\nHost: test\r\n\r\n"
                    + "POST /echo HTTP/1.1\r\nHost: test\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\n"
                    + "POST /echo HTTP/1.1\r\nHost: test\r\nContent-Length: 3\r\n\r\ndef" + followUpRequest
            )
            let bodies = try (0..<4).map { _ in try client.readResponse().text }
            #expect(bodies == ["worker", "abc", "def", "hello"])
        }
    }

    // MARK: RFC 9110

    @Test("RFC 9110 §9.3.2 and §8.6: HEAD gets GET's status and fields, the Content-Length GET would send, no content")
    func headMatchesGetWithoutContent() throws {
        try withTestConnection { client in
            client.send("GET /worker HTTP/1.1\r\nHost: test\r\n\r\nHEAD /worker HTTP/1.1\r\nHost: test\r\n\r\n")
            let get = try client.readResponse()
            let head = try client.readResponse(isHead: true)
            #expect(head.status == get.status)
            let fields = { (response: TestResponse) in response.headers.filter { $0.name != "Date" }.map { "\($0.name): \($0.value)" } }
            #expect(fields(head) == fields(get))
            #expect(head.header("Content-Length") == "6")
            // A HEAD answered with an error carries no content either: the next bytes are the next response.
            client.send("HEAD /missing HTTP/1.1\r\nHost: test\r\n\r\n" + followUpRequest)
            let missing = try client.readResponse(isHead: true)
            #expect(missing.status == 404)
            #expect(try client.readResponse().text == "hello")
        }
    }

    @Test("RFC 9110 §9.1 and §15.5.6: a known method a resource lacks gets 405 with Allow")
    func knownMethodGets405WithAllow() throws {
        let methods = ["DELETE", "PUT", "PATCH", "TRACE", "QUERY", "OPTIONS"]
        let responses = try expectEachServed(methods.map { method in "\(method) /hello HTTP/1.1\r\nHost: test\r\n\r\n" }, status: 405)
        #expect(responses.map { $0.header("Allow") } == Array(repeating: "GET, HEAD", count: methods.count))
    }

    @Test("RFC 9110 §9.1 and §15.6.2: a method the server implements for no resource gets 501")
    func unknownMethodGets501() throws {
        let requests = ["/hello", "/missing"].map { target in "PROPFIND \(target) HTTP/1.1\r\nHost: test\r\n\r\n" }
        for response in try expectEachServed(requests, status: 501) {
            #expect(response.text.contains(#""code":"not_implemented""#))
        }
        // Methods are case-sensitive (§9.1): "get" is not GET.
        try expectEachServed(["get /hello HTTP/1.1\r\nHost: test\r\n\r\n"], status: 501)
    }

    @Test("RFC 9110 §10.1.1 and §15.2: an HTTP/1.0 request's 100-continue is ignored (no 1xx to HTTP/1.0)")
    func expectContinueFromHTTP10IsIgnored() throws {
        try withTestConnection { client in
            client.send("POST /echo HTTP/1.0\r\nContent-Length: 4\r\nExpect: 100-continue\r\n\r\n")
            client.send("data")
            let response = try client.readResponse()
            #expect(response.status == 200)
            #expect(response.text == "data")
        }
    }

    @Test("RFC 9110 §10.1.1: 100-continue is answered with 100 before the body, then the final status")
    func expectContinueIsAnswered() throws {
        try withTestConnection { client in
            client.send("POST /echo HTTP/1.1\r\nHost: test\r\nContent-Length: 4\r\nExpect: 100-Continue\r\n\r\n")
            let interim = try client.readResponse()
            #expect(interim.status == 100)
            #expect(interim.header("Content-Length") == nil)
            client.send("data")
            #expect(try client.readResponse().text == "data")
        }
    }

    @Test("RFC 9110 §10.1.1: an expectation other than 100-continue gets 417")
    func unknownExpectationGets417() throws {
        try expectEachRejected([Self.expecting("x-fast-lane"), Self.expecting("100-continue, x-other")], status: 417)
    }

    @Test("RFC 9110 §8.6 and §15.3.5: a 204 carries no Content-Length and no content")
    func noContentHasNoContentLength() throws {
        for response in try expectEachServed(["GET /empty HTTP/1.1\r\nHost: test\r\n\r\n"], status: 204) {
            #expect(response.header("Content-Length") == nil)
            #expect(response.header("X-Empty") == "yes")
        }
    }

    private static func expecting(_ expectation: String) -> String {
        "POST /echo HTTP/1.1\r\nHost: test\r\nContent-Length: 4\r\nExpect: \(expectation)\r\n\r\ndata"
    }
}
