import Testing
import WebhookCore

@Suite struct CanonicalDataTests {
    /// Inputs `JSON.parse` accepts, chosen for every way re-serialisation can differ from the input text.
    static let corpus: [String: String] = [
        "escaped-solidus": #"{"path":"\/a\/b","url":"https://x.example/y"}"#,
        "unicode-escapes": #""\u00e9\u00C9\u4e2d \u0041""#,
        "raw-utf8": #""é中😀 Zoë""#,
        "surrogate-pair-escape": #""\ud83d\ude00\uD83D\uDE80""#,
        "lone-surrogates": #"["\ud800","\udc00x","\ud800\u0041","\udc00\ud800","\ud800\ud800\udc00"]"#,
        "control-characters": #""\u0000\u0001\b\f\n\r\t\u001f\u0020\u007f""#,
        "line-separators": "\"\\u2028\\u2029 raw:\u{2028}\u{2029}\"",
        "quotes-backslashes": #""\"quoted\" back\\slash \\\" \/""#,
        "html": #""</script><!-- & <b>""#,
        "whitespace": " \t\n\r{ \"a\" : [ 1 , 2 ] ,\n \"b\" : { } , \"c\" : [ ] } \r\n",
        "literals": "[true,false,null]",
        "top-level-string": #""text""#,
        "top-level-number": "42",
        "top-level-null": "null",
        "empty-containers": #"{"a":[],"b":{},"":[{}]}"#,
        "duplicate-keys": #"{"a":1,"b":2,"a":3}"#,
        "duplicate-nested": #"{"a":{"x":1},"b":0,"a":{"y":[2]}}"#,
        "duplicate-via-escape": #"{"\u0061":1,"a":2,"b":3}"#,
        "array-index-keys": #"{"b":1,"2":2,"a":3,"1":4,"01":5,"-1":6,"4294967294":7,"4294967295":8,"1.5":9," 3":10,"0":11}"#,
        "proto-keys": #"{"__proto__":{"x":1},"constructor":2,"toString":3}"#,
        "integers": "[0,-0,1,-1,9007199254740991,-9007199254740991,1234567890123456]",
        "fractions": "[0.1,0.5,1.5,2.50,-0.0,0.30000000000000004,100e-2,1.0,3.141592653589793238462643]",
        "exponents": "[1e0,1E0,1e+0,1e-0,0e5,-0e-5,10E-1,1E+2,1e21,1e20,1e-6,1e-7,123e-20,1.5e300]",
        "extremes": "[5e-324,2.2250738585072014e-308,1.7976931348623157e308,1e-400,12345678901234567890e0,123456789012345678901234567890.5]",
        "small-decimals": "[0.000001,0.0000001,0.00000123,-0.0000012345]",
        "deep-nesting-64": String(repeating: "[", count: 63) + #"{"x":1}"# + String(repeating: "]", count: 63),
        "long-ascii": "\"" + (0x20...0x7E).map { String(UnicodeScalar(UInt8($0))) }.filter { $0 != "\"" && $0 != "\\" }.joined() + "\"",
        "seed-004-lead": #"{"id":"clp123abc456","tags":["website","inquiry"],"customFields":{"budget":"10000","timeline":"Q1 2024"},"createdAt":"2023-11-04T15:30:56.789Z"}"#,
        "hard-data": ReceiverCase.hardData,
    ]

    @Test func matchesNodeJSONStringifyByteForByte() throws {
        let node = try NodeJSON.stringifyParsed(Self.corpus.mapValues { Array($0.utf8) })
        for (name, text) in Self.corpus.sorted(by: { $0.key < $1.key }) {
            let ours = try DeliveryEnvelope.canonicalData(Array(text.utf8))
            let theirs = try #require(node[name] ?? nil, "Node rejected \(name)")
            #expect(String(decoding: ours, as: UTF8.self) == String(decoding: theirs, as: UTF8.self), "\(name)")
            #expect(ours == theirs, "\(name)")
        }
    }

