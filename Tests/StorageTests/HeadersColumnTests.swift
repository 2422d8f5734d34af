@testable import Storage
import Testing
import WebhookCore

@Suite struct HeadersColumnTests {
    @Test func customHeadersComeInStoredOrderFromEitherJSONShape() {
        let array = HeadersColumn.headers(fromText: #"[{"name":"B","value":"2"},{"name":"A","value":"1"}]"#)
        #expect(array.map(\.name) == ["B", "A"])
        #expect(array.map(\.value) == ["2", "1"])
        let object = HeadersColumn.headers(fromText: #"{"X-Custom": "yes"}"#)
        #expect(object.map(\.name) == ["X-Custom"] && object.map(\.value) == ["yes"])
        #expect(HeadersColumn.headers(fromText: "[]").isEmpty)
        #expect(HeadersColumn.headers(fromText: "not json").isEmpty)
    }

    @Test func headersReadBackAsWritten() {
        let headers = [WebhookHeader(name: "X-B", value: "2 \"quoted\""), WebhookHeader(name: "X-A", value: "é")]
        #expect(HeadersColumn.headers(fromText: HeadersColumn.text(headers)) == headers)
        #expect(HeadersColumn.text([]) == "[]")
    }
}
