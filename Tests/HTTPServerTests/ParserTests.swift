import Testing
@testable import HTTPServer

/// Parses every complete request of `text`, fed at once or in chunks of `chunkSize` bytes.
private func parse(_ text: String, chunkSize: Int? = nil, limits: HTTPParserLimits = HTTPParserLimits()) throws(HTTPParseError) -> [HTTPRequest] {
    var parser = HTTPRequestParser(limits: limits, remoteAddress: "127.0.0.1")
    var requests: [HTTPRequest] = []
    let bytes = Array(text.utf8)
    let step = chunkSize ?? max(bytes.count, 1)
    var offset = 0
    repeat {
        parser.append(bytes[offset..<min(offset + step, bytes.count)])
        offset += step
        while let event = try parser.next() {
            if case .request(let request) = event { requests.append(request) }
        }
    } while offset < bytes.count
    return requests
}

/// The error the parser throws for `text`, or nil.
private func parseError(_ text: String, limits: HTTPParserLimits = HTTPParserLimits()) -> HTTPParseError? {
    do {
        _ = try parse(text, limits: limits)
        return nil
    } catch {
        return error
    }
}

@Suite("Request parser")
struct ParserTests {
    @Test func parsesSimpleGet() throws {
        let requests = try parse("GET /healthz HTTP/1.1\r\nHost: example.com\r\nUser-Agent: test\r\n\r\n")
        #expect(requests.count == 1)
        let request = try #require(requests.first)
        #expect(request.method == .get)
        #expect(request.path == "/healthz")
        #expect(request.rawTarget == "/healthz")
        #expect(request.query == nil)
        #expect(request.version == .http1_1)
        #expect(request.headers["Host"] == "example.com")
        #expect(request.body.isEmpty)
        #expect(request.remoteAddress == "127.0.0.1")
        #expect(request.wantsKeepAlive)
    }

    @Test func headerLookupIsCaseInsensitiveAndKeepsOrder() throws {
        let request = try #require(try parse("GET / HTTP/1.1\r\nHost: test\r\nX-Thing: one\r\nx-thing: two\r\nCONTENT-TYPE:  text/plain \r\n\r\n").first)
        #expect(request.headers["x-THING"] == "one")
        #expect(request.headers.values(for: "X-Thing") == ["one", "two"])
        #expect(request.headers["content-type"] == "text/plain")
        #expect(request.headers.map(\.name) == ["Host", "X-Thing", "x-thing", "CONTENT-TYPE"])
    }

    @Test func percentDecodesThePathAndKeepsTheRawTarget() throws {
        let request = try #require(try parse("GET /files/a%20b/c%2Fd?q=1 HTTP/1.1\r\nHost: test\r\n\r\n").first)
        #expect(request.path == "/files/a b/c/d")
        #expect(request.rawTarget == "/files/a%20b/c%2Fd?q=1")
        #expect(request.query == "q=1")
    }

    @Test func decodesQueryItems() throws {
        let request = try #require(try parse("GET /search?a=1&b=x+y&c&d=%41%42&&e=caf%C3%A9 HTTP/1.1\r\nHost: test\r\n\r\n").first)
        let items = request.queryItems.map { "\($0.name)=\($0.value)" }
        #expect(items == ["a=1", "b=x y", "c=", "d=AB", "e=café"])
        #expect(request.queryParameter("b") == "x y")
        #expect(request.queryParameter("missing") == nil)
    }

    @Test func rejectsMalformedPercentEscapesInThePath() {
        #expect(parseError("GET /a%zz HTTP/1.1\r\nHost: test\r\n\r\n") == .invalidTarget)
    }

    @Test func parsesPipelinedRequestsFromOneBuffer() throws {
        let text = "GET /one HTTP/1.1\r\nHost: test\r\n\r\n"
            + "POST /two HTTP/1.1\r\nHost: test\r\nContent-Length: 5\r\n\r\nhello"
            + "GET /three HTTP/1.1\r\nHost: test\r\n\r\n"
        let requests = try parse(text)
        #expect(requests.map(\.path) == ["/one", "/two", "/three"])
        #expect(requests[1].body == Array("hello".utf8))
    }

    @Test func parsesARequestSplitAcrossOneByteChunks() throws {
        let text = "POST /upload?x=1 HTTP/1.1\r\nHost: a\r\nContent-Length: 11\r\n\r\nhello world"
            + "GET /next HTTP/1.1\r\nHost: test\r\n\r\n"
        let requests = try parse(text, chunkSize: 1)
        #expect(requests.map(\.path) == ["/upload", "/next"])
        #expect(requests[0].body == Array("hello world".utf8))
        #expect(requests[0].headers["host"] == "a")
    }

