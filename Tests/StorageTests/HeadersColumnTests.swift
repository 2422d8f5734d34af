import Foundation
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

    @Test func sealedValuesAreStoredAsCiphertextOnlyAndReadBackSealed() throws {
        let headers = [WebhookHeader(name: "Authorization", sealedValue: [0x00, 0xff, 0x10]),
                       WebhookHeader(name: "X-Plain", value: "visible")]
        let text = HeadersColumn.text(headers)
        let entries = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [[String: String]])
        #expect(entries == [["name": "Authorization", "sealed": "AP8Q"], ["name": "X-Plain", "value": "visible"]])
        #expect(HeadersColumn.headers(fromText: text) == headers)
    }

    @Test func credentialsStoredInClearBeforeSealingReadAsSensitive() {
        let headers = HeadersColumn.headers(fromText: #"[{"name":"X-Api-Key","value":"k-1"},{"name":"X-Plain","value":"p"}]"#)
        #expect(headers.map(\.isSensitive) == [true, false])
        #expect(headers.map(\.value) == ["k-1", "p"])
    }
}
