import Foundation
import WebhookCore

/// The `theme` column of `portal_links` and `portal_theme` of `sessions` (jsonb): `{"accent"?, "logoUrl"?, "dark"?}`,
/// members left out when unset.
enum PortalThemeColumn {
    /// The column's JSON text for `theme`.
    static func encode(_ theme: PortalTheme) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        guard let text = String(data: try encoder.encode(theme), encoding: .utf8) else {
            throw StorageError.corrupt("portal theme")
        }
        return text
    }

    /// The theme in the column's text; `nil` (a SQL NULL) is no theme.
    static func decode(_ text: String?) throws -> PortalTheme {
        guard let text else { return .none }
        do {
            return try JSONDecoder().decode(PortalTheme.self, from: Data(text.utf8))
        } catch {
            throw StorageError.corrupt("portal theme \(text.prefix(100))")
        }
    }
}