    @Test func decodesChunkedBodyWithExtensionsAndTrailers() throws {
        let text = "POST /c HTTP/1.1\r\nHost: test\r\nTransfer-Encoding: chunked\r\n\r\n"
            + "5;name=value\r\nhello\r\n"
            + "6 ; quoted=\"x\"\r\n world\r\n"
            + "0\r\nX-Trailer: yes\r\n\r\n"
            + "GET /after HTTP/1.1\r\nHost: test\r\n\r\n"
        for chunkSize in [nil, 1, 7] {
            let requests = try parse(text, chunkSize: chunkSize)
            #expect(requests.map(\.path) == ["/c", "/after"])
            #expect(requests.first?.body == Array("hello world".utf8))
        }
    }

    @Test func rejectsAnInvalidChunkSize() {
        #expect(parseError("POST / HTTP/1.1\r\nHost: test\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nhello\r\n0\r\n\r\n") == .invalidChunk)
        #expect(parseError("POST / HTTP/1.1\r\nHost: test\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhelloXX0\r\n\r\n") == .invalidChunk)
    }

    @Test func rejectsContentLengthTogetherWithTransferEncoding() {
        let error = parseError("POST / HTTP/1.1\r\nHost: test\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n")
        #expect(error == .conflictingFraming)
        #expect(error?.status == .badRequest)
    }

    @Test func rejectsTransferCodingsOtherThanChunkedWith501() {
        let error = parseError("POST / HTTP/1.1\r\nHost: test\r\nTransfer-Encoding: gzip, chunked\r\n\r\n")
        #expect(error == .unsupportedTransferCoding)
        #expect(error?.status == .notImplemented)
    }

    @Test func rejectsAnOversizedHeaderSectionWith431() {
        var limits = HTTPParserLimits()
        limits.maxHeaderBytes = 1024
        let big = "GET / HTTP/1.1\r\nHost: test\r\nX-Big: " + String(repeating: "a", count: 2000) + "\r\n\r\n"
        #expect(parseError(big, limits: limits) == .headersTooLarge)
        // Also detected before the end of the head arrives.
        let unfinished = "GET / HTTP/1.1\r\nHost: test\r\nX-Big: " + String(repeating: "a", count: 2000)
        #expect(parseError(unfinished, limits: limits)?.status == .requestHeaderFieldsTooLarge)
    }

    @Test func rejectsAnOverlongRequestTargetWith414() {
        var limits = HTTPParserLimits()
        limits.maxRequestTargetBytes = 100
        let error = parseError("GET /" + String(repeating: "a", count: 200) + " HTTP/1.1\r\nHost: test\r\n\r\n", limits: limits)
        #expect(error == .targetTooLong)
        #expect(error?.status == .uriTooLong)
    }

    @Test func rejectsAnOversizedBodyAsSoonAsTheHeadArrives() {
        var limits = HTTPParserLimits()
        limits.maxBodyBytes = 10
        #expect(parseError("POST / HTTP/1.1\r\nHost: test\r\nContent-Length: 11\r\n\r\n", limits: limits) == .bodyTooLarge)
        #expect(parseError("POST / HTTP/1.1\r\nHost: test\r\nContent-Length: 99999999999999999999\r\n\r\n", limits: limits) == .bodyTooLarge)
        let chunked = "POST / HTTP/1.1\r\nHost: test\r\nTransfer-Encoding: chunked\r\n\r\n8\r\n12345678\r\n8\r\n"
        #expect(parseError(chunked, limits: limits) == .bodyTooLarge)
    }

    @Test(arguments: [
        "GARBAGE\r\n\r\n",
        "GET /\r\n\r\n",
        "GET  / HTTP/1.1\r\nHost: test\r\n\r\n",
        "GET / HTTP/1.1 extra\r\n\r\n",
        "GET / HTTX/1.1\r\n\r\n",
        "G(T / HTTP/1.1\r\nHost: test\r\n\r\n",
        "GET /a\u{1}b HTTP/1.1\r\nHost: test\r\n\r\n",
    ])
    func rejectsABadRequestLine(text: String) {
        #expect(parseError(text)?.status == .badRequest)
    }

    @Test func rejectsHTTP2OnTheRequestLineWith505() {
        #expect(parseError("GET / HTTP/2.0\r\n\r\n") == .unsupportedVersion)
    }

    @Test func rejectsANonNumericContentLength() {
        #expect(parseError("POST / HTTP/1.1\r\nHost: test\r\nContent-Length: 12abc\r\n\r\n") == .invalidContentLength)
        #expect(parseError("POST / HTTP/1.1\r\nHost: test\r\nContent-Length: -1\r\n\r\n") == .invalidContentLength)
        #expect(parseError("POST / HTTP/1.1\r\nHost: test\r\nContent-Length: \r\n\r\n") == .invalidContentLength)
    }

    @Test func acceptsRepeatedEqualContentLengthsButNotDifferentOnes() throws {
        let same = try parse("POST / HTTP/1.1\r\nHost: test\r\nContent-Length: 2\r\nContent-Length: 2, 2\r\n\r\nok")
        #expect(same.first?.body == Array("ok".utf8))
        #expect(parseError("POST / HTTP/1.1\r\nHost: test\r\nContent-Length: 2\r\nContent-Length: 3\r\n\r\nok!") == .invalidContentLength)
    }

