import Cryptography
import Foundation
import WebhookCore

/// Names the `login_throttle` buckets of a login attempt. Names carry a SHA-256, never the email or address in
/// clear, and have a fixed length whatever the input.
struct LoginThrottleBucket {
    /// The account's bucket: failures from every address, for the account-wide limit.
    let account: String
    /// The client address's bucket: failures against every account.
    let address: String
    /// The account-from-this-address bucket: the one that locks.
    let accountFromAddress: String

    /// The buckets of a login for `normalizedEmail` (trimmed, lowercased) from `clientAddress`.
    init(normalizedEmail: String, clientAddress: String) {
        let accountDigest = Self.digest(normalizedEmail)
        let addressDigest = Self.digest(Self.normalizedAddress(clientAddress))
        account = "account:" + accountDigest
        address = "address:" + addressDigest
        // Two fixed-length digests side by side: no email and address pair can name another's bucket.
        accountFromAddress = "account-address:" + Self.digest(accountDigest + addressDigest)
    }

    /// All three, for reading and counting.
    var all: [String] { [account, address, accountFromAddress] }

    private static func digest(_ text: String) -> String {
        Hex.encode(SHA256.hash(text))
    }

    /// The text an address is counted under: an IPv6 address counts as its /64 (one subscriber usually holds a
    /// whole /64), an IPv4-mapped IPv6 address as the IPv4 address, anything that is no address as its trimmed,
    /// lowercased text.
    static func normalizedAddress(_ clientAddress: String) -> String {
        let text = clientAddress.trimmingCharacters(in: .whitespaces).lowercased()
        guard let parsed = IPAddress(text) else { return text }
        switch parsed.unmappedIPv4 ?? parsed {
        case .v4(let value):
            return IPAddress.v4(value).description
        case .v6(let high, _):
            let bytes = (0..<8).map { UInt8(truncatingIfNeeded: high >> (56 - 8 * UInt64($0))) }
            return Hex.encode(bytes) + "::/64"
        }
    }
}
