import Testing
import WebhookCore

/// The checks a portal link's theme passes before it is stored and shown.
@Suite struct PortalThemeTests {
    @Test(arguments: ["#3358d4", "#FFFFFF", "#000000", "#aBc123"])
    func anAccentIsAHashAndSixHexDigits(_ accent: String) throws {
        #expect(PortalTheme.isAccent(accent))
        #expect(try PortalTheme.validated(accent: accent, logoUrl: nil, dark: nil).accent == accent)
    }

    @Test(arguments: ["3358d4", "#3358d", "#3358d4a", "#3358g4", "red", "#33 8d4", "", "#３３５８ｄ４", "#3358d4;"])
    func anythingElseIsNotAnAccent(_ accent: String) {
        #expect(!PortalTheme.isAccent(accent))
        #expect(throws: PortalThemeError.self) { try PortalTheme.validated(accent: accent, logoUrl: nil, dark: nil) }
    }

    @Test(arguments: ["https://cdn.example.com/logo.png", "HTTPS://cdn.example.com/a/b.svg?v=2", "https://[::1]:8443/l.png"])
    func aLogoIsAnAbsoluteHTTPSURL(_ url: String) {
        #expect(PortalTheme.isLogoURL(url))
    }

    @Test(arguments: ["http://cdn.example.com/logo.png", "javascript:alert(1)", "data:image/png;base64,AAAA", "//cdn.example.com/l.png",
                      "https://", "https://user:pw@cdn.example.com/l.png", "https://cdn.example.com/a b.png",
                      "https://cdn.example.com/a\"b.png", "https://cdn.example.com/a'b.png", "https://cdn.example.com/\u{7}",
                      "https://cdn.example.com/" + String(repeating: "a", count: 2048)])
    func anythingElseIsNotALogo(_ url: String) throws {
        #expect(!PortalTheme.isLogoURL(url))
        let error = try #require(throws: PortalThemeError.self) { try PortalTheme.validated(accent: nil, logoUrl: url, dark: nil) }
        #expect(error.field == "logoUrl")
    }
}
