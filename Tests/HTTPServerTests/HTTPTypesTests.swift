import Testing
@testable import HTTPServer

@Suite("HTTP types")
struct HTTPTypesTests {
    @Test func headersAddSetAndRemoveCaseInsensitively() {
        var headers: HTTPHeaders = ["Content-Type": "text/plain"]
        headers.add(name: "Set-Cookie", value: "a=1")
        headers.add(name: "set-cookie", value: "b=2")
        #expect(headers.values(for: "SET-COOKIE") == ["a=1", "b=2"])
        headers.set(name: "Set-Cookie", value: "c=3")
        #expect(headers.values(for: "set-cookie") == ["c=3"])
        #expect(headers.count == 2)
        headers.remove(name: "CONTENT-type")
        #expect(headers["Content-Type"] == nil)
        #expect(headers.contains("set-cookie"))
    }

    @Test func statusesCompareByCodeAndNameTheirErrorCode() {
        #expect(HTTPStatus.payloadTooLarge.snakeCaseName == "payload_too_large")
        #expect(HTTPStatus.requestHeaderFieldsTooLarge.snakeCaseName == "request_header_fields_too_large")
        #expect(HTTPStatus.unprocessableContent.snakeCaseName == "unprocessable_content")
        #expect(HTTPStatus(code: 404, reasonPhrase: "Nope") == .notFound)
        #expect(HTTPStatus(code: 42, reasonPhrase: "x").code == 100)
    }

    @Test func errorResponsesAreEscapedJSON() {
        let response = HTTPResponse.error(.badRequest, code: "bad_input", message: "Field \"name\" is\nrequired\u{1}")
        #expect(String(decoding: response.body, as: UTF8.self)
            == #"{"error":{"code":"bad_input","message":"Field \"name\" is\nrequired\u0001"}}"#)
        #expect(response.headers["content-type"] == "application/json")
    }

    @Test func responseHeadIsSerializedWithServerFieldsAndNoInjection() {
        var response = HTTPResponse.text(.created, "hi")
        response.headers.add(name: "Content-Length", value: "999")
        response.headers.add(name: "X-Evil", value: "a\r\nInjected: yes")
        response.headers.add(name: "Bad Name", value: "dropped")
        var buffer: [UInt8] = []
        ResponseHeadWriter.write(response, contentLength: 2, connection: .close, date: Array("DATE".utf8), into: &buffer)
        let head = String(decoding: buffer, as: UTF8.self)
        #expect(head == "HTTP/1.1 201 Created\r\nContent-Type: text/plain; charset=utf-8\r\nX-Evil: a  Injected: yes\r\n"
            + "Content-Length: 2\r\nDate: DATE\r\nConnection: close\r\n\r\n")
    }

    @Test func requestIDsFromClientsMustBeSane() {
        #expect(RequestContext.isSaneRequestID("abc-123_x.y:z"))
        #expect(!RequestContext.isSaneRequestID(""))
        #expect(!RequestContext.isSaneRequestID("has space"))
        #expect(!RequestContext.isSaneRequestID(String(repeating: "a", count: 129)))
        var generator = RequestIDGenerator()
        let first = generator.next()
        #expect(first.count == 12)
        #expect(first != generator.next())
    }

    @Test func dateHeaderIsAnIMFFixdate() {
        var cache = DateCache()
        cache.refresh()
        let text = String(decoding: cache.bytes, as: UTF8.self)
        #expect(text.count == 29)
        #expect(text.hasSuffix(" GMT"))
        #expect(text.dropFirst(3).hasPrefix(", "))
    }
}

extension HTTPTypesTests {
    @Test func trimsOnlySpacesAndTabsAndKeepsMultibyteCharacters() {
        #expect(" \t café \t".dropFirst(0).trimmingSpacesAndTabs == "café")
        #expect("   ".dropFirst(0).trimmingSpacesAndTabs.isEmpty)
        #expect("é".dropFirst(0).trimmingSpacesAndTabs == "é")
    }
}
