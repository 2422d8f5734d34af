import Glibc
import Testing

/// RFC 9112 §6-§7 over a real socket: how a request body is delimited, and the `chunked` coding. A framing
/// the server cannot trust is answered and the connection closed, so the bytes behind it are never read as a
/// request (each rejection pipelines a request behind and expects no answer to it).
@Suite("Conformance: message body framing (RFC 9112 §6-§7)")
struct ConformanceFramingTests {
    private static let post = "POST /echo HTTP/1.1\r\nHost: test\r\n"

    // MARK: §6.1 Transfer-Encoding

    @Test("RFC 9112 §6.1 and §6.3: Transfer-Encoding with Content-Length gets 400 and the connection closes")
    func transferEncodingWithContentLengthIsRejected() throws {
        try expectEachRejected([
            Self.post + "Content-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n",
            Self.post + "Transfer-Encoding: chunked\r\nContent-Length: 0\r\n\r\n5\r\nhello\r\n0\r\n\r\n",
        ], status: 400)
    }

    @Test("RFC 9112 §6.3 item 4: chunked not last in a request gets 400 and the connection closes", arguments: [
        "gzip", "chunked, gzip", "chunked;q=1", "identity",
    ])
    func chunkedNotFinalIsRejected(codings: String) throws {
        try expectEachRejected([Self.post + "Transfer-Encoding: \(codings)\r\n\r\n0\r\n\r\n"], status: 400)
    }

    @Test("RFC 9112 §6.1: chunked applied twice gets 400; split over two field lines it is the same list")
    func chunkedTwiceIsRejected() throws {
        try expectEachRejected([
            Self.post + "Transfer-Encoding: chunked, chunked\r\n\r\n0\r\n\r\n",
            Self.post + "Transfer-Encoding: chunked\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n",
        ], status: 400)
    }

    @Test("RFC 9112 §6.1: a coding the server does not know, before chunked, gets 501 and the connection closes")
    func unknownCodingBeforeChunkedGets501() throws {
        for response in try expectEachRejected([
            Self.post + "Transfer-Encoding: gzip, chunked\r\n\r\n0\r\n\r\n",
            Self.post + "Transfer-Encoding: br\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n",
        ], status: 501) {
            #expect(response.text.contains(#""code":"not_implemented""#))
        }
    }

    @Test("RFC 9112 §6.1: Transfer-Encoding in an HTTP/1.0 request is faulty framing: 400 and close")
    func transferEncodingInHTTP10IsRejected() throws {
        try expectEachRejected([
            "POST /echo HTTP/1.0\r\nTransfer-Encoding: chunked\r\nConnection: keep-alive\r\n\r\n0\r\n\r\n",
            "POST /echo HTTP/1.0\r\nTransfer-Encoding: chunked\r\nContent-Length: 5\r\n\r\nhello",
        ], status: 400)
    }

    @Test("RFC 9112 §7: transfer-coding names are case-insensitive")
    func chunkedIsCaseInsensitive() throws {
        let responses = try expectEachServed([Self.post + "Transfer-Encoding: ChUnKeD\r\n\r\n2\r\nok\r\n0\r\n\r\n"])
        #expect(responses.map(\.text) == ["ok"])
    }

    // MARK: §6.2-6.3 Content-Length

    @Test("RFC 9112 §6.3 item 5: an invalid Content-Length gets 400 and the connection closes", arguments: [
        "12abc", "-1", "+5", "5 5", "0x10", "", ",", "1.0",
    ])
    func invalidContentLengthIsRejected(value: String) throws {
        try expectEachRejected([Self.post + "Content-Length: \(value)\r\n\r\nhello"], status: 400)
    }

    @Test("RFC 9112 §6.3 item 5: differing Content-Length values get 400; a list of equal values is one length")
    func contentLengthLists() throws {
        try expectEachRejected([
            Self.post + "Content-Length: 5\r\nContent-Length: 6\r\n\r\nhello!", Self.post + "Content-Length: 5, 6\r\n\r\nhello!",
        ], status: 400)
        let same = try expectEachServed([
            Self.post + "Content-Length: 5, 5\r\nContent-Length: 5\r\n\r\nhello",
            // RFC 9110 §5.6.1.2: empty list elements are ignored.
            Self.post + "Content-Length: 5, , 5\r\n\r\nhello",
        ])
        #expect(same.map(\.text) == ["hello", "hello"])
    }

    @Test("RFC 9110 §8.6: a Content-Length beyond any integer is refused (413), not wrapped around")
    func hugeContentLengthIsRefused() throws {
        try expectEachRejected([Self.post + "Content-Length: 18446744073709551617\r\n\r\nhello"], status: 413)
    }

    @Test("RFC 9112 §6.3 item 7: a request without Content-Length or Transfer-Encoding has no body")
    func requestWithoutFramingHasNoBody() throws {
        let responses = try expectEachServed([Self.post + "\r\n"])
        #expect(responses.map(\.body) == [[]])
    }

    @Test("RFC 9112 §6.3 and §8: a body cut short by the client is incomplete: no answer, and the connection closes")
    func incompleteBodyIsNotProcessed() throws {
        try withTestConnection { client throws in
            client.send(Self.post + "Content-Length: 10\r\n\r\nhello")
            Glibc.shutdown(client.fd, Int32(SHUT_WR))
            #expect(try client.readUntilClosed().isEmpty)
        }
    }

    // MARK: §7 Chunked

    @Test("RFC 9112 §7.1, §7.1.1, §7.1.2: chunked bodies are decoded, extensions ignored, trailers read")
    func chunkedBodyIsDecoded() throws {
        let body = "5;name=value\r\nhello\r\n6 ; quoted=\"a;b\"\r\n world\r\n000000000000000000001\r\n!\r\n"
            + "0;last=yes\r\nX-Trailer: one\r\nX-Other: two\r\n\r\n"
        let responses = try expectEachServed([
            Self.post + "Transfer-Encoding: chunked\r\n\r\n" + body,
            Self.post + "Transfer-Encoding: chunked\r\n\r\n0\r\n\r\n",
        ])
        #expect(responses.map(\.text) == ["hello world!", ""])
    }

    @Test("RFC 9112 §7.1: a malformed chunk gets 400 and the connection closes", arguments: [
        "zz\r\nhello\r\n0\r\n\r\n", "5\r\nhelloXX0\r\n\r\n", "-5\r\nhello\r\n0\r\n\r\n", "0x5\r\nhello\r\n0\r\n\r\n",
        ";ext\r\nhello\r\n0\r\n\r\n", "5\r\nhello\r\n0\r\r\n\r\n",
    ])
    func malformedChunkIsRejected(body: String) throws {
        try expectEachRejected([Self.post + "Transfer-Encoding: chunked\r\n\r\n" + body], status: 400)
    }

    @Test("RFC 9112 §7.1: a chunk size beyond any integer is refused (413), not wrapped around")
    func hugeChunkSizeIsRefused() throws {
        try expectEachRejected([Self.post + "Transfer-Encoding: chunked\r\n\r\n10000000000000001\r\nhello\r\n0\r\n\r\n"], status: 413)
    }
}
