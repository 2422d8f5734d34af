import Testing

/// A `GET /hello` sent behind the request under test: answered only if the server kept the connection and
/// framed the first request exactly.
let followUpRequest = "GET /hello HTTP/1.1\r\nHost: test\r\n\r\n"

/// Sends `request` with a follow-up behind it on a new connection; expects the answer `status` with
/// `Connection: close`, then the connection closed without an answer to the follow-up (RFC 9112 §9.6).
/// Returns the response for further checks.
@discardableResult
func expectRejected(
    _ request: String, status: Int, port: Int, sourceLocation: SourceLocation = #_sourceLocation
) throws -> TestResponse {
    let client = try TestClient(port: port)
    client.send(request + followUpRequest)
    let response = try client.readResponse()
    #expect(response.status == status, "\(response.text)", sourceLocation: sourceLocation)
    #expect(response.header("Connection") == "close", sourceLocation: sourceLocation)
    #expect(response.header("Date") != nil, sourceLocation: sourceLocation)
    #expect(try client.readUntilClosed().isEmpty, sourceLocation: sourceLocation)
    return response
}

/// Sends `request` with a follow-up behind it on a new connection; expects the answer `status` without
/// `Connection: close`, then the follow-up answered on the same connection. Returns the first response.
@discardableResult
func expectServed(
    _ request: String, status: Int = 200, port: Int, isHead: Bool = false, sourceLocation: SourceLocation = #_sourceLocation
) throws -> TestResponse {
    let client = try TestClient(port: port)
    client.send(request + followUpRequest)
    let response = try client.readResponse(isHead: isHead)
    #expect(response.status == status, "\(response.text)", sourceLocation: sourceLocation)
    #expect(response.header("Connection") == nil, sourceLocation: sourceLocation)
    let followUp = try client.readResponse()
    #expect(followUp.status == 200 && followUp.text == "hello", sourceLocation: sourceLocation)
    return response
}
