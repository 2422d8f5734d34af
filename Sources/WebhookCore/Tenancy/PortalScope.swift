public import Foundation

/// What a portal session is limited to: one chatbot of its tenant, shown with the theme of the link it came from.
public struct PortalScope: Sendable, Equatable {
    /// The only chatbot the session may reach.
    public let chatbotId: UUID
    /// The link's theme.
    public let theme: PortalTheme

    /// Creates a scope.
    public init(chatbotId: UUID, theme: PortalTheme) {
        self.chatbotId = chatbotId
        self.theme = theme
    }
}
