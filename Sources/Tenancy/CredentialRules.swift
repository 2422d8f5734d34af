import Foundation
import WebhookCore

/// The rules for names, emails and passwords that provisioning accepts.
enum CredentialRules {
    /// Checks a display name: 1 to 200 characters after trimming, no control characters.
    static func name(_ raw: String, field: String) throws(TenancyError) -> String {
        let name = raw.trimmingCharacters(in: .whitespacesAndNewlines)
        guard (1...200).contains(name.count), !ControlCharacters.occur(in: name)
        else { throw .invalid(field: field, message: "must be 1 to 200 characters without control characters") }
        return name
    }

    /// Checks an email address loosely (one `@`, a dotted domain, no spaces, at most 254 bytes) and lowercases it.
    static func email(_ raw: String, field: String = "email") throws(TenancyError) -> String {
        let email = raw.trimmingCharacters(in: .whitespaces).lowercased()
        let parts = email.split(separator: "@", omittingEmptySubsequences: false)
        guard email.utf8.count <= 254, parts.count == 2, !parts[0].isEmpty, parts[1].contains("."),
              !parts[1].hasPrefix("."), !parts[1].hasSuffix("."),
              !email.contains(where: { $0.isWhitespace || $0.asciiValue.map { $0 < 0x21 } == true })
        else { throw .invalid(field: field, message: "must be an email address") }
        return email
    }

    /// Checks a password: 10 to 1024 bytes, no control characters (the API refuses them at login, so such a
    /// password could never be used there).
    static func password(_ raw: String, field: String = "password") throws(TenancyError) -> String {
        guard (10...1024).contains(raw.utf8.count) else {
            throw .invalid(field: field, message: "must be 10 to 1024 bytes long")
        }
        guard !ControlCharacters.occur(in: raw) else {
            throw .invalid(field: field, message: "must not contain control characters")
        }
        return raw
    }
}
