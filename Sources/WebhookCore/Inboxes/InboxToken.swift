internal import Cryptography

/// The capability in an inbox's URL (`/inbox/<token>`): whoever holds it may post to the inbox, nothing more.
///
/// 256 random bits, `inb_` + unpadded base64url (47 characters). Only its SHA-256 is looked up; the token itself is
/// kept sealed so the tenant's dashboard can show the URL again (see ``SecretCipher``).
public enum InboxToken {
    /// The prefix of every inbox token.
    public static let prefix = "inb_"

    /// A fresh token.
    public static func generate() -> String {
        prefix + Base64.encodeURL(SecureRandom.bytes(32))
    }

    /// The SHA-256 of `token`, the key inboxes are found by.
    public static func hash(_ token: String) -> [UInt8] {
        SHA256.hash(Array(token.utf8))
    }

    /// Whether `text` has a token's shape; anything else cannot name an inbox and is refused without a query.
    public static func isWellFormed(_ text: String) -> Bool {
        text.utf8.count == prefix.utf8.count + 43 && text.hasPrefix(prefix)
            && text.utf8.dropFirst(prefix.utf8.count).allSatisfy { byte in
                (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte) || (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte)
                    || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "_")
            }
    }
}
