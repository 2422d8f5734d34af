@testable import API
import Foundation
import Testing

@Suite struct JSONTests {
    func text(_ value: Any) -> String { String(decoding: JSON.encode(value), as: UTF8.self) }

    @Test func encodesCompactlyWithSortedKeysAndUnescapedSlashes() {
        let value: [String: Any] = ["b": 1, "a": [true, false, NSNull()], "url": "https://x.example/a?b=c", "é": "ü 😀"]
        #expect(text(value) == #"{"a":[true,false,null],"b":1,"url":"https://x.example/a?b=c","é":"ü 😀"}"#)
    }

    @Test func escapesQuotesBackslashesAndControlCharacters() {
        #expect(text(["k": "a\"b\\c\nd\u{01}"]) == #"{"k":"a\"b\\c\nd\u0001"}"#)
    }

    @Test func keepsNumbersAndBooleansFromJSONSerializationApart() throws {
        let parsed = try JSONSerialization.jsonObject(with: Data(#"{"t":true,"one":1,"half":0.5,"zero":0}"#.utf8))
        #expect(text(parsed) == #"{"half":0.5,"one":1,"t":true,"zero":0}"#)
    }

    @Test func outputParsesBackToTheSameValues() throws {
        let value: [String: Any] = ["list": [1, 2.5, "x"], "nested": ["n": NSNull()], "flag": false]
        let back = try #require(try JSONSerialization.jsonObject(with: Data(JSON.encode(value))) as? [String: Any])
        #expect(back["flag"] as? Bool == false)
        #expect((back["list"] as? [Any])?.count == 3)
    }

    @Test func orderedObjectsKeepTheirMemberOrderAndNest() {
        let ordered = JSON.Ordered(members: [("z", 1), ("a", JSON.Ordered(members: [("k", "v")])), ("m", [JSON.Ordered(members: [])])])
        #expect(text(["list": [ordered]]) == #"{"list":[{"z":1,"a":{"k":"v"},"m":[{}]}]}"#)
    }
}
