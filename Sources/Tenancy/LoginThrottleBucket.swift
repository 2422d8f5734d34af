import Cryptography
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Names the `login_throttle` buckets of a login attempt. Names carry a SHA-256, never the email or address in
/// clear, and have a fixed length whatever the input.
enum LoginThrottleBucket {
    /// The bucket of an account, from its normalised (trimmed, lowercased) email.
    static func account(_ normalizedEmail: String) -> String {
        "account:" + Hex.encode(SHA256.hash(normalizedEmail))
    }

    /// The bucket of a client address: an IPv6 address counts as its /64 (one subscriber usually holds a whole
    /// /64), an IPv4-mapped IPv6 address as the IPv4 address, anything else as its trimmed, lowercased text.
    static func address(_ clientAddress: String) -> String {
        "address:" + Hex.encode(SHA256.hash(normalizedAddress(clientAddress)))
    }

    /// The text an address is counted under.
    static func normalizedAddress(_ clientAddress: String) -> String {
        var text = clientAddress.trimmingCharacters(in: .whitespaces).lowercased()
        if text.hasPrefix("["), let end = text.firstIndex(of: "]") {
            text = String(text[text.index(after: text.startIndex)..<end])
        }
        if let zone = text.firstIndex(of: "%") {
            text = String(text[..<zone])
        }
        var bytes = [UInt8](repeating: 0, count: 16)
        guard text.contains(":"), inet_pton(AF_INET6, text, &bytes) == 1 else { return text }
        if bytes[0..<10].allSatisfy({ $0 == 0 }), bytes[10] == 0xFF, bytes[11] == 0xFF {
            return bytes[12..<16].map(String.init).joined(separator: ".")
        }
        return Hex.encode(Array(bytes[0..<8])) + "::/64"
    }
}