    @Test func rejectsObsoleteLineFolding() {
        #expect(parseError("GET / HTTP/1.1\r\nHost: test\r\nX-A: one\r\n two\r\n\r\n") == .obsoleteLineFolding)
    }

    @Test func rejectsAHeaderNameWithSpaces() {
        #expect(parseError("GET / HTTP/1.1\r\nHost: test\r\nBad Name: x\r\n\r\n") == .invalidHeader)
        #expect(parseError("GET / HTTP/1.1\r\nHost : x\r\n\r\n") == .invalidHeader)
        #expect(parseError("GET / HTTP/1.1\r\nHost: test\r\nNoColon\r\n\r\n") == .invalidHeader)
    }

    @Test func toleratesBareLineFeedsAndLeadingEmptyLines() throws {
        let requests = try parse("\r\n\nGET /lf HTTP/1.1\nHost: a\n\nGET /next HTTP/1.1\r\nHost: test\r\n\r\n")
        #expect(requests.map(\.path) == ["/lf", "/next"])
        #expect(requests.first?.headers["Host"] == "a")
    }

    @Test func computesKeepAliveFromVersionAndConnectionHeader() throws {
        #expect(try parse("GET / HTTP/1.1\r\nHost: test\r\n\r\n").first?.wantsKeepAlive == true)
        #expect(try parse("GET / HTTP/1.1\r\nHost: test\r\nConnection: Close\r\n\r\n").first?.wantsKeepAlive == false)
        #expect(try parse("GET / HTTP/1.0\r\n\r\n").first?.wantsKeepAlive == false)
        #expect(try parse("GET / HTTP/1.0\r\nConnection: keep-alive\r\n\r\n").first?.wantsKeepAlive == true)
    }

    @Test func announcesExpectContinueOnceBeforeTheBodyArrives() throws {
        var parser = HTTPRequestParser()
        parser.append(Array("POST /up HTTP/1.1\r\nHost: test\r\nExpect: 100-continue\r\nContent-Length: 3\r\n\r\n".utf8))
        guard case .expectContinue = try parser.next() else {
            Issue.record("expected expectContinue")
            return
        }
        #expect(try parser.next() == nil)
        parser.append(Array("abc".utf8))
        guard case .request(let request) = try parser.next() else {
            Issue.record("expected a request")
            return
        }
        #expect(request.body == Array("abc".utf8))
    }

    @Test func acceptsAbsoluteFormTargets() throws {
        let request = try #require(try parse("GET http://example.com/a/b?c=d HTTP/1.1\r\nHost: test\r\n\r\n").first)
        #expect(request.path == "/a/b")
        #expect(request.query == "c=d")
        // RFC 9112 §3.2.2: the target's authority replaces the Host field.
        #expect(request.headers.values(for: "Host") == ["example.com"])
    }

    @Test func reportsItsPhaseAndKeepsFailing() throws {
        var parser = HTTPRequestParser()
        #expect(parser.phase == .idle)
        parser.append(Array("POST / HTTP/1.1\r\nHost: test\r\nContent-Len".utf8))
        #expect(try parser.next() == nil)
        #expect(parser.phase == .head)
        parser.append(Array("gth: 4\r\n\r\nab".utf8))
        #expect(try parser.next() == nil)
        #expect(parser.phase == .body)

        var failing = HTTPRequestParser()
        failing.append(Array("BAD\r\n\r\n".utf8))
        #expect(throws: HTTPParseError.invalidRequestLine) { try failing.next() }
        #expect(throws: HTTPParseError.invalidRequestLine) { try failing.next() }
    }

    @Test func rejectsRequestsWhoseHostIsMissingRepeatedOrMalformed() {
        #expect(parseError("GET / HTTP/1.1\r\n\r\n") == .missingHost)
        #expect(parseError("GET / HTTP/1.0\r\nHost: a\r\nHost: a\r\n\r\n") == .duplicateHost)
        #expect(parseError("GET / HTTP/1.1\r\nHost: a b\r\n\r\n") == .invalidHost)
        #expect(parseError("GET http://u@a/ HTTP/1.1\r\nHost: a\r\n\r\n") == .invalidHost)
    }

    @Test func rejectsChunkedThatIsNotTheLastCodingWith400() {
        let error = parseError("POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked, gzip\r\n\r\n")
        #expect(error == .invalidTransferEncoding)
        #expect(error?.status == .badRequest)
    }

    @Test func treatsAHigherMinorVersionAsHTTP11() throws {
        let request = try #require(try parse("GET / HTTP/1.7\r\nHost: a\r\n\r\n").first)
        #expect(request.version == .http1_1)
        #expect(request.wantsKeepAlive)
    }

    @Test func refusesExpectationsOtherThan100ContinueWith417() {
        let error = parseError("POST / HTTP/1.1\r\nHost: a\r\nExpect: x-fast\r\nContent-Length: 1\r\n\r\nx")
        #expect(error == .unsupportedExpectation)
        #expect(error?.status == .expectationFailed)
    }
}