    @Test func matchesNodeOnThousandsOfRandomDoubles() throws {
        var generator = SplitMix64(seed: 0x5EED_0000_0000_0003)
        var values: [String] = []
        while values.count < 2_000 {
            let value = values.count.isMultiple(of: 2)
                ? Double(bitPattern: generator.next())
                : Double(Int64(bitPattern: generator.next() >> 20)) / pow10(Int(generator.next() % 30))
            if value.isFinite { values.append(value.description) }
        }
        let input = Array(("[" + values.joined(separator: ",") + "]").utf8)
        let node = try NodeJSON.stringifyParsed(["doubles": input])
        let theirs = try #require(node["doubles"] ?? nil)
        #expect(String(decoding: try DeliveryEnvelope.canonicalData(input), as: UTF8.self)
            == String(decoding: theirs, as: UTF8.self))
    }

    @Test func malformedJSONThrowsAsJSONParseDoes() throws {
        let malformed: [String: [UInt8]] = [
            "trailing-comma-array": "[1,2,]", "trailing-comma-object": #"{"a":1,}"#, "single-quotes": "{'a':1}",
            "raw-tab-in-string": "\"a\tb\"", "raw-newline-in-string": "\"a\nb\"", "lone-minus": "-",
            "leading-zero": "01", "negative-leading-zero": "-01", "bare-fraction": ".5", "trailing-point": "1.",
            "empty-exponent": "1e", "plus-sign": "+1", "unterminated-string": #""abc"#, "invalid-escape": #""\x41""#,
            "short-unicode-escape": #""\u12""#, "non-hex-unicode-escape": #""\u12G4""#, "empty": "", "only-whitespace": " \n",
            "two-values": "{} {}", "nan": "NaN", "infinity": "-Infinity", "comment": "// c\n{}", "missing-colon": #"{"a" 1}"#,
            "number-key": "{1:2}", "missing-comma": "[1 2]", "unquoted-key": "{a:1}", "truncated-literal": "tru",
            "uppercase-literal": "True", "unclosed-array": "[1,2", "unclosed-object": #"{"a":1"#, "hex-number": "0x10",
        ].mapValues { Array($0.utf8) }
        let node = try NodeJSON.stringifyParsed(malformed)
        for (name, bytes) in malformed.sorted(by: { $0.key < $1.key }) {
            #expect(node[name] ?? nil == nil, "Node should reject \(name) too")
            #expect(throws: JSONDataError.self, "\(name)") { try DeliveryEnvelope.canonicalData(bytes) }
        }
    }

    @Test(arguments: [
        "12345678901234567890", "9007199254740992", "-9007199254740993", "[1,18446744073709551616]",
        "1e400", "-1.5e309",
    ])
    func numbersJavaScriptWouldChangeAreRefused(_ text: String) {
        #expect(throws: JSONDataError.self) { try DeliveryEnvelope.canonicalData(Array(text.utf8)) }
    }

    @Test func nestingIsLimitedTo64Levels() throws {
        let nested = { (depth: Int) in Array((String(repeating: "[", count: depth) + String(repeating: "]", count: depth)).utf8) }
        #expect(try DeliveryEnvelope.canonicalData(nested(64)) == nested(64))
        #expect(throws: JSONDataError.self) { try DeliveryEnvelope.canonicalData(nested(65)) }
        #expect(throws: JSONDataError.self) { try DeliveryEnvelope.canonicalData(nested(1_000)) }
        #expect(throws: JSONDataError.self) {
            try DeliveryEnvelope.canonicalData(Array((String(repeating: #"{"a":"#, count: 65) + "1" + String(repeating: "}", count: 65)).utf8))
        }
    }

    @Test(arguments: [[0x22, 0xC3, 0x22], [0x22, 0xC0, 0xAF, 0x22], [0x22, 0xED, 0xA0, 0x80, 0x22], [0x22, 0xF4, 0x90, 0x80, 0x80, 0x22],
                      [0xEF, 0xBB, 0xBF, 0x7B, 0x7D]] as [[UInt8]])
    func invalidUTF8AndByteOrderMarksAreRefused(_ bytes: [UInt8]) {
        #expect(throws: JSONDataError.self) { try DeliveryEnvelope.canonicalData(bytes) }
    }

    @Test func errorsSayWhereAndWhat() {
        #expect(throws: JSONDataError(offset: 3, message: "expected a value")) {
            try DeliveryEnvelope.canonicalData(Array("[1,x]".utf8))
        }
        #expect(JSONDataError(offset: 3, message: "expected a digit").description == "invalid JSON at byte 3: expected a digit")
    }

    private func pow10(_ exponent: Int) -> Double {
        (0..<exponent).reduce(1.0) { value, _ in value * 10 }
    }
}
