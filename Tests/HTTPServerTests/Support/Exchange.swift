import Testing

/// A `GET /hello` sent behind the request under test: answered only if the server kept the connection and
/// framed the first request exactly.
let followUpRequest = "GET /hello HTTP/1.1\r\nHost: test\r\n\r\n"

/// Starts a server on the test router and sends each of `requests` on a connection of its own with a follow-up
/// behind it; expects each answered `status` with `Connection: close` and `Date`, then the connection closed
/// without an answer to the follow-up (RFC 9112 §9.6). Returns the responses in the order of `requests`.
@discardableResult
func expectEachRejected(
    _ requests: [String], status: Int, sourceLocation: SourceLocation = #_sourceLocation
) throws -> [TestResponse] {
    try exchangeEach(requests, status: status, sourceLocation: sourceLocation) { response, client throws in
        #expect(response.header("Connection") == "close", sourceLocation: sourceLocation)
        #expect(response.header("Date") != nil, sourceLocation: sourceLocation)
        #expect(try client.readUntilClosed().isEmpty, sourceLocation: sourceLocation)
    }
}

/// Starts a server on the test router and sends each of `requests` on a connection of its own with a follow-up
/// behind it; expects each answered `status` without `Connection: close`, then the follow-up answered on the same
/// connection. Returns the responses in the order of `requests`.
@discardableResult
func expectEachServed(
    _ requests: [String], status: Int = 200, sourceLocation: SourceLocation = #_sourceLocation
) throws -> [TestResponse] {
    try exchangeEach(requests, status: status, sourceLocation: sourceLocation) { response, client in
        #expect(response.header("Connection") == nil, sourceLocation: sourceLocation)
        let followUp = try client.readResponse()
        #expect(followUp.status == 200 && followUp.text == "hello", sourceLocation: sourceLocation)
    }
}

/// Starts a server on the test router and runs `body` with a raw client connected to it, for exchanges the
/// helpers above do not cover.
func withTestConnection(_ body: (TestClient) throws -> Void) throws {
    try withServer(responder: makeTestRouter()) { server in
        try body(TestClient(port: server.port))
    }
}

/// Starts one server on the test router; sends each request with the follow-up behind it on a new connection,
/// expects the answer `status`, then lets `check` look at the response and what follows on the connection.
private func exchangeEach(
    _ requests: [String], status: Int, sourceLocation: SourceLocation,
    check: (TestResponse, TestClient) throws -> Void
) throws -> [TestResponse] {
    var responses: [TestResponse] = []
    try withServer(responder: makeTestRouter()) { server in
        for request in requests {
            let client = try TestClient(port: server.port)
            client.send(request + followUpRequest)
            let response = try client.readResponse()
            #expect(response.status == status, "\(request.debugDescription): \(response.text)", sourceLocation: sourceLocation)
            try check(response, client)
            responses.append(response)
        }
    }
    return responses
}
