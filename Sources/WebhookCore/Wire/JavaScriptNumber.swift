/// Prints a finite `Double` exactly as JavaScript's `Number.prototype.toString()` (ECMA-262 `Number::toString`)
/// and therefore `JSON.stringify` print it: `0` for both zeros, plain digits up to 21 integer digits
/// (`100`, `12345678901234567000`), decimals down to 1e-6 (`0.000001`), and exponent form otherwise
/// (`1e+21`, `1.5e-7`).
///
/// The significant digits are the shortest that round-trip, which is what Swift's `description` produces;
/// only the layout differs, so this re-lays out those digits.
enum JavaScriptNumber {
    /// The JavaScript rendering of `value`, which must be finite.
    static func format(_ value: Double) -> String {
        precondition(value.isFinite, "JavaScriptNumber: non-finite values have no JSON form")
        if value == 0 { return "0" }
        let (digits, exponent) = decimalDigits(of: value.magnitude)
        return (value < 0 ? "-" : "") + layout(digits: digits, pointPosition: exponent)
    }

    /// The shortest round-tripping significant digits `d1 d2 ... dk` (no leading or trailing zeros) and the
    /// position `n` of the decimal point, so that `value == 0.d1d2...dk × 10^n`.
    private static func decimalDigits(of value: Double) -> (digits: [UInt8], pointPosition: Int) {
        let text = Array(value.description.utf8)  // e.g. "0.001", "1.5e-07", "1e+16", "123.0"
        let exponentIndex = text.firstIndex(of: UInt8(ascii: "e")) ?? text.endIndex
        let mantissa = text[..<exponentIndex]
        let exponent = exponentIndex < text.endIndex ? Int(String(decoding: text[(exponentIndex + 1)...], as: UTF8.self)) ?? 0 : 0
        var digits = mantissa.filter { $0 != UInt8(ascii: ".") }
        var pointPosition = (mantissa.firstIndex(of: UInt8(ascii: ".")) ?? mantissa.endIndex) + exponent
        while digits.first == UInt8(ascii: "0") {
            digits.removeFirst()
            pointPosition -= 1
        }
        while digits.last == UInt8(ascii: "0") {
            digits.removeLast()
        }
        return (digits, pointPosition)
    }

    /// Lays out `0.digits × 10^pointPosition` by the rules of ECMA-262 `Number::toString`, steps 6–10.
    private static func layout(digits: [UInt8], pointPosition n: Int) -> String {
        let k = digits.count
        let text = String(decoding: digits, as: UTF8.self)
        if k <= n && n <= 21 {
            return text + String(repeating: "0", count: n - k)
        }
        if 0 < n && n <= 21 {
            return String(text.prefix(n)) + "." + String(text.dropFirst(n))
        }
        if -6 < n && n <= 0 {
            return "0." + String(repeating: "0", count: -n) + text
        }
        let exponent = n - 1
        let sign = exponent < 0 ? "-" : "+"
        let significand = k == 1 ? text : String(text.prefix(1)) + "." + String(text.dropFirst())
        return significand + "e" + sign + String(exponent.magnitude)
    }
}
