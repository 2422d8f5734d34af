@testable import WebhookCore
import Testing

@Suite struct JSONStringEscaperTests {
    func quoted(_ string: String) -> String {
        var output: [UInt8] = []
        JSONStringEscaper.appendQuoted(string, to: &output)
        return String(decoding: output, as: UTF8.self)
    }

    @Test func escapesAsJSONStringifyDoes() {
        #expect(quoted("a\"b\\c/d") == #""a\"b\\c/d""#)
        #expect(quoted("\u{08}\u{09}\u{0A}\u{0C}\u{0D}") == #""\b\t\n\f\r""#)
        #expect(quoted("\u{00}\u{01}\u{1F}\u{7F}") == "\"\\u0000\\u0001\\u001f\u{7F}\"")
        #expect(quoted("é😀\u{2028}</script>") == "\"é😀\u{2028}</script>\"")
        #expect(quoted("") == #""""#)
    }

    @Test func copyingPlainRunsWholeWritesWhatEscapingEachCharacterWrites() {
        var every = ""
        for value in 0..<0x80 { every.unicodeScalars.append(Unicode.Scalar(UInt8(value))) }
        for text in [every, every + "ü 😀" + every, "plain text", String(repeating: "\"\\\n", count: 50)] {
            var oneByOne: [UInt8] = [UInt8(ascii: "\"")]
            for scalar in text.unicodeScalars { JSONStringEscaper.append(scalar, to: &oneByOne) }
            oneByOne.append(UInt8(ascii: "\""))
            #expect(quoted(text) == String(decoding: oneByOne, as: UTF8.self))
        }
    }
}
