@testable import API
import Foundation
import Testing

@Suite struct JSONTests {
    func text(_ value: JSON.Value) -> String { String(decoding: JSON.encode(value), as: UTF8.self) }

    @Test func encodesCompactlyWithSortedKeysAndUnescapedSlashes() {
        let value: JSON.Value = ["b": 1, "a": [true, false, nil], "url": "https://x.example/a?b=c", "é": "ü 😀"]
        #expect(text(value) == #"{"a":[true,false,null],"b":1,"url":"https://x.example/a?b=c","é":"ü 😀"}"#)
    }

    @Test func escapesQuotesBackslashesAndControlCharacters() {
        #expect(text(["k": "a\"b\\c\nd\u{01}"]) == #"{"k":"a\"b\\c\nd\u0001"}"#)
    }

    @Test func keepsNumbersAndBooleansFromJSONSerializationApart() throws {
        let parsed = try JSONSerialization.jsonObject(with: Data(#"{"t":true,"one":1,"half":0.5,"zero":0}"#.utf8))
        #expect(text(JSON.Value(parsed: parsed)) == #"{"half":0.5,"one":1,"t":true,"zero":0}"#)
    }

    @Test func parsedDocumentsAreWrittenBackWithSortedKeys() throws {
        let document = #"{"z":{"b":[1,2.5,"x"],"a":null},"flag":false,"big":1e300}"#
        let parsed = try JSONSerialization.jsonObject(with: Data(document.utf8))
        #expect(text(JSON.Value(parsed: parsed)) == #"{"big":1e+300,"flag":false,"z":{"a":null,"b":[1,2.5,"x"]}}"#)
    }

    @Test func outputParsesBackToTheSameValues() throws {
        let value: JSON.Value = ["list": [1, .double(2.5), "x"], "nested": ["n": nil], "flag": false]
        let back = try #require(try JSONSerialization.jsonObject(with: Data(JSON.encode(value))) as? [String: Any])
        #expect(back["flag"] as? Bool == false)
        #expect((back["list"] as? [Any])?.count == 3)
    }

    @Test func typedObjectsKeepTheirMemberOrderAndNest() {
        let typed = JSON.Value.object([("z", .int(1)), ("a", .object([("k", .string("v"))])), ("m", .array([.object([])])),
                                       ("n", .null), ("b", .bool(false))])
        #expect(text(["list": [typed]]) == #"{"list":[{"z":1,"a":{"k":"v"},"m":[{}],"n":null,"b":false}]}"#)
    }

    @Test func typedStringsAreEscapedLikeAnyOther() {
        let tricky = "a\"b\\c\nd\u{01}/é😀</script>"
        #expect(text(.string(tricky)) == #""a\"b\\c\nd\u0001/é😀</script>""#)
    }

    @Test func typedUUIDsAndDatesUseTheAPIsForms() throws {
        let id = try #require(UUID(uuidString: "123E4567-E89B-12D3-A456-426614174000"))
        #expect(text(.uuid(id)) == #""123e4567-e89b-12d3-a456-426614174000""#)
        let date = Date(timeIntervalSince1970: 1_736_937_000.123)
        #expect(text(.date(date)) == #""2025-01-15T10:30:00.123Z""#)
        #expect(text(.date(nil)) == "null")
    }
}
