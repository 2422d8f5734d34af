public import Foundation

/// The body of every delivery: `{"id":…,"event":…,"timestamp":…,"chatbotId":…,"data":…}` as compact UTF-8 JSON.
///
/// The body is built once, when the delivery is queued, and stored: every attempt sends the same bytes, so
/// receivers can deduplicate and signatures stay comparable across retries.
public enum DeliveryEnvelope {
    /// Builds the delivery body:
    /// `{"id":"<deliveryId>","event":"<eventType>","timestamp":"2025-01-15T10:30:00.000Z","chatbotId":"<chatbotId>","data":<dataJSON>}`.
    ///
    /// Keys come in that order with no whitespace; strings are escaped as `JSON.stringify` escapes them (`/` and
    /// non-ASCII characters are not escaped); `timestamp` is ISO 8601 UTC with milliseconds. The same inputs
    /// always give the same bytes.
    ///
    /// - Parameter dataJSON: The event's `data`, inserted verbatim. Pass the output of `canonicalData(_:)` so the
    ///   whole body equals `JSON.stringify(JSON.parse(body))`, which receivers that re-serialise before checking
    ///   the signature (seed 003's verifier) depend on.
    public static func body(
        deliveryId: String,
        eventType: String,
        timestamp: Date,
        chatbotId: String,
        dataJSON: [UInt8]
    ) -> [UInt8] {
        var output = Array(#"{"id":"#.utf8)
        JSONStringEscaper.appendQuoted(deliveryId, to: &output)
        output += Array(#","event":"#.utf8)
        JSONStringEscaper.appendQuoted(eventType, to: &output)
        output += Array(#","timestamp":"#.utf8)
        JSONStringEscaper.appendQuoted(WireTimestamp.iso8601(timestamp), to: &output)
        output += Array(#","chatbotId":"#.utf8)
        JSONStringEscaper.appendQuoted(chatbotId, to: &output)
        output += Array(#","data":"#.utf8)
        output += dataJSON
        output.append(UInt8(ascii: "}"))
        return output
    }

    /// Parses a producer's `data` JSON strictly (RFC 8259) and re-serialises it exactly as JavaScript's
    /// `JSON.stringify(JSON.parse(json))` would: no whitespace, member order kept (array-index keys such as `"7"`
    /// first, ascending, as in every JavaScript object), the last of duplicate keys winning in the first one's
    /// place, strings escaped like `JSON.stringify`, and numbers printed as JavaScript prints doubles
    /// (`1E+2` → `100`, `-0` → `0`, `0.10` → `0.1`, `1e21` → `1e+21`).
    ///
    /// Numbers: every number is read as an IEEE 754 double, as `JSON.parse` does, except that an integer literal
    /// beyond ±(2^53 − 1) is refused rather than silently rounded (JavaScript receivers would see a different
    /// value; such identifiers belong in strings), and a number too large for a double (`1e400`) is refused rather
    /// than becoming `null`. Fractions are rounded to the nearest double, like every JSON reader that uses doubles.
    ///
    /// - Throws: `JSONDataError` for malformed JSON (trailing commas, single quotes, raw control characters in
    ///   strings, leading zeros, invalid UTF-8, trailing content, ...), the refused numbers above, or nesting
    ///   deeper than 64 arrays and objects (`JSONCanonicalizer.maximumDepth`).
    public static func canonicalData(_ json: [UInt8]) throws(JSONDataError) -> [UInt8] {
        try JSONCanonicalizer.canonicalize(json)
    }

    /// The canonical form of member `name` of the JSON object `json` (as ``canonicalData(_:)`` would write that
    /// member's value), `nil` when `json` is not an object or has no such member. The whole input is validated.
    public static func canonicalMember(_ name: String, ofObject json: [UInt8]) throws(JSONDataError) -> [UInt8]? {
        guard let members = try JSONCanonicalizer.canonicalMembers(json) else { return nil }
        let key = [UInt8(ascii: "\"")] + Array(name.utf8) + [UInt8(ascii: "\"")]
        return members.first { $0.key == key }?.value
    }
}
