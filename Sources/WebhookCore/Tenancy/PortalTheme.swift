import Foundation

/// The light theming a portal link carries: an accent colour, a logo and dark mode. Every member is optional; the
/// values are checked by ``validated(accent:logoUrl:dark:)`` before they are stored, and shown by the page only
/// through CSS custom properties and an `<img src>`.
public struct PortalTheme: Sendable, Equatable, Codable {
    /// `#rrggbb`.
    public let accent: String?
    /// An absolute `https://` URL of at most 2048 characters.
    public let logoUrl: String?
    /// Whether the page is shown dark.
    public let dark: Bool?

    /// The theme with nothing set.
    public static let none = PortalTheme(uncheckedAccent: nil, logoUrl: nil, dark: nil)

    /// A theme from stored, already validated values.
    public init(uncheckedAccent accent: String?, logoUrl: String?, dark: Bool?) {
        self.accent = accent
        self.logoUrl = logoUrl
        self.dark = dark
    }

    /// The theme, or the first field at fault: `accent` not `#rrggbb`, `logoUrl` not an absolute https URL without
    /// user part, control characters or spaces.
    public static func validated(accent: String?, logoUrl: String?, dark: Bool?) throws(PortalThemeError) -> PortalTheme {
        if let accent, !isAccent(accent) { throw PortalThemeError(field: "accent", problem: "Must be a colour like #3358d4.") }
        if let logoUrl, !isLogoURL(logoUrl) {
            throw PortalThemeError(field: "logoUrl", problem: "Must be an absolute https:// URL of at most 2048 characters.")
        }
        return PortalTheme(uncheckedAccent: accent, logoUrl: logoUrl, dark: dark)
    }

    /// `#` and six hexadecimal digits.
    public static func isAccent(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        return bytes.count == 7 && bytes[0] == UInt8(ascii: "#") && bytes.dropFirst().allSatisfy { byte in
            (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || (UInt8(ascii: "a")...UInt8(ascii: "f")).contains(byte | 0x20)
        }
    }

    /// An absolute `https://host/...` URL: printable ASCII without spaces, quotes or backslashes, no user part.
    public static func isLogoURL(_ text: String) -> Bool {
        guard text.utf8.count <= 2048, text.lowercased().hasPrefix("https://"),
              text.utf8.allSatisfy({ (0x21...0x7E).contains($0) && $0 != UInt8(ascii: "\"") && $0 != UInt8(ascii: "'")
                  && $0 != UInt8(ascii: "\\") && $0 != UInt8(ascii: "<") && $0 != UInt8(ascii: ">") }),
              let components = URLComponents(string: text), components.scheme?.lowercased() == "https",
              let host = components.host, !host.isEmpty, components.user == nil, components.password == nil
        else { return false }
        return true
    }
}

/// A theme value at fault, naming its field.
public struct PortalThemeError: Error, Equatable {
    /// `accent` or `logoUrl`.
    public let field: String
    /// What is wrong, for people.
    public let problem: String
}
