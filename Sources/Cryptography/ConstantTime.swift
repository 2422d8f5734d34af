internal import COpenSSL

/// Comparisons whose running time does not depend on the contents being compared.
public enum ConstantTime {
    /// Returns whether `a` and `b` are equal, in time independent of their contents.
    ///
    /// Lengths are not secret: inputs of different lengths return `false` without looking at any byte.
    public static func equals(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        a.count == b.count && CRYPTO_memcmp(a, b, a.count) == 0
    }

    /// Returns whether the UTF-8 encodings of `a` and `b` are equal, in time independent of their contents
    /// (e.g. to compare an expected hex signature with a received header).
    public static func equals(_ a: some StringProtocol, _ b: some StringProtocol) -> Bool {
        equals(Array(a.utf8), Array(b.utf8))
    }
}
